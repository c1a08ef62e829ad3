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
  private readonly drainHooks: Array<() => Promise<void>> = [];
  private readonly stopHooks: Array<() => Promise<void>> = [];
  private stopping: Promise<void> | undefined;
  private phase: 'new' | 'started' | 'draining' | 'stopping' = 'new';

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

  /** True when this node hosts `role` (a node with no roles hosts them all). */
  hasRole(role: string): boolean {
    const roles = this.cluster.roles;
    return roles.length === 0 || roles.includes(role);
  }

  /**
   * Runs `hook` at the start of stop(), after the gate closed its clients and while the node still routes and
   * saves: a role puts its actors to rest there (a zone saves its scenes) before every actor deactivates at once.
   */
  onStop(hook: () => Promise<void>): void {
    this.stopHooks.push(hook);
  }

  /**
   * Runs `hook` during drain(), after the node stopped taking new placements and before the last saves: a role
   * moves its actors elsewhere there (a zone hands its scenes over to other zone nodes).
   */
  onDrain(hook: () => Promise<void>): void {
    this.drainHooks.push(hook);
  }

  /** Opens the store (db nodes: schema created or checked, a clear error if unreachable) and joins the cluster. */
  async start(): Promise<void> {
    await this.store?.start();
    await this.cluster.start();
    await this.gate.start();
    this.phase = 'started';
  }

  /** 'new' until start() resolved; 'draining' from drain(); 'stopping' from stop(). */
  get lifecycle(): 'new' | 'started' | 'draining' | 'stopping' {
    return this.phase;
  }

  /**
   * Migrates the gate's clients to other gates (first: a push to a session still here must find this node
   * accepting), then takes no new placements and saves every dirty document now.
   */
  async drain(): Promise<{ flushed: number; unsaved: number; migrated: number }> {
    if (this.phase === 'started') this.phase = 'draining';
    const gate = await this.gate.drain();
    await this.cluster.drain();
    for (const hook of this.drainHooks) await hook();
    const saved = await this.persistence.flushAll(this.flushTimeoutMs);
    return { ...saved, migrated: gate.migrated };
  }

  /** Saves and deactivates every actor, leaves the cluster, closes the store. Idempotent. */
  stop(): Promise<void> {
    this.stopping ??= this.stopOnce();
    return this.stopping;
  }

  private async stopOnce(): Promise<void> {
    this.phase = 'stopping';
    await this.gate.stop();
    for (const hook of this.stopHooks) {
      await hook().catch((error: unknown) => this.system.options.onError(error, 'a role stopping'));
    }
    await this.persistence.flushAll(this.flushTimeoutMs);
    await this.cluster.stop();
    this.persistence.stop();
    await this.store?.close();
  }
}
