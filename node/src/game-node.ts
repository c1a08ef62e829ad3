// One game node with everything below the game roles: the cluster node (actor system, membership, mesh), write-
// behind persistence for PersistentActors through the db role's StoreShards, on db nodes the state store those
// shards write to, and the gate layer (sessions and pushes on every node; on gate nodes the WebSocket gate).
// start() opens the store, joins and opens the gate; drain() migrates the gate's clients, takes no new placements
// and saves every dirty document; stop() closes the clients, deactivates every actor (each saves before its
// directory entry goes), leaves, closes the store.
import type { ActorSystem } from './actor/actor-system.ts';
import { ClusterNode, type ClusterNodeOptions } from './cluster/cluster-node.ts';
import { type GateOptions, type InstalledGate, installGate, type SessionOptions } from './gate/index.ts';
import { attachShardStore, DEFAULT_DB_SHARDS, ShardBackend, STORE_SHARD_KIND, StoreShard } from './roles/db/index.ts';
import { Persistence } from './state/persistence/index.ts';
import type { StateStore } from './state/state-store.ts';

export const DB_ROLE = 'db';

export interface GameNodeOptions {
  readonly cluster: ClusterNodeOptions;
  /** The store this node's StoreShards write to; give it to nodes with the db role (or no roles). */
  readonly store?: StateStore;
  /** StoreShards in the cluster; the same on every node (default: 16). */
  readonly dbShards?: number;
  /** Write-behind: a dirty document is saved within this long (default: 5000 ms). */
  readonly flushIntervalMs?: number;
  /** Dirty documents waiting for the store before writers get a back-pressure error (default: 10_000). */
  readonly maxPendingDocuments?: number;
  /** How long stop() and drain() wait for the last saves (default: 10_000 ms). */
  readonly flushTimeoutMs?: number;
  /** Gate options (clusterKey required on nodes with the gate role); session options apply on every node. */
  readonly gate?: GateOptions | SessionOptions;
}

/** What an `--app` module exports: it registers its actor kinds (and may start services) on the node. */
export interface GameApp {
  register(node: GameNode): void | Promise<void>;
}

export class GameNode {
  readonly cluster: ClusterNode;
  readonly persistence: Persistence;
  readonly store: StateStore | undefined;
  /** The gate layer: `gate.gate` is the WebSocket gate on gate nodes, null elsewhere. */
  readonly gate: InstalledGate;
  private readonly flushTimeoutMs: number;
  private stopping: Promise<void> | undefined;

  constructor(options: GameNodeOptions) {
    this.cluster = new ClusterNode(options.cluster);
    this.store = options.store;
    this.flushTimeoutMs = options.flushTimeoutMs ?? 10_000;
    const system = this.cluster.system;
    system.register(StoreShard, STORE_SHARD_KIND);
    if (this.store !== undefined) attachShardStore(system, this.store);
    this.persistence = new Persistence({
      backend: new ShardBackend({ system, shards: options.dbShards ?? DEFAULT_DB_SHARDS }),
      flushIntervalMs: options.flushIntervalMs,
      maxPendingDocuments: options.maxPendingDocuments,
      onError: (error, where) => system.options.onError(error, where),
    }).attachTo(system);
    this.gate = installGate(this.cluster, { roles: options.cluster.roles, gate: options.gate });
  }

  get system(): ActorSystem {
    return this.cluster.system;
  }

  /** Opens the store (db nodes: schema created or checked, a clear error if unreachable) and joins the cluster. */
  async start(): Promise<void> {
    await this.store?.start();
    await this.cluster.start();
    await this.gate.start();
  }

  /**
   * Migrates the gate's clients to other gates (first: a push to a session still here must find this node
   * accepting), then takes no new placements and saves every dirty document now.
   */
  async drain(): Promise<{ flushed: number; unsaved: number; migrated: number }> {
    const gate = await this.gate.drain();
    await this.cluster.drain();
    const saved = await this.persistence.flushAll(this.flushTimeoutMs);
    return { ...saved, migrated: gate.migrated };
  }

  /** Saves and deactivates every actor, leaves the cluster, closes the store. Idempotent. */
  stop(): Promise<void> {
    this.stopping ??= this.stopOnce();
    return this.stopping;
  }

  private async stopOnce(): Promise<void> {
    await this.gate.stop();
    await this.persistence.flushAll(this.flushTimeoutMs);
    await this.cluster.stop();
    this.persistence.stop();
    await this.store?.close();
  }
}
