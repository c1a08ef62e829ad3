// One game node in a cluster: its actor system, its membership (provider), its mesh server and the router
// between them. start() listens, joins and routes; drain() takes no new placements; stop() deactivates every
// actor, leaves (the lease's revocation drops this member and its directory entries at once) and closes the mesh.
import { ActorSystem } from '../actor/actor-system.ts';
import type { ActorSystemOptions } from '../actor/actor-system-options.ts';
import { currentTraceId } from '../actor/actor-tracer.ts';
import { SnowflakeGenerator } from '../ids/index.ts';
import type { ClusterProvider, LeaseHealth } from './cluster-provider.ts';
import { ClusterRouter } from './cluster-router.ts';
import type { MemberInfo } from './member.ts';
import { LeastLoadedPlacement, type PlacementStrategy } from './placement/index.ts';
import { MeshTransport, type MeshTransportOptions } from './transport/mesh-transport.ts';

export interface ClusterNodeOptions {
  /** Stable node name; the member id adds an incarnation to it. */
  readonly name: string;
  /** Roles this node serves; kinds restricted to roles activate only on nodes that have one of them. */
  readonly roles: readonly string[];
  readonly provider: ClusterProvider;
  readonly mesh: {
    readonly host: string;
    /** 0 = any free port. */
    readonly port: number;
    /** host:port other nodes dial (default: host and the bound port). */
    readonly advertise?: string;
    readonly tls?: MeshTransportOptions['tls'];
  };
  /** Options of the node's ActorSystem (ignored when `system` is given). */
  readonly systemOptions?: ActorSystemOptions;
  readonly system?: ActorSystem;
  /** Where new directory activations go (default: least loaded). */
  readonly placement?: PlacementStrategy;
  /** How often the node publishes its load when it changed (default: 1000 ms). */
  readonly loadIntervalMs?: number;
  /** The published load (default: local activations). */
  readonly load?: () => number;
  /** Membership events worth a log line (default: a JSON line on stderr). */
  readonly log?: (event: string, fields: Record<string, unknown>) => void;
}

function describeError(error: unknown): string {
  return error instanceof Error
    ? `${(error as { code?: string }).code ?? error.name}: ${error.message}`
    : String(error);
}

// traceId: set when the line is written inside a traced turn or client call (absent, not null, otherwise).
function logToStderr(event: string, fields: Record<string, unknown>): void {
  const line = { time: new Date().toISOString(), event, traceId: currentTraceId(), ...fields };
  process.stderr.write(`${JSON.stringify(line)}\n`);
}

export class ClusterNode {
  readonly system: ActorSystem;
  readonly provider: ClusterProvider;
  readonly transport: MeshTransport;
  readonly router: ClusterRouter;
  private readonly options: ClusterNodeOptions;
  private generator: SnowflakeGenerator | undefined;
  private loadTimer: NodeJS.Timeout | undefined;
  private publishedLoad = 0;
  private loadSource: (() => number) | undefined;
  private stopping: Promise<void> | undefined;

  constructor(options: ClusterNodeOptions) {
    this.options = options;
    this.loadSource = options.load;
    this.system = options.system ?? new ActorSystem(options.systemOptions);
    this.provider = options.provider;
    const log = options.log ?? logToStderr;
    this.transport = new MeshTransport({
      onError: (error, where) => log('mesh.error', { where, error: describeError(error) }),
      selfId: options.name,
      host: options.mesh.host,
      port: options.mesh.port,
      tls: options.mesh.tls,
      handler: { onEnvelope: (from, envelope, hops) => this.router.onEnvelope(from, envelope, hops) },
    });
    this.router = new ClusterRouter({
      system: this.system,
      provider: this.provider,
      transport: this.transport,
      placement: options.placement ?? new LeastLoadedPlacement(),
    });
    this.provider.on('rejoined', (self) => {
      this.rejoined(self);
      log('cluster.rejoined', { member: self.id, workerId: self.workerId });
    });
    this.provider.on('fenced', (reason) => log('cluster.fenced', { member: this.provider.self?.id, reason }));
    this.provider.on('health', (health) => log('cluster.health', { member: this.provider.self?.id, health }));
  }

  /** This node's current member record (a new one after it rejoined). */
  get member(): MemberInfo {
    const self = this.provider.self;
    if (self === undefined) throw new Error('the node has not joined yet: await node.start() first');
    return self;
  }

  /** Snowflake ids unique in the cluster: the worker id is leased with this node's membership. */
  get ids(): SnowflakeGenerator {
    if (this.generator === undefined) this.generator = new SnowflakeGenerator({ workerId: this.member.workerId });
    return this.generator;
  }

  /** Replaces what the node publishes as its load (a role's own measure, e.g. a zone's players). */
  setLoad(source: () => number): void {
    this.loadSource = source;
  }

  /** The load this node publishes (see setLoad). */
  load(): number {
    return this.loadSource?.() ?? this.system.activationCount();
  }

  /** The node's roles as configured (empty: it hosts every role). */
  get roles(): readonly string[] {
    return this.options.roles;
  }

  health(): LeaseHealth {
    return this.provider.health();
  }

  /** Listens on the mesh, joins the cluster and starts routing; resolves with this node's member record. */
  async start(): Promise<MemberInfo> {
    const bound = await this.transport.listen();
    this.system.setRouter(this.router);
    const self = await this.provider.join({
      name: this.options.name,
      roles: this.options.roles,
      address: this.options.mesh.advertise ?? bound,
      status: 'active',
      load: 0,
    });
    this.transport.setSelfId(self.id);
    this.router.refreshMembers();
    const interval = this.options.loadIntervalMs ?? 1000;
    this.loadTimer = setInterval(() => this.publishLoad(), interval);
    this.loadTimer.unref();
    return self;
  }

  /** Takes no new placements from now on; existing activations keep serving until they are moved or stopped. */
  async drain(): Promise<void> {
    this.router.refuseNewActivations();
    await this.provider.update({ status: 'draining' });
  }

  /** Deactivates every actor (onDeactivate runs), leaves the cluster and closes the mesh. Idempotent. */
  stop(): Promise<void> {
    this.stopping ??= this.stopOnce();
    return this.stopping;
  }

  private async stopOnce(): Promise<void> {
    clearInterval(this.loadTimer);
    this.router.leaveWithLease();
    await this.provider.update({ status: 'draining' }).catch(() => undefined);
    await this.system.stop();
    await this.provider.leave().catch((error: unknown) => this.system.options.onError(error, 'leaving the cluster'));
    await this.transport.close();
  }

  private rejoined(self: MemberInfo): void {
    this.generator = undefined;
    this.transport.setSelfId(self.id);
    this.router.refreshMembers();
  }

  private publishLoad(): void {
    const load = this.load();
    if (load === this.publishedLoad || this.provider.health() !== 'healthy') return;
    this.publishedLoad = load;
    this.provider.update({ load }).catch(() => {
      this.publishedLoad = -1;
    });
  }
}
