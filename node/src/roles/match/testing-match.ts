// Test harness of the match role: in-process GameNodes on one memory cluster (real gRPC mesh, a real WebSocket gate
// on loopback, a memory store behind the db role) with the zone and match roles installed and the test's scene
// types and queues registered on every node; GameClients that record their pushes.
import { GameClient } from '../../client/game-client.ts';
import type { PushMeta } from '../../client/game-client-types.ts';
import { MemoryCluster, MemoryClusterProvider } from '../../cluster/memory/index.ts';
import { GameNode } from '../../game-node.ts';
import { nextTestHost, TEST_CLUSTER_KEY, testToken, waitFor } from '../../gate/testing-gate.ts';
import { MemoryStateStore } from '../../state/stores/memory-state-store.ts';
import { installZone, registerSceneRules, type SceneRules } from '../zone/index.ts';
import { installMatch } from './install-match.ts';
import type { InstallMatchOptions } from './match-options.ts';
import type { QueueConfig } from './queue-config.ts';
import { registerQueue } from './queue-registry.ts';

export interface MatchTestNode {
  readonly name: string;
  readonly node: GameNode;
  /** What the node's ActorSystem reported to onError. */
  readonly errors: { where: string; error: unknown }[];
}

export interface MatchTestClusterOptions {
  readonly nodes: readonly { name: string; roles: readonly string[] }[];
  readonly types: Record<string, SceneRules>;
  readonly queues: Record<string, QueueConfig>;
  readonly match?: InstallMatchOptions;
}

export interface MatchTestCluster {
  readonly nodes: MatchTestNode[];
  /** The gate's WebSocket url. */
  readonly url: string;
  node(name: string): MatchTestNode;
  /** The node whose ActorSystem hosts actor kind/id now, if any. */
  hostOf(kind: string, id: string): MatchTestNode | undefined;
  stop(): Promise<void>;
}

/** Starts the nodes (db or no roles: keeps the store; gate or no roles: runs the gate) and waits for membership. */
export async function startMatchCluster(options: MatchTestClusterOptions): Promise<MatchTestCluster> {
  const cluster = new MemoryCluster();
  const nodes = options.nodes.map((spec): MatchTestNode => {
    const host = nextTestHost();
    const errors: { where: string; error: unknown }[] = [];
    const hosts = (role: string) => spec.roles.length === 0 || spec.roles.includes(role);
    const node = new GameNode({
      cluster: {
        name: spec.name,
        roles: spec.roles,
        provider: new MemoryClusterProvider({ cluster, leaseTtlMs: 2_000 }),
        mesh: { host, port: 0 },
        loadIntervalMs: 50,
        systemOptions: { askTimeoutMs: 3_000, onError: (error, where) => errors.push({ where, error }) },
        log: () => {},
      },
      store: hosts('db') ? new MemoryStateStore() : undefined,
      flushIntervalMs: 200,
      gate: hosts('gate')
        ? { clusterKey: TEST_CLUSTER_KEY, host, port: 0, attemptsPerIpPerMinute: 10_000, log: () => {} }
        : undefined,
    });
    installZone(node);
    installMatch(node, options.match);
    for (const [type, rules] of Object.entries(options.types)) registerSceneRules(node.system, type, rules);
    for (const [name, config] of Object.entries(options.queues)) registerQueue(node.system, name, config);
    return { name: spec.name, node, errors };
  });
  await Promise.all(nodes.map((entry) => entry.node.start()));
  await waitFor(
    () => nodes.every((entry) => entry.node.cluster.provider.members().size >= nodes.length),
    5_000,
    'membership',
  );
  const gateNode = nodes.find((entry) => entry.node.gate.gate !== null);
  return {
    nodes,
    url: gateNode?.node.gate.gate?.url ?? '',
    node: (name) => {
      const found = nodes.find((entry) => entry.name === name);
      if (found === undefined) throw new Error(`no test node ${name}`);
      return found;
    },
    hostOf: (kind, id) => nodes.find((entry) => entry.node.system.kind(kind)?.activations.has(id) === true),
    // Nodes with the store stop last: the others' last saves go through it.
    stop: async () => {
      await Promise.all(nodes.filter((entry) => entry.node.store === undefined).map((entry) => entry.node.stop()));
      await Promise.all(nodes.filter((entry) => entry.node.store !== undefined).map((entry) => entry.node.stop()));
    },
  };
}

/** A push a test client received. */
export interface ReceivedPush {
  readonly event: string;
  readonly data: unknown;
}

/** A GameClient logged in as `playerId` that records every push. */
export class MatchTestClient {
  readonly playerId: string;
  readonly client: GameClient;
  readonly pushes: ReceivedPush[] = [];

  private constructor(playerId: string) {
    this.playerId = playerId;
    this.client = new GameClient({ reconnectBaseDelayMs: 20, reconnectMaxDelayMs: 100 });
    this.client.on('*', (data, meta: PushMeta) => this.pushes.push({ event: meta.event, data }));
  }

  static async connect(url: string, playerId: string): Promise<MatchTestClient> {
    const test = new MatchTestClient(playerId);
    await test.client.connect(url, { token: testToken(playerId) });
    return test;
  }

  /** The pushes of `event` received so far. */
  of<T>(event: string): T[] {
    return this.pushes.filter((push) => push.event === event).map((push) => push.data as T);
  }

  /** Waits for the first push of `event`. */
  async next<T>(event: string, timeoutMs = 5_000): Promise<T> {
    await waitFor(() => this.of(event).length > 0, timeoutMs, `${this.playerId} to receive ${event}`);
    return this.of<T>(event)[0]!;
  }

  close(): void {
    this.client.close();
  }
}
