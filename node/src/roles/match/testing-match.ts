// Test harness of the match role: in-process GameNodes on one memory cluster (real gRPC mesh, a real WebSocket gate
// on loopback, a memory store behind the db role) with the zone and match roles installed and the test's scene
// types and queues registered on every node; GameClients that record their pushes.
import { GameClient } from '../../client/game-client.ts';
import type { PushMeta } from '../../client/game-client-types.ts';
import { testToken, waitFor } from '../../gate/testing-gate.ts';
import type { SceneRules } from '../zone/index.ts';
import { startZoneCluster, type ZoneTestNode } from '../zone/testing-zone.ts';
import { installMatch } from './install-match.ts';
import type { InstallMatchOptions } from './match-options.ts';
import type { QueueConfig } from './queue-config.ts';
import { registerQueue } from './queue-registry.ts';

export type MatchTestNode = ZoneTestNode;

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
  const zone = await startZoneCluster(options.nodes, {
    types: options.types,
    install: (node) => {
      installMatch(node, options.match);
      for (const [name, config] of Object.entries(options.queues)) registerQueue(node.system, name, config);
    },
  });
  return {
    nodes: zone.nodes,
    url: zone.url,
    node: (name) => zone.node(name),
    hostOf: (kind, id) => zone.nodes.find((entry) => entry.node.system.kind(kind)?.activations.has(id) === true),
    stop: () => zone.stop(),
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
