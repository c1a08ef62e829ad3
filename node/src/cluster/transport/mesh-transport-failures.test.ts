// The mesh transport when things break, on real gRPC over loopback: peers that die, leave, restart (as the same
// member or a new one), send garbage, or break the handshake rules.

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as grpc from '@grpc/grpc-js';
import { afterEach, describe, expect, it } from '@jest/globals';
import { Packr } from 'msgpackr';
import { MeshProtocolError, PeerUnavailableError } from '../errors.ts';
import { MESH_CONNECT_PATH, MESH_MSGPACK_OPTIONS, MESH_PROTOCOL_VERSION, MeshMetadataKey } from './mesh-wire.ts';
import {
  askEnvelope,
  connectAll,
  loopbackHost,
  startNode,
  type TestNode,
  TestPendingAsk,
  tellEnvelope,
  waitFor,
} from './testing-mesh.ts';

const started: TestNode[] = [];
const rawClients: grpc.Client[] = [];

async function node(id: string, options: Parameters<typeof startNode>[1] = {}): Promise<TestNode> {
  const n = await startNode(id, options);
  started.push(n);
  return n;
}

afterEach(async () => {
  for (const client of rawClients.splice(0)) client.close();
  await Promise.all(started.splice(0).map((n) => n.transport.close()));
});

function hostAndPort(address: string): { host: string; port: number } {
  const at = address.lastIndexOf(':');
  return { host: address.slice(0, at), port: Number(address.slice(at + 1)) };
}

interface RawStream {
  readonly call: grpc.ClientDuplexStream<Buffer, Buffer>;
  /** Resolves with the accepted id, or rejects with the refusal. */
  readonly accepted: Promise<string>;
  /** Resolves with the status the stream ended with. */
  readonly ended: Promise<grpc.StatusObject>;
}

/** A stream opened by hand, as a misbehaving or foreign peer would. */
function rawStream(address: string, from: string, to: string, version = String(MESH_PROTOCOL_VERSION)): RawStream {
  const client = new grpc.Client(address, grpc.credentials.createInsecure(), { 'grpc.use_local_subchannel_pool': 1 });
  rawClients.push(client);
  const metadata = new grpc.Metadata();
  metadata.set(MeshMetadataKey.From, from);
  metadata.set(MeshMetadataKey.To, to);
  metadata.set(MeshMetadataKey.Version, version);
  const call = client.makeBidiStreamRequest<Buffer, Buffer>(
    MESH_CONNECT_PATH,
    (b) => b,
    (b) => b,
    metadata,
  );
  call.on('data', () => {});
  const ended = new Promise<grpc.StatusObject>((resolve) => call.on('status', resolve));
  const accepted = new Promise<string>((resolve, reject) => {
    call.on('metadata', (md) => {
      const id = md.get(MeshMetadataKey.Accepted)[0];
      if (typeof id === 'string') resolve(id);
    });
    call.on('error', reject);
  });
  accepted.catch(() => {});
  return { call, accepted, ended };
}

async function askRoundTrip(from: TestNode, to: string): Promise<unknown> {
  const pending = new TestPendingAsk();
  from.transport.ask(to, askEnvelope('c', 'get', ['ping']), 0, pending);
  return pending.result;
}

describe('MeshTransport when peers fail', () => {
  it('fails asks pending on a peer at once when it dies, on both sides of the pair', async () => {
    const a = await node('a.1');
    const b = await node('b.1');
    const c = await node('c.1');
    connectAll([a, b, c]);
    b.handler.answer = () => undefined;
    const dialerSide = new TestPendingAsk();
    const acceptorSide = new TestPendingAsk();
    a.transport.ask('b.1', askEnvelope('c', 'get', []), 0, dialerSide);
    c.transport.ask('b.1', askEnvelope('c', 'get', []), 0, acceptorSide);
    await waitFor(() => b.handler.received.length === 2, 'asks at b');
    const closedAt = performance.now();
    await b.transport.close();
    await expect(dialerSide.result).rejects.toBeInstanceOf(PeerUnavailableError);
    await expect(acceptorSide.result).rejects.toBeInstanceOf(PeerUnavailableError);
    await expect(dialerSide.result).rejects.toThrow(/may or may not have been handled/);
    expect(performance.now() - closedAt).toBeLessThan(1500);
    expect(a.transport.stats().asksFailed).toBe(1);
    // a and c are unaffected
    expect(await askRoundTrip(a, 'c.1')).toEqual(['ping']);
  });

  it('fails asks pending on a peer process at once when it is killed', async () => {
    const a = await node('a.1');
    const program = join(dirname(fileURLToPath(import.meta.url)), 'testing-mesh-peer.ts');
    const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', program, 'b.1', loopbackHost()], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const [line] = (await once(child.stdout!, 'data')) as [Buffer];
      a.transport.updatePeers([{ id: 'b.1', address: line.toString().trim() }]);
      await waitFor(() => a.transport.stats().streams === 1, 'the stream to the child');
      const pending = new TestPendingAsk();
      a.transport.ask('b.1', askEnvelope('c', 'get', []), 0, pending);
      await waitFor(() => a.transport.stats().framesSent === 1, 'the ask on the wire');
      await new Promise((resolve) => setTimeout(resolve, 20));
      const killedAt = performance.now();
      child.kill('SIGKILL');
      await expect(pending.result).rejects.toBeInstanceOf(PeerUnavailableError);
      expect(performance.now() - killedAt).toBeLessThan(1000);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('fails everything pending or queued for a peer that left, and drops its queued tells', async () => {
    const a = await node('a.1');
    const b = await node('b.1');
    connectAll([a, b]);
    b.handler.answer = () => undefined;
    const written = new TestPendingAsk();
    a.transport.ask('b.1', askEnvelope('c', 'get', []), 0, written);
    await waitFor(() => b.handler.received.length === 1, 'ask at b');
    // and one that never had a stream: nothing listens on port 1
    a.transport.updatePeers([
      { id: 'b.1', address: b.address },
      { id: 'z.1', address: '127.0.0.1:1' },
    ]);
    const queued = new TestPendingAsk();
    a.transport.ask('z.1', askEnvelope('c', 'get', []), 0, queued);
    a.transport.tell('z.1', tellEnvelope('c', 'add', [1]), 0);
    a.transport.updatePeers([]);
    await expect(written.result).rejects.toBeInstanceOf(PeerUnavailableError);
    await expect(queued.result).rejects.toThrow(/left the cluster or was declared dead/);
    const stats = a.transport.stats();
    expect(stats).toMatchObject({ peers: 0, queued: 0, pendingAsks: 0, tellsDropped: 1, asksFailed: 2 });
    expect(() => a.transport.tell('b.1', tellEnvelope('c', 'add', [1]), 0)).toThrow(PeerUnavailableError);
  });

  it('reconnects when the acceptor restarts on the same address as the same member', async () => {
    const a = await node('a.1');
    const b = await node('b.1');
    connectAll([a, b]);
    expect(await askRoundTrip(a, 'b.1')).toEqual(['ping']);
    await b.transport.close();
    await waitFor(() => a.transport.stats().streams === 0, 'a to notice');
    a.transport.tell('b.1', tellEnvelope('c', 'add', ['while down']), 0);
    const { host, port } = hostAndPort(b.address);
    const b2 = await node('b.1', { host, port });
    expect(b2.address).toBe(b.address);
    b2.transport.updatePeers([{ id: 'a.1', address: a.address }]);
    await waitFor(() => b2.handler.received.length === 1, 'the queued tell after the restart');
    expect(b2.handler.received[0]!.envelope.args).toEqual(['while down']);
    expect(await askRoundTrip(a, 'b.1')).toEqual(['ping']);
    expect(await askRoundTrip(b2, 'a.1')).toEqual(['ping']);
    expect(a.transport.stats()).toMatchObject({ streamsDialed: 2, streams: 1 });
  });

  it('is refused by a process that reused the address as a different member', async () => {
    const a = await node('a.1');
    const b = await node('b.1');
    connectAll([a, b]);
    expect(await askRoundTrip(a, 'b.1')).toEqual(['ping']);
    await b.transport.close();
    const { host, port } = hostAndPort(b.address);
    const newcomer = await node('b.2', { host, port });
    const stale = new TestPendingAsk();
    a.transport.ask('b.1', askEnvelope('c', 'get', []), 0, stale);
    await waitFor(
      () => newcomer.transport.stats().streamsRejected >= 2 && a.transport.stats().dialFailures >= 2,
      'refused dials',
    );
    expect(newcomer.handler.received).toHaveLength(0);
    const dialError = a.errors.find((e) => e.where === 'mesh dial to b.1')?.error;
    expect(dialError).toBeInstanceOf(PeerUnavailableError);
    expect(String((dialError as Error).message)).toMatch(/now serves member b\.2, not b\.1/);
    expect(stale.settled).toBe(false);
    // the membership catches up: the stale ask fails, the new member is reachable
    a.transport.updatePeers([{ id: 'b.2', address: newcomer.address }]);
    await expect(stale.result).rejects.toBeInstanceOf(PeerUnavailableError);
    expect(await askRoundTrip(a, 'b.2')).toEqual(['ping']);
  });

  it('fails asks of the old incarnation when this node rejoins under a new id', async () => {
    const a = await node('a.1');
    const b = await node('b.1');
    connectAll([a, b]);
    b.handler.answer = () => undefined;
    const pending = new TestPendingAsk();
    a.transport.ask('b.1', askEnvelope('c', 'get', []), 0, pending);
    a.transport.setSelfId('a.2');
    await expect(pending.result).rejects.toThrow(/rejoined as member a\.2/);
    expect(a.transport.stats()).toMatchObject({ peers: 0, streams: 0 });
    a.transport.updatePeers([{ id: 'b.1', address: b.address }]);
    b.transport.updatePeers([{ id: 'a.2', address: a.address }]);
    b.handler.answer = (envelope) => ({ ok: true, value: envelope.args });
    expect(await askRoundTrip(a, 'b.1')).toEqual(['ping']);
  });
});

describe('MeshTransport against misbehaving peers', () => {
  it.each([
    { desc: 'bytes that are not msgpack', frame: Buffer.from([0xc1, 0xc1, 0xc1]) },
    { desc: 'a frame of another version', frame: new Packr(MESH_MSGPACK_OPTIONS).pack([99, []]) },
    {
      desc: 'a string reference outside the table',
      frame: new Packr(MESH_MSGPACK_OPTIONS).pack([MESH_PROTOCOL_VERSION, ['K'], 1, 0, 5, 0, [], 0, '', 0]),
    },
    { desc: 'an unknown record kind', frame: new Packr(MESH_MSGPACK_OPTIONS).pack([MESH_PROTOCOL_VERSION, [], 15]) },
  ])('closes only the stream that sent $desc', async ({ frame }) => {
    const a = await node('a.1');
    const b = await node('b.1');
    connectAll([a, b]);
    expect(await askRoundTrip(a, 'b.1')).toEqual(['ping']);
    const raw = rawStream(b.address, 'a.0', 'b.1');
    expect(await raw.accepted).toBe('b.1');
    raw.call.write(frame);
    const status = await raw.ended;
    expect(status.code).toBe(grpc.status.INTERNAL);
    expect(status.details).toMatch(/undecodable frame from member a\.0/);
    expect(b.transport.stats().protocolErrors).toBe(1);
    expect(b.errors[0]?.error).toBeInstanceOf(MeshProtocolError);
    expect(b.handler.received).toHaveLength(1);
    expect(await askRoundTrip(a, 'b.1')).toEqual(['ping']);
    await waitFor(() => b.transport.stats().streams === 1, 'only the pair stream left');
  });

  it.each([
    { desc: 'another protocol version', from: 'a.0', to: 'b.1', version: '999', code: grpc.status.FAILED_PRECONDITION },
    { desc: 'another incarnation', from: 'a.0', to: 'b.0', version: undefined, code: grpc.status.FAILED_PRECONDITION },
    {
      desc: 'a higher id (dial rule)',
      from: 'c.1',
      to: 'b.1',
      version: undefined,
      code: grpc.status.FAILED_PRECONDITION,
    },
    { desc: 'no member id', from: '', to: 'b.1', version: undefined, code: grpc.status.INVALID_ARGUMENT },
  ])('refuses a stream meant for $desc', async ({ from, to, version, code }) => {
    const b = await node('b.1');
    const raw = rawStream(b.address, from, to, version);
    await expect(raw.accepted).rejects.toMatchObject({ code });
    expect(b.transport.stats()).toMatchObject({ streamsRejected: 1, streams: 0 });
  });

  it('refuses a member that left, and replaces an older stream from the same member', async () => {
    const b = await node('b.1');
    const first = rawStream(b.address, 'a.0', 'b.1');
    expect(await first.accepted).toBe('b.1');
    const second = rawStream(b.address, 'a.0', 'b.1');
    expect(await second.accepted).toBe('b.1');
    expect((await first.ended).code).toBe(grpc.status.ABORTED);
    expect(b.transport.stats().streams).toBe(1);
    b.transport.updatePeers([{ id: 'a.0', address: '127.0.0.1:1' }]);
    b.transport.updatePeers([]);
    const late = rawStream(b.address, 'a.0', 'b.1');
    await expect(late.accepted).rejects.toMatchObject({ code: grpc.status.UNAVAILABLE });
  });
});
