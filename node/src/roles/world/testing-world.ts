// Test harness of the world role: in-process GameNodes on one memory cluster (real gRPC mesh on loopback, a real
// WebSocket gate, write-behind through StoreShards into a MemoryStateStore), with the world installed on every
// node; an HTTP helper for the login routes; and logins that hand back a connected GameClient.
import { request } from 'node:http';
import { GameClient } from '../../client/game-client.ts';
import { MemoryCluster, MemoryClusterProvider } from '../../cluster/memory/index.ts';
import { GameNode } from '../../game-node.ts';
import type { GateOptions } from '../../gate/gate-options.ts';
import { nextTestHost, TEST_CLUSTER_KEY, waitFor } from '../../gate/testing-gate.ts';
import { MemoryStateStore } from '../../state/stores/memory-state-store.ts';
import { installWorld } from './install-world.ts';
import type { InstallWorldOptions } from './world-options.ts';

/** Cheap scrypt for tests (the default costs ~0.1 s per hash). */
export const TEST_SCRYPT = { N: 1024, r: 8, p: 1 } as const;

export interface TestWorldNodeSpec {
  readonly name: string;
  /** [] = every role. */
  readonly roles: readonly string[];
}

export interface WorldClusterSpec {
  /** Default: a gate, a db node and two world nodes. */
  readonly nodes?: readonly TestWorldNodeSpec[];
  readonly world?: InstallWorldOptions;
  readonly gate?: Partial<GateOptions>;
}

export class WorldTestCluster {
  readonly nodes: GameNode[];
  readonly store: MemoryStateStore;
  /** What each node's ActorSystem reported to onError. */
  readonly errors: { node: string; where: string; error: unknown }[];
  private readonly names: Map<GameNode, string>;

  constructor(
    nodes: GameNode[],
    names: Map<GameNode, string>,
    store: MemoryStateStore,
    errors: WorldTestCluster['errors'],
  ) {
    this.nodes = nodes;
    this.names = names;
    this.store = store;
    this.errors = errors;
  }

  node(name: string): GameNode {
    const node = this.nodes.find((n) => this.names.get(n) === name);
    if (node === undefined) throw new Error(`no node ${name}`);
    return node;
  }

  /** The first node with a gate. */
  get gateNode(): GameNode {
    const node = this.nodes.find((n) => n.gate.gate !== null);
    if (node === undefined) throw new Error('no gate node');
    return node;
  }

  get wsUrl(): string {
    return this.gateNode.gate.gate!.url;
  }

  get httpUrl(): string {
    return this.wsUrl.replace('ws://', 'http://').replace('/ws', '');
  }

  /** The node where `kind`/`id` is active now, if any. */
  hostOf(kind: string, id: string): GameNode | undefined {
    return this.nodes.find((n) => n.system.kind(kind)?.activations.has(id) === true);
  }

  /** Stops one node (saving its actors first) and forgets it. */
  async stopNode(node: GameNode): Promise<void> {
    this.nodes.splice(this.nodes.indexOf(node), 1);
    await node.stop();
  }

  /** Stops every node: db nodes last, so the others' final saves still reach the store. */
  async stop(): Promise<void> {
    const hostsDb = (node: GameNode) => node.hasRole('db');
    await Promise.all(this.nodes.map((node) => node.gate.stop()));
    await Promise.all(this.nodes.filter((node) => !hostsDb(node)).map((node) => node.stop()));
    await Promise.all(this.nodes.filter(hostsDb).map((node) => node.stop()));
    this.nodes.length = 0;
  }
}

const DEFAULT_NODES: readonly TestWorldNodeSpec[] = [
  { name: 'gate', roles: ['gate'] },
  { name: 'db', roles: ['db'] },
  { name: 'w1', roles: ['world'] },
  { name: 'w2', roles: ['world'] },
];

/** Starts the nodes and waits until they all see each other. */
export async function startWorldCluster(spec: WorldClusterSpec = {}): Promise<WorldTestCluster> {
  const memory = new MemoryCluster();
  const store = new MemoryStateStore();
  const errors: WorldTestCluster['errors'] = [];
  const names = new Map<GameNode, string>();
  const nodes = (spec.nodes ?? DEFAULT_NODES).map((nodeSpec) => {
    const host = nextTestHost();
    const hostsDb = nodeSpec.roles.length === 0 || nodeSpec.roles.includes('db');
    const node = new GameNode({
      cluster: {
        name: nodeSpec.name,
        roles: nodeSpec.roles,
        provider: new MemoryClusterProvider({ cluster: memory, leaseTtlMs: 2_000 }),
        mesh: { host, port: 0 },
        systemOptions: {
          askTimeoutMs: 3_000,
          onError: (error, where) => errors.push({ node: nodeSpec.name, where, error }),
        },
        log: () => {},
      },
      store: hostsDb ? store : undefined,
      dbShards: 4,
      flushIntervalMs: 50,
      gate: {
        clusterKey: TEST_CLUSTER_KEY,
        host,
        port: 0,
        attemptsPerIpPerMinute: 10_000,
        log: () => {},
        ...spec.gate,
      },
    });
    installWorld(node, { scrypt: TEST_SCRYPT, ...spec.world });
    names.set(node, nodeSpec.name);
    return node;
  });
  await Promise.all(nodes.map((node) => node.start()));
  await waitFor(() => nodes.every((node) => node.cluster.provider.members().size >= nodes.length), 5_000, 'membership');
  return new WorldTestCluster(nodes, names, store, errors);
}

export interface HttpAnswer {
  readonly status: number;
  readonly json: Record<string, unknown>;
  readonly headers: Record<string, string | string[] | undefined>;
}

/** POSTs `body` (a value to encode, or raw text) from `localAddress` (default: the kernel's choice). */
export function postJson(
  baseUrl: string,
  path: string,
  body: unknown,
  options: { method?: string; localAddress?: string } = {},
): Promise<HttpAnswer> {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      `${baseUrl}${path}`,
      {
        method: options.method ?? 'POST',
        headers: { 'content-type': 'application/json' },
        localAddress: options.localAddress,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const raw = Buffer.concat(chunks).toString();
          resolve({ status: res.statusCode ?? 0, json: raw === '' ? {} : JSON.parse(raw), headers: res.headers });
        });
      },
    );
    req.on('error', reject);
    req.end(options.method === 'GET' ? undefined : text);
  });
}

/** Device login over HTTP, then a GameClient connected with the token. */
export async function connectDevice(
  cluster: WorldTestCluster,
  deviceId: string,
): Promise<{ client: GameClient; playerId: string }> {
  const answer = await postJson(cluster.httpUrl, '/auth/device', { deviceId });
  if (answer.status !== 200) throw new Error(`device login answered ${answer.status}: ${JSON.stringify(answer.json)}`);
  const client = new GameClient({ reconnect: false, requestTimeoutMs: 5_000 });
  const session = await client.connect(cluster.wsUrl, { token: answer.json.token as string });
  return { client, playerId: session.playerId };
}

/** Calls `read` until `done` accepts its answer (eventually consistent reads, e.g. one-way submissions). */
export async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 5_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > until) throw new Error(`not reached within ${timeoutMs} ms; last answer ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
