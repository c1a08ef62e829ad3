// `npm run e2e -- gate-fuzz`: a gate process takes more than 10,000 hostile frames and connection patterns
// (random bytes, truncated msgpack, huge declared lengths, floods, slow readers, slowloris handshakes, oversized
// frames, bad tokens, broken WebSocket framing, attempt storms) from many connections and addresses, while 100
// well-behaved SDK clients keep making requests. The gate must not crash, the good clients must see no error, and
// every hostile connection must end with a documented close code (docs/protocol.md).
import { connect as tcpConnect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { WebSocket } from 'ws';
import { GameClient } from '../../../node/src/client/index.ts';
import { encodeClientFrame } from '../../../node/src/gate/protocol/codec.ts';
import { CloseCode, FrameType, PROTOCOL_VERSIONS } from '../../../node/src/gate/protocol/protocol-wire.ts';
import { signToken } from '../../../node/src/gate/token.ts';
import { NodeProcess } from '../harness/node-process.ts';
import type { Suite, SuiteSummary } from '../suite.ts';

const APP = fileURLToPath(new URL('./gate-fuzz-app.ts', import.meta.url));
const CLUSTER_KEY = 'gate-fuzz-cluster-key-0123456789abcdef';
const GOOD_CLIENTS = 100;
const RUN_MS = 45_000;
const HOSTILE_CONCURRENCY = 40;
/** Endings that are not a WebSocket close code: the connection never became a WebSocket. */
const HTTP_ENDINGS = new Set(['http-refused', 'http-timeout']);
/**
 * 1006 is documented too (docs/protocol.md): a peer that does not read even the close frame is cut after the
 * gate's close timeout, and its side reports an abnormal closure.
 */
const DOCUMENTED_CODES = new Set<number | string>([...Object.values(CloseCode), 1006, ...HTTP_ENDINGS]);

export const gateFuzzSuite: Suite = {
  name: 'gate-fuzz',
  description: `10,000+ hostile frames and connection patterns against a gate while ${GOOD_CLIENTS} SDK clients make requests`,
  run: runGateFuzz,
};

type Ending = number | 'http-refused' | 'http-timeout' | 'none';

interface HostileResult {
  readonly pattern: string;
  readonly frames: number;
  readonly ending: Ending;
}

/** A fresh player id per hostile connection, so no two of them take over each other's session (4011). */
let nextPlayer = 0;
const player = (prefix: string) => `${prefix}-${nextPlayer++}`;

/** A fresh loopback source address per hostile connection, so the per-IP attempt limit meets only the storm. */
let nextAddress = 0;
function freshAddress(): string {
  const n = nextAddress++;
  return `127.0.${10 + (Math.floor(n / 250) % 200)}.${1 + (n % 250)}`;
}

function token(playerId: string, ttlSeconds = 600): string {
  const now = Math.floor(Date.now() / 1000);
  return signToken(Buffer.from(CLUSTER_KEY), { sub: playerId, iat: now, exp: now + ttlSeconds });
}

const hello = (tokenText: string, versions: readonly number[] = PROTOCOL_VERSIONS) =>
  Buffer.from(encodeClientFrame({ type: FrameType.Hello, hello: { versions, token: tokenText } }));

const request = (id: number, route = 'player.echo', args: unknown[] = [id]) =>
  Buffer.from(encodeClientFrame({ type: FrameType.Request, requestId: id, route, args }));

function randomBytes(max: number): Buffer {
  const bytes = Buffer.alloc(1 + Math.floor(Math.random() * max));
  for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  return bytes;
}

/** Opens a WebSocket from a fresh address, runs `script` once open, resolves with how the gate ended it. */
function wsPattern(
  url: string,
  pattern: string,
  script: (ws: WebSocket, sent: (n?: number) => void) => void,
  localAddress = freshAddress(),
  waitMs = 15_000,
): Promise<HostileResult> {
  return new Promise((resolve) => {
    let frames = 0;
    let done = false;
    const ws = new WebSocket(url, { localAddress, perMessageDeflate: false });
    const finish = (ending: Ending) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      ws.terminate();
      resolve({ pattern, frames, ending });
    };
    const timer = setTimeout(() => finish('none'), waitMs);
    ws.on('open', () => {
      try {
        script(ws, (n = 1) => {
          frames += n;
        });
      } catch {
        // The socket closed under the script: the close event says how.
      }
    });
    ws.on('close', (code) => finish(code));
    ws.on('unexpected-response', () => finish('http-refused'));
    ws.on('error', () => {
      // 'close' follows with the code.
    });
  });
}

function send(ws: WebSocket, bytes: Buffer, sent: (n?: number) => void): void {
  if (ws.readyState !== WebSocket.OPEN) return;
  ws.send(bytes);
  sent();
}

/** The hostile patterns: each returns how its connection ended. */
function patterns(url: string): Record<string, () => Promise<HostileResult>> {
  const { hostname, port } = new URL(url);
  return {
    'garbage-before-hello': () =>
      wsPattern(url, 'garbage-before-hello', (ws, sent) => send(ws, randomBytes(200), sent)),
    'garbage-after-hello': () =>
      wsPattern(url, 'garbage-after-hello', (ws, sent) => {
        send(ws, hello(token(player('g'))), sent);
        setTimeout(() => {
          for (let i = 0; i < 20; i++) send(ws, randomBytes(300), sent);
        }, 100);
      }),
    truncated: () =>
      wsPattern(url, 'truncated', (ws, sent) => {
        const whole = hello(token('t'));
        send(ws, whole.subarray(0, Math.max(1, Math.floor(Math.random() * (whole.length - 1)))), sent);
      }),
    'huge-length': () =>
      wsPattern(url, 'huge-length', (ws, sent) => {
        // [2, 1, str32 of 4 GiB...]: a declared length far past the bytes that follow.
        send(ws, Buffer.from([0x94, 0x02, 0x01, 0xdb, 0xff, 0xff, 0xff, 0xf0, 0x61, 0x62]), sent);
        send(ws, Buffer.from([0xdd, 0x7f, 0xff, 0xff, 0xff]), sent);
      }),
    oversized: () => wsPattern(url, 'oversized', (ws, sent) => send(ws, Buffer.alloc(70_000, 0x91), sent)),
    flood: () =>
      wsPattern(url, 'flood', (ws, sent) => {
        send(ws, hello(token(player('f'))), sent);
        setTimeout(() => {
          for (let i = 1; i <= 400; i++)
            send(ws, Buffer.from(encodeClientFrame({ type: FrameType.Notify, route: 'player.echo', args: [i] })), sent);
        }, 100);
      }),
    'pending-flood': () =>
      wsPattern(url, 'pending-flood', (ws, sent) => {
        send(ws, hello(token(player('p'))), sent);
        setTimeout(() => {
          for (let i = 1; i <= 200; i++) send(ws, request(i), sent);
        }, 100);
      }),
    'slow-reader': () =>
      wsPattern(
        url,
        'slow-reader',
        (ws, sent) => {
          const socket = (ws as unknown as { _socket: import('node:net').Socket })._socket;
          send(ws, hello(token(player('s'))), sent);
          setTimeout(() => {
            socket.pause();
            send(ws, request(1, 'player.flood', [600, 60_000]), sent);
            // A paused reader cannot see the close either: read again once the gate has given up on it.
            setTimeout(() => socket.resume(), 1_500);
          }, 100);
        },
        freshAddress(),
        20_000,
      ),
    'no-hello': () => wsPattern(url, 'no-hello', () => {}),
    'bad-token': () =>
      wsPattern(url, 'bad-token', (ws, sent) =>
        send(ws, hello(Math.random() < 0.5 ? token('x', -60) : `${token('x')}tampered`), sent),
      ),
    'wrong-version': () => wsPattern(url, 'wrong-version', (ws, sent) => send(ws, hello(token('v'), [99, 100]), sent)),
    'broken-framing': () => rawFraming(hostname, Number(port)),
    slowloris: () => slowloris(hostname, Number(port)),
  };
}

/** A WebSocket upgrade, then an unmasked client frame (RFC 6455 forbids it): the gate must close with 1002. */
function rawFraming(host: string, port: number): Promise<HostileResult> {
  return new Promise((resolve) => {
    const socket = tcpConnect({ host, port, localAddress: freshAddress() });
    let answer = Buffer.alloc(0);
    let settled = false;
    const finish = (ending: Ending) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      resolve({ pattern: 'broken-framing', frames: 1, ending });
    };
    socket.on('connect', () => {
      socket.write(
        'GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
          'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
      );
      socket.write(Buffer.from([0x82, 0x01, 0x00]));
    });
    socket.on('data', (chunk: Buffer) => {
      answer = Buffer.concat([answer, chunk]);
      const headerEnd = answer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const close = answer.indexOf(0x88, headerEnd + 4);
      if (close >= 0 && answer.length >= close + 4) finish(answer.readUInt16BE(close + 2));
    });
    socket.on('close', () => finish('none'));
    socket.on('error', () => finish('none'));
    setTimeout(() => finish('none'), 10_000);
  });
}

/** Sends an upgrade request one byte at a time, slower than the gate's header timeout allows. */
function slowloris(host: string, port: number): Promise<HostileResult> {
  return new Promise((resolve) => {
    const socket = tcpConnect({ host, port, localAddress: freshAddress() });
    const request = 'GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n';
    let at = 0;
    let settled = false;
    const drip = setInterval(() => {
      if (at < request.length) socket.write(request[at++]!);
    }, 1_000);
    const finish = (ending: Ending) => {
      if (settled) return;
      settled = true;
      clearInterval(drip);
      socket.destroy();
      resolve({ pattern: 'slowloris', frames: 0, ending });
    };
    // The gate's HTTP server gives up on headers after 10 s: the socket ends (with or without a 408).
    socket.on('close', () => finish('http-timeout'));
    socket.on('error', () => finish('http-timeout'));
    setTimeout(() => finish('none'), 25_000);
  });
}

/** Many handshakes from one address within a minute: past the per-IP limit they close with 4009. */
async function attemptStorm(url: string): Promise<HostileResult[]> {
  const address = freshAddress();
  const results = await Promise.all(
    Array.from({ length: 40 }, (_, i) =>
      wsPattern(url, 'attempt-storm', (ws, sent) => send(ws, hello(token(`storm${i}`)), sent), address, 8_000),
    ),
  );
  // Those let in idle until our timer ends them ('none' → we closed them): only the refused ones are hostile.
  return results.filter((r) => r.ending !== 'none');
}

class GoodClients {
  readonly clients: GameClient[] = [];
  errors = 0;
  requests = 0;
  readonly errorSamples: string[] = [];
  private running = true;

  async start(url: string): Promise<void> {
    for (let i = 0; i < GOOD_CLIENTS; i++) {
      const localAddress = `127.0.1.${1 + i}`;
      const Bound = class extends WebSocket {
        constructor(target: string) {
          super(target, { localAddress, perMessageDeflate: false });
        }
      };
      const client = new GameClient({ WebSocket: Bound as never });
      client.onLifecycle('disconnected', (info) => this.fail(`client ${i} disconnected: ${JSON.stringify(info)}`));
      this.clients.push(client);
    }
    await Promise.all(this.clients.map((client, i) => client.connect(url, { token: token(`good-${i}`, 3_600) })));
    for (const client of this.clients) void this.loop(client);
  }

  private async loop(client: GameClient): Promise<void> {
    let n = 0;
    while (this.running) {
      try {
        const answer = await client.request<number>('player.echo', ++n);
        this.requests++;
        if (answer !== n) this.fail(`echo answered ${answer} for ${n}`);
      } catch (error) {
        if (this.running) this.fail(String(error));
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  private fail(text: string): void {
    if (!this.running) return;
    this.errors++;
    if (this.errorSamples.length < 5) this.errorSamples.push(text);
  }

  stop(): void {
    this.running = false;
    for (const client of this.clients) client.close();
  }
}

async function runGateFuzz(): Promise<SuiteSummary> {
  const started = Date.now();
  let gateUrl = '';
  const gate = new NodeProcess({
    name: 'fuzz-gate',
    onLine: (line) => {
      if (line.event === 'node.ready') gateUrl = String(line.gate);
    },
    args: [
      '--app',
      APP,
      '--name',
      'fuzz-gate',
      '--roles',
      'gate',
      '--provider',
      'memory',
      '--mesh-host',
      '127.0.0.60',
      '--gate-host',
      '127.0.0.60',
      '--gate-port',
      '0',
      '--cluster-key',
      CLUSTER_KEY,
    ],
  });
  const good = new GoodClients();
  const results: HostileResult[] = [];
  try {
    await gate.start();
    await good.start(gateUrl);
    const all = patterns(gateUrl);
    const names = Object.keys(all);
    const deadline = Date.now() + RUN_MS;
    const storm = attemptStorm(gateUrl);
    const worker = async () => {
      while (Date.now() < deadline) {
        const name = names[Math.floor(Math.random() * names.length)]!;
        results.push(await all[name]!());
      }
    };
    await Promise.all(Array.from({ length: HOSTILE_CONCURRENCY }, worker));
    results.push(...(await storm));
    // The good clients kept going the whole time; give their last requests a moment.
    await new Promise((resolve) => setTimeout(resolve, 500));
  } finally {
    good.stop();
  }
  const alive = gate.running && (await healthy(gateUrl));
  await gate.stop(10_000);
  gate.closeLog();

  const hostileFrames = results.reduce((sum, r) => sum + r.frames, 0);
  const undocumented = results.filter((r) => !DOCUMENTED_CODES.has(r.ending));
  const endings: Record<string, Record<string, number>> = {};
  for (const r of results) {
    const byEnding = endings[r.pattern] ?? {};
    endings[r.pattern] = byEnding;
    byEnding[String(r.ending)] = (byEnding[String(r.ending)] ?? 0) + 1;
  }
  return {
    suite: 'gate-fuzz',
    pass: alive && good.errors === 0 && undocumented.length === 0 && hostileFrames >= 10_000 && good.requests > 0,
    hostileFrames,
    hostileConnections: results.length,
    gateCrashes: alive ? 0 : 1,
    goodClientErrors: good.errors,
    goodClientRequests: good.requests,
    undocumentedCloses: undocumented.length,
    endings,
    errorSamples: good.errorSamples,
    elapsedSeconds: Math.round((Date.now() - started) / 1000),
  };
}

async function healthy(url: string): Promise<boolean> {
  try {
    const { host } = new URL(url);
    const response = await fetch(`http://${host}/healthz`);
    return response.ok;
  } catch {
    return false;
  }
}
