// Every limit of the gate over real WebSockets, each ending with its own close code: frame too large 1009,
// malformed 4000 (that connection only), handshake timeout 4002, rate 4004, pending requests 4005, slow consumer
// 4006, idle 4007, gate full 4008, attempts per IP 4009.

import { connect } from 'node:net';
import { afterEach, describe, expect, it } from '@jest/globals';
import type { GateOptions } from './gate-options.ts';
import { encodeClientFrame } from './protocol/codec.ts';
import { FrameType } from './protocol/protocol-wire.ts';
import {
  gateUrl,
  sleep,
  startTestNodes,
  stopTestNodes,
  TestClient,
  type TestNode,
  testToken,
  waitFor,
} from './testing-gate.ts';

let nodes: TestNode[] = [];

afterEach(async () => {
  await stopTestNodes(nodes);
  nodes = [];
});

async function gateWith(options: Partial<GateOptions>): Promise<string> {
  nodes = await startTestNodes([{ name: 'solo', roles: ['gate', 'world'], gate: options }]);
  return gateUrl(nodes[0]!);
}

function closes(): Readonly<Record<number, number>> {
  return nodes[0]!.installed.gate!.stats().closes;
}

describe('gate limits', () => {
  it('closes a connection that sends a frame over maxFrameBytes with 1009', async () => {
    const url = await gateWith({ maxFrameBytes: 1024 });
    const client = await TestClient.connect(url);
    await client.hello(testToken('big'));
    client.sendRaw(new Uint8Array(2048));
    expect((await client.closed).code).toBe(1009);
    await waitFor(() => closes()[1009] === 1);
  });

  it('closes only the connection that sent a malformed frame, with 4000', async () => {
    const url = await gateWith({});
    const good = await TestClient.connect(url);
    await good.hello(testToken('good'));
    const hostile = [
      new Uint8Array([0xc1]), // never-used msgpack byte
      new Uint8Array([0x93, 0x02]), // truncated array
      encodeClientFrame({ type: FrameType.Ping, nonce: 1 }).slice(0, 1),
      new Uint8Array([0x92, 0x63, 0x00]), // unknown frame type 99
      'a text frame',
    ];
    for (const bytes of hostile) {
      const bad = await TestClient.connect(url);
      await bad.hello(testToken('bad'));
      bad.sendRaw(bytes);
      expect((await bad.closed).code).toBe(4000);
    }
    // Deep nesting: REQUEST [2, 1, 'x', args] whose args nest 100 arrays deep.
    const deep = await TestClient.connect(url);
    await deep.hello(testToken('deep'));
    const bytes = new Uint8Array([0x94, 0x02, 0x01, 0xa1, 0x78, ...new Array<number>(100).fill(0x91), 0xc0]);
    deep.sendRaw(bytes);
    expect((await deep.closed).code).toBe(4000);
    expect(await good.call('player.echo', 'still here')).toBe('still here');
  });

  it('closes a connection that sends no HELLO within handshakeTimeoutMs with 4002', async () => {
    const url = await gateWith({ handshakeTimeoutMs: 150 });
    const client = await TestClient.connect(url);
    expect((await client.closed).code).toBe(4002);
  });

  it('closes a connection over its message rate with 4004', async () => {
    const url = await gateWith({ messagesPerSecond: 5, burst: 5 });
    const client = await TestClient.connect(url);
    await client.hello(testToken('chatty'));
    for (let i = 0; i < 10; i++) client.send({ type: FrameType.Ping, nonce: i });
    expect((await client.closed).code).toBe(4004);
    expect(client.frames.filter((f) => f.type === FrameType.Pong).length).toBe(4);
  });

  it('closes a connection with more than maxPendingRequests requests in flight with 4005', async () => {
    const url = await gateWith({ maxPendingRequests: 2 });
    const client = await TestClient.connect(url);
    await client.hello(testToken('impatient'));
    for (let id = 1; id <= 3; id++)
      client.send({ type: FrameType.Request, requestId: id, route: 'player.slow', args: [300] });
    expect((await client.closed).code).toBe(4005);
  });

  it('allows maxPendingRequests in flight, and again once they are answered', async () => {
    const url = await gateWith({ maxPendingRequests: 2 });
    const client = await TestClient.connect(url);
    await client.hello(testToken('patient'));
    for (let round = 0; round < 3; round++) {
      expect(await Promise.all([client.call('player.slow', 20), client.call('player.slow', 20)])).toEqual([
        'slow done',
        'slow done',
      ]);
    }
    client.close();
  });

  it('closes a client that does not read with 4006 once maxBufferedBytes wait for it', async () => {
    const url = await gateWith({ maxBufferedBytes: 64 * 1024, closeTimeoutMs: 10_000 });
    const client = await TestClient.connect(url);
    await client.hello(testToken('slow-reader'));
    const socket = (client.ws as unknown as { _socket: import('node:net').Socket })._socket;
    socket.pause();
    // Enough to fill the loopback socket buffers on both sides, then the gate's own queue.
    client.send({ type: FrameType.Request, requestId: 1, route: 'player.flood', args: [600, 60_000] });
    await waitFor(() => (closes()[4006] ?? 0) === 1, 10_000, 'slow consumer closed');
    socket.resume();
    expect((await client.closed).code).toBe(4006);
  });

  it('closes a connection that sends nothing for idleTimeoutMs with 4007; any frame keeps it open', async () => {
    const url = await gateWith({ idleTimeoutMs: 300 });
    const quiet = await TestClient.connect(url);
    const alive = await TestClient.connect(url);
    const welcome = await quiet.hello(testToken('quiet'));
    expect(welcome.heartbeatMs).toBe(100);
    await alive.hello(testToken('alive'));
    const pinger = setInterval(() => alive.send({ type: FrameType.Ping, nonce: 1 }), 100);
    expect((await quiet.closed).code).toBe(4007);
    await sleep(200);
    clearInterval(pinger);
    expect(alive.closeCode).toBeNull();
    alive.close();
  });

  it('refuses connections past maxConnections with 4008', async () => {
    const url = await gateWith({ maxConnections: 2 });
    const first = await TestClient.connect(url);
    const second = await TestClient.connect(url);
    const third = await TestClient.connect(url);
    expect((await third.closed).code).toBe(4008);
    await first.hello(testToken('one'));
    expect(second.closeCode).toBeNull();
    first.close();
    await first.closed;
    await waitFor(() => nodes[0]!.installed.gate!.stats().connections === 1);
    const fourth = await TestClient.connect(url);
    await fourth.hello(testToken('four'));
  });

  it('refuses handshakes past attemptsPerIpPerMinute from one address with 4009; other addresses still connect', async () => {
    const url = await gateWith({ attemptsPerIpPerMinute: 3 });
    const host = nodes[0]!.host;
    const clients = [];
    for (let i = 0; i < 3; i++) clients.push(await TestClient.connect(url, { localAddress: '127.0.0.1' }));
    const refused = await TestClient.connect(url, { localAddress: '127.0.0.1' });
    expect((await refused.closed).code).toBe(4009);
    const other = await TestClient.connect(url, { localAddress: host });
    await other.hello(testToken('elsewhere'));
  });

  it('survives hostile bytes below the protocol: raw garbage, broken upgrades, broken WebSocket framing (1002)', async () => {
    const url = await gateWith({});
    const { hostname, port } = new URL(url);
    const raw = (bytes: string | Buffer): Promise<string> =>
      new Promise((resolve) => {
        const socket = connect(Number(port), hostname, () => socket.write(bytes));
        let answer = '';
        socket.on('data', (chunk) => {
          answer += chunk.toString('latin1');
        });
        socket.on('error', () => resolve(answer));
        socket.on('close', () => resolve(answer));
        setTimeout(() => socket.destroy(), 500);
      });
    await raw(Buffer.from([0, 1, 2, 255, 254]));
    expect(await raw('GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n')).toMatch(
      /^HTTP\/1.1 400/,
    );
    const upgrade =
      'GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n';
    // An unmasked client frame breaks RFC 6455: ws answers with close 1002.
    const answer = await raw(Buffer.concat([Buffer.from(upgrade), Buffer.from([0x82, 0x01, 0x00])]));
    expect(answer).toMatch(/^HTTP\/1.1 101/);
    await waitFor(() => closes()[1002] === 1);
    const client = await TestClient.connect(url);
    await client.hello(testToken('after-the-storm'));
    expect(await client.call('player.echo', 'ok')).toBe('ok');
  });
});
