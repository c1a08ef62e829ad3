// Test harness of the gate layer: a raw `ws` client that speaks frames (no SDK), in-process cluster nodes with the
// gate installed (memory provider, real gRPC and real WebSockets, each node on its own 127.0.0.N), test actors,
// and token helpers.
import { WebSocket } from 'ws';
import { Actor } from '../actor/actor.ts';
import type { ActorSystem } from '../actor/actor-system.ts';
import { ClusterNode } from '../cluster/cluster-node.ts';
import { MemoryCluster, MemoryClusterProvider } from '../cluster/memory/index.ts';
import { bindClient, kickClient } from './bind-client.ts';
import type { GateOptions } from './gate-options.ts';
import { type InstalledGate, installGate } from './install-gate.ts';
import { decodeServerFrame, encodeClientFrame } from './protocol/codec.ts';
import type { ClientFrame, HelloBody, ServerFrame, WelcomeBody } from './protocol/frames.ts';
import { FrameType, PROTOCOL_VERSIONS } from './protocol/protocol-wire.ts';
import { signToken } from './token.ts';

export const TEST_CLUSTER_KEY = Buffer.alloc(32, 7);

/** A login token for `playerId`, valid for `ttlSeconds` (negative: already expired). */
export function testToken(playerId: string, ttlSeconds = 600, key: Uint8Array = TEST_CLUSTER_KEY): string {
  const now = Math.floor(Date.now() / 1000);
  return signToken(key, { sub: playerId, iat: now, exp: now + ttlSeconds });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export async function waitFor(condition: () => boolean, timeoutMs = 5_000, what = 'condition'): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error(`${what} not met within ${timeoutMs} ms`);
    await sleep(10);
  }
}

type PushFrame = Extract<ServerFrame, { type: 19 }>;

/** A WebSocket client that records every server frame and the close. */
export class TestClient {
  readonly ws: WebSocket;
  readonly frames: ServerFrame[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  closeCode: number | null = null;
  private readonly taken = new Set<number>();
  private nextRequestId = 1;
  private waiters: (() => void)[] = [];

  private constructor(ws: WebSocket) {
    this.ws = ws;
    this.closed = new Promise((resolve) => {
      ws.on('close', (code, reason) => {
        this.closeCode = code;
        resolve({ code, reason: reason.toString() });
        this.wake();
      });
    });
    ws.on('message', (data: Buffer) => {
      this.frames.push(decodeServerFrame(new Uint8Array(data)));
      this.wake();
    });
    ws.on('error', () => {});
  }

  static connect(url: string, options: { localAddress?: string } = {}): Promise<TestClient> {
    const ws = new WebSocket(url, { localAddress: options.localAddress, perMessageDeflate: false });
    const client = new TestClient(ws);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(client));
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
      ws.once('error', reject);
    });
  }

  send(frame: ClientFrame): void {
    this.ws.send(encodeClientFrame(frame));
  }

  sendRaw(data: Uint8Array | string): void {
    this.ws.send(data);
  }

  /** The first frame not taken yet that matches `match` (waiting for it); frames it passes over stay for later calls. */
  async next<T extends ServerFrame = ServerFrame>(
    match: (frame: ServerFrame) => boolean = () => true,
    timeoutMs = 5_000,
  ): Promise<T> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      for (let i = 0; i < this.frames.length; i++) {
        const frame = this.frames[i]!;
        if (!this.taken.has(i) && match(frame)) {
          this.taken.add(i);
          return frame as T;
        }
      }
      if (this.closeCode !== null) throw new Error(`connection closed (${this.closeCode}) before the frame came`);
      const left = until - Date.now();
      if (left <= 0) throw new Error(`no matching frame within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Sends HELLO and resolves with WELCOME. */
  async hello(token: string, extra: Partial<HelloBody> = {}): Promise<WelcomeBody> {
    this.send({ type: FrameType.Hello, hello: { versions: PROTOCOL_VERSIONS, token, ...extra } });
    const frame = await this.next((f) => f.type === FrameType.Welcome || f.type === FrameType.Error);
    if (frame.type !== FrameType.Welcome) throw new Error(`no WELCOME: ${JSON.stringify(frame)}`);
    return frame.welcome;
  }

  /** Sends a REQUEST; resolves with its RESPONSE result, rejects with its ERROR body. */
  async call(route: string, ...args: unknown[]): Promise<unknown> {
    const requestId = this.nextRequestId++;
    this.send({ type: FrameType.Request, requestId, route, args });
    const frame = await this.next(
      (f) => (f.type === FrameType.Response || f.type === FrameType.Error) && f.requestId === requestId,
    );
    if (frame.type === FrameType.Response) return frame.result;
    throw Object.assign(new Error((frame as { error: { message: string } }).error.message), {
      code: (frame as { error: { code: string } }).error.code,
    });
  }

  /** Every PUSH received so far. */
  pushes(): PushFrame[] {
    return this.frames.filter((f): f is PushFrame => f.type === FrameType.Push);
  }

  close(): void {
    this.ws.close(1000);
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}

// ---- test actors ----

export class TestPlayer extends Actor {
  private notes: unknown[] = [];

  hello(name: string): string {
    return `hello ${name}, from ${this.ctx.id}`;
  }

  echo(value: unknown): unknown {
    return value;
  }

  secret(): string {
    return 'not for clients';
  }

  async slow(ms: number): Promise<string> {
    await sleep(ms);
    return 'slow done';
  }

  note(value: unknown): void {
    this.notes.push(value);
  }

  notesSoFar(): unknown[] {
    return this.notes;
  }

  boom(): never {
    throw new Error('kaboom');
  }

  pushMe(event: string, data: unknown): void {
    this.ctx.client(this.ctx.id).push(event, data);
  }

  pushTo(playerIds: string[], event: string, data: unknown): void {
    this.ctx.clients(playerIds).push(event, data);
  }

  flood(count: number, bytes: number): void {
    const payload = new Uint8Array(bytes);
    for (let i = 0; i < count; i++) this.ctx.client(this.ctx.id).push('flood', payload);
  }

  joinRoom(room: string): Promise<boolean> {
    return bindClient(this.ctx, this.ctx.id, 'room', TestRoom, room);
  }

  kickMe(reason: string): void {
    kickClient(this.ctx, this.ctx.id, 'TEST_KICK', reason);
  }
}

export class TestRoom extends Actor {
  say(playerId: string, text: string): { room: string; from: string; text: string } {
    return { room: this.ctx.id, from: playerId, text };
  }

  hidden(): string {
    return 'no';
  }
}

export const PLAYER_CLIENT_METHODS = [
  'hello',
  'echo',
  'slow',
  'note',
  'notesSoFar',
  'boom',
  'pushMe',
  'pushTo',
  'flood',
  'joinRoom',
  'kickMe',
] as const;

export function registerTestKinds(system: ActorSystem): void {
  system.register(TestPlayer, { name: 'Player', roles: ['world'], clientMethods: [...PLAYER_CLIENT_METHODS] });
  system.register(TestRoom, { name: 'Room', roles: ['world'], clientMethods: ['say'] });
}

// ---- nodes ----

export interface TestNode {
  readonly name: string;
  readonly cluster: ClusterNode;
  readonly installed: InstalledGate;
  readonly host: string;
  /** What the node's ActorSystem reported to onError (failed tells, pushes that could not be encoded...). */
  readonly errors: { where: string; error: unknown }[];
}

export interface TestNodeSpec {
  readonly name: string;
  readonly roles: readonly string[];
  readonly gate?: Partial<GateOptions>;
}

let hostByte = 20 + Math.floor(Math.random() * 200);

/** A fresh 127.0.0.N for a node (tests in one file get different ones; files start at random). */
export function nextTestHost(): string {
  hostByte = hostByte >= 250 ? 20 : hostByte + 1;
  return `127.0.0.${hostByte}`;
}

/** Starts nodes sharing one memory cluster (gRPC mesh on loopback), each with the gate layer and test kinds. */
export async function startTestNodes(
  specs: readonly TestNodeSpec[],
  cluster = new MemoryCluster(),
): Promise<TestNode[]> {
  const nodes = specs.map((spec) => {
    const host = nextTestHost();
    const errors: { where: string; error: unknown }[] = [];
    const node = new ClusterNode({
      name: spec.name,
      roles: spec.roles,
      provider: new MemoryClusterProvider({ cluster, leaseTtlMs: 2_000 }),
      mesh: { host, port: 0 },
      systemOptions: { askTimeoutMs: 3_000, onError: (error, where) => errors.push({ where, error }) },
      log: () => {},
    });
    registerTestKinds(node.system);
    const installed = installGate(node, {
      roles: spec.roles,
      gate: {
        clusterKey: TEST_CLUSTER_KEY,
        host,
        port: 0,
        attemptsPerIpPerMinute: 10_000,
        log: () => {},
        ...spec.gate,
      },
    });
    return { name: spec.name, cluster: node, installed, host, errors };
  });
  await Promise.all(nodes.map((node) => node.cluster.start()));
  await Promise.all(nodes.map((node) => node.installed.start()));
  await waitFor(() => nodes.every((node) => node.cluster.provider.members().size >= nodes.length), 5_000, 'membership');
  return nodes;
}

export async function stopTestNodes(nodes: readonly TestNode[]): Promise<void> {
  await Promise.all(nodes.map((node) => node.installed.stop()));
  await Promise.all(nodes.map((node) => node.cluster.stop()));
}

/** The gate url of a node with the gate role. */
export function gateUrl(node: TestNode): string {
  const gate = node.installed.gate;
  if (gate === null) throw new Error(`${node.name} has no gate`);
  return gate.url;
}
