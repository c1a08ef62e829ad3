// Test harness of the zone role: in-process GameNodes on one memory cluster (real gRPC mesh, real WebSocket gate
// on loopback, a memory store behind the db role) with the zone installed and scene types registered on every
// node; GameClients that record their pushes and lifecycle; and a recording host for driving a SceneSimulation
// on a test clock.

import { Actor } from '../../actor/actor.ts';
import type { ActorContext } from '../../actor/actor-context.ts';
import { ActorSystem } from '../../actor/actor-system.ts';
import { GameClient } from '../../client/game-client.ts';
import type { PushMeta } from '../../client/game-client-types.ts';
import { MemoryCluster, MemoryClusterProvider } from '../../cluster/memory/index.ts';
import { GameNode } from '../../game-node.ts';
import { nextTestHost, TEST_CLUSTER_KEY, testToken, waitFor } from '../../gate/testing-gate.ts';
import { MemoryStateStore } from '../../state/stores/memory-state-store.ts';
import { installZone } from './install-zone.ts';
import { registerSceneRules } from './scene-rules.ts';
import type { SceneHost } from './scene-simulation.ts';
import type { SceneRules } from './scene-types.ts';

export interface ZoneTestNodeSpec {
  readonly name: string;
  readonly roles: readonly string[];
}

export interface ZoneTestNode {
  readonly name: string;
  readonly node: GameNode;
  /** What the node's ActorSystem reported to onError. */
  readonly errors: { where: string; error: unknown }[];
}

export interface ZoneTestCluster {
  readonly nodes: ZoneTestNode[];
  /** The first gate's WebSocket url. */
  readonly url: string;
  node(name: string): ZoneTestNode;
  /** The node whose ActorSystem hosts scene `sceneId` now, if any. */
  hostOf(sceneId: string): ZoneTestNode | undefined;
  stop(): Promise<void>;
}

export interface ZoneTestClusterOptions {
  readonly types: Record<string, SceneRules>;
  readonly tickHz?: number;
  /** How often nodes publish their load (default: 50 ms). */
  readonly loadIntervalMs?: number;
  /** Installs more on every node after the zone (another role's tests: match). */
  readonly install?: (node: GameNode) => void;
}

/** Starts the nodes (a node with the db role, or none, keeps the store; one with the gate role runs the gate). */
export async function startZoneCluster(
  specs: readonly ZoneTestNodeSpec[],
  options: ZoneTestClusterOptions,
): Promise<ZoneTestCluster> {
  const cluster = new MemoryCluster();
  const nodes = specs.map((spec): ZoneTestNode => {
    const host = nextTestHost();
    const errors: { where: string; error: unknown }[] = [];
    const hosts = (role: string) => spec.roles.length === 0 || spec.roles.includes(role);
    const node = new GameNode({
      cluster: {
        name: spec.name,
        roles: spec.roles,
        provider: new MemoryClusterProvider({ cluster, leaseTtlMs: 2_000 }),
        mesh: { host, port: 0 },
        loadIntervalMs: options.loadIntervalMs ?? 50,
        systemOptions: { askTimeoutMs: 3_000, onError: (error, where) => errors.push({ where, error }) },
        log: () => {},
      },
      store: hosts('db') ? new MemoryStateStore() : undefined,
      flushIntervalMs: 200,
      gate: hosts('gate')
        ? { clusterKey: TEST_CLUSTER_KEY, host, port: 0, attemptsPerIpPerMinute: 10_000, log: () => {} }
        : undefined,
    });
    installZone(node, { tickHz: options.tickHz });
    for (const [type, rules] of Object.entries(options.types)) registerSceneRules(node.system, type, rules);
    options.install?.(node);
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
    hostOf: (sceneId) => nodes.find((entry) => entry.node.system.kind('Scene')?.activations.has(sceneId) === true),
    // Nodes without the store first: their actors save their last state through the db nodes as they stop.
    stop: async () => {
      await Promise.all(nodes.filter((entry) => entry.node.store === undefined).map((entry) => entry.node.stop()));
      await Promise.all(nodes.map((entry) => entry.node.stop()));
    },
  };
}

/** A push a test client received. */
export interface ReceivedPush {
  readonly event: string;
  readonly seq: number;
  readonly data: unknown;
}

/** A GameClient logged in as `playerId` that records every push and lifecycle event. */
export class ZoneTestClient {
  readonly playerId: string;
  readonly client: GameClient;
  readonly pushes: ReceivedPush[] = [];
  readonly lifecycle: string[] = [];

  private constructor(playerId: string) {
    this.playerId = playerId;
    this.client = new GameClient({ reconnectBaseDelayMs: 20, reconnectMaxDelayMs: 100 });
    this.client.on('*', (data, meta: PushMeta) => this.pushes.push({ event: meta.event, seq: meta.seq, data }));
    for (const name of ['connected', 'resumed', 'disconnected', 'reconnecting', 'closed', 'migrate', 'kick'] as const) {
      this.client.onLifecycle(name, () => this.lifecycle.push(name));
    }
  }

  static async connect(url: string, playerId: string): Promise<ZoneTestClient> {
    const test = new ZoneTestClient(playerId);
    await test.client.connect(url, { token: testToken(playerId) });
    return test;
  }

  /** The pushes of `event` received so far. */
  of<T>(event: string): T[] {
    return this.pushes.filter((push) => push.event === event).map((push) => push.data as T);
  }

  /** Waits for a push of `event` matching `match`, received after the first `after` pushes. */
  async waitFor<T>(event: string, match: (data: T) => boolean = () => true, after = 0, timeoutMs = 5_000): Promise<T> {
    let found: T | undefined;
    await waitFor(
      () => {
        for (let i = after; i < this.pushes.length; i++) {
          const push = this.pushes[i]!;
          if (push.event === event && match(push.data as T)) {
            found = push.data as T;
            return true;
          }
        }
        return false;
      },
      timeoutMs,
      `${this.playerId} to receive ${event}`,
    );
    return found as T;
  }

  close(): void {
    this.client.close();
  }
}

// ---- driving a SceneSimulation in tests ----

/** A SceneHost that records pushes and reported errors, with a real ActorContext (from a probe actor). */
export class RecordingSceneHost implements SceneHost {
  readonly ctx: ActorContext;
  readonly pushes: { playerIds: readonly string[]; event: string; data: unknown }[] = [];
  readonly errors: { error: unknown; where: string }[] = [];
  readonly closes: { reason: string; result: unknown }[] = [];

  constructor(ctx: ActorContext) {
    this.ctx = ctx;
  }

  push(playerIds: readonly string[], event: string, data: unknown): void {
    this.pushes.push({ playerIds: [...playerIds], event, data });
  }

  close(reason: string, result: unknown): void {
    this.closes.push({ reason, result });
  }

  reportError(error: unknown, where: string): void {
    this.errors.push({ error, where });
  }

  /** Pushes of `event` to `playerId`, in order, forgetting none. */
  to<T>(playerId: string, event: string): T[] {
    return this.pushes
      .filter((push) => push.event === event && push.playerIds.includes(playerId))
      .map((push) => push.data as T);
  }

  clear(): void {
    this.pushes.length = 0;
  }
}

class ContextProbe extends Actor {
  context(): ActorContext {
    return this.ctx;
  }
}

/** A real ActorContext (of a probe actor in its own ActorSystem) and a way to stop that system. */
export async function probeContext(): Promise<{ ctx: ActorContext; stop: () => Promise<void> }> {
  const system = new ActorSystem();
  system.register(ContextProbe, { idleTimeoutMs: 0 });
  const ctx = await system.ref(ContextProbe, 'probe').context();
  return { ctx, stop: () => system.stop() };
}
