// The in-process ClusterProvider: one node's view of a MemoryCluster, with the etcd provider's semantics (a kept-
// alive lease, members and directory watched in store order, self-fencing and rejoin when the lease ends), for
// `npm start` and tests.
import type { ClusterProvider, ClusterProviderEvents, DirectoryEntry, LeaseHealth } from '../cluster-provider.ts';
import { ClusterUnavailableError, InvalidClusterConfigError } from '../errors.ts';
import { type MemberInfo, type MemberRegistration, type MemberStatus, validateRegistration } from '../member.ts';
import { MemoryCluster } from './memory-cluster.ts';
import type { MemoryClusterChange, MemoryClusterWatcher } from './memory-cluster-watcher.ts';
import { ProviderListeners } from './provider-listeners.ts';

export const DEFAULT_MEMORY_LEASE_TTL_MS = 5000;
/** Below this a keepalive every ttl/3 would spin. */
export const MIN_MEMORY_LEASE_TTL_MS = 30;

export interface MemoryClusterProviderOptions {
  /** The store shared with the other members. (default: `MemoryCluster.processWide()`) */
  readonly cluster?: MemoryCluster;
  /** TTL of this member's lease; renewed every third of it. (default: 5000) */
  readonly leaseTtlMs?: number;
}

/** `left` also covers "never joined": no lease, no watch. */
type ProviderState = 'left' | 'joined' | 'fenced';

const EMPTY_MEMBERS: ReadonlyMap<string, MemberInfo> = new Map();

export class MemoryClusterProvider implements ClusterProvider {
  readonly kind = 'memory' as const;
  readonly cluster: MemoryCluster;
  readonly leaseTtlMs: number;

  readonly #listeners = new ProviderListeners();
  readonly #watcher: MemoryClusterWatcher;
  #state: ProviderState = 'left';
  #health: LeaseHealth = 'fenced';
  #join: Promise<MemberInfo> | undefined;
  /** What this node publishes: the registration with every status/load change since, kept across rejoins. */
  #registration: MemberRegistration | undefined;
  #leaseId: number | undefined;
  #self: MemberInfo | undefined;
  /** Replaced, never mutated, on every change: a map handed out stays a consistent snapshot. */
  #members: ReadonlyMap<string, MemberInfo> = EMPTY_MEMBERS;
  #keepAlive: NodeJS.Timeout | undefined;
  #rejoinRetry: NodeJS.Timeout | undefined;

  constructor(options: MemoryClusterProviderOptions = {}) {
    this.cluster = options.cluster ?? MemoryCluster.processWide();
    this.leaseTtlMs = options.leaseTtlMs ?? DEFAULT_MEMORY_LEASE_TTL_MS;
    if (!(Number.isInteger(this.leaseTtlMs) && this.leaseTtlMs >= MIN_MEMORY_LEASE_TTL_MS)) {
      throw new InvalidClusterConfigError(
        `Invalid MemoryClusterProvider options: leaseTtlMs must be an integer of at least ${MIN_MEMORY_LEASE_TTL_MS} ms, got ${this.leaseTtlMs}. Fix it or omit it (default: ${DEFAULT_MEMORY_LEASE_TTL_MS}).`,
        { details: { problems: [`leaseTtlMs ${this.leaseTtlMs}`] } },
      );
    }
    this.#watcher = {
      changes: (batch) => this.#onChanges(batch),
      leaseLost: (leaseId, reason) => this.#onLeaseLost(leaseId, reason),
      reachabilityChanged: (reachable) => this.#onReachabilityChanged(reachable),
    };
  }

  get self(): MemberInfo | undefined {
    return this.#self;
  }

  /** Joins once; calling again while joined returns the same join. After leave() it joins afresh. */
  join(registration: MemberRegistration): Promise<MemberInfo> {
    this.#join ??= this.#joinOnce(registration);
    return this.#join;
  }

  async #joinOnce(registration: MemberRegistration): Promise<MemberInfo> {
    try {
      validateRegistration(registration);
      this.#members = mapOf(this.cluster.watch(this.#watcher));
      this.#registration = registration;
      const self = this.#register();
      this.#setHealth('healthy');
      await this.cluster.settled();
      return self;
    } catch (error: unknown) {
      this.cluster.unwatch(this.#watcher);
      this.#members = EMPTY_MEMBERS;
      this.#join = undefined;
      throw error;
    }
  }

  /** Every live member as last seen (this one included): a snapshot that later changes do not alter. */
  members(): ReadonlyMap<string, MemberInfo> {
    return this.#members;
  }

  /**
   * Publishes a new status or load. The change is remembered even when it cannot be published now (outage,
   * fenced), so a rejoin publishes it: a draining node never comes back as active.
   */
  async update(change: { readonly status?: MemberStatus; readonly load?: number }): Promise<void> {
    if (this.#registration !== undefined && this.#state !== 'left') {
      this.#registration = {
        ...this.#registration,
        status: change.status ?? this.#registration.status,
        load: change.load ?? this.#registration.load,
      };
    }
    this.#self = this.cluster.updateMember(this.#liveLeaseId('update its member record'), change);
    await this.cluster.settled();
  }

  async claim(kind: string, id: string): Promise<DirectoryEntry> {
    const entry = this.cluster.claim(this.#liveLeaseId(`claim ${kind}/${id}`), kind, id);
    await this.cluster.settled();
    return entry;
  }

  async lookup(kind: string, id: string): Promise<DirectoryEntry | undefined> {
    const entry = this.cluster.lookup(kind, id);
    await this.cluster.settled();
    return entry;
  }

  async release(entry: DirectoryEntry): Promise<void> {
    this.cluster.release(entry);
    await this.cluster.settled();
  }

  canServe(): boolean {
    return this.#health !== 'fenced';
  }

  /** `fenced` also before join and after leave: this node holds no lease then. */
  health(): LeaseHealth {
    return this.#health;
  }

  on<E extends keyof ClusterProviderEvents>(event: E, listener: ClusterProviderEvents[E]): void {
    this.#listeners.on(event, listener);
  }

  off<E extends keyof ClusterProviderEvents>(event: E, listener: ClusterProviderEvents[E]): void {
    this.#listeners.off(event, listener);
  }

  /**
   * Stops renewing and watching at once and revokes the lease, so this member, its entries and its worker id
   * vanish for everyone. Idempotent. During an outage it still resolves, like the etcd provider: the lease, no
   * longer renewed, expires one TTL after the store returns.
   */
  async leave(): Promise<void> {
    const leaseId = this.#leaseId;
    const wasJoined = this.#state !== 'left';
    this.#stopTimers();
    this.cluster.unwatch(this.#watcher);
    this.#state = 'left';
    this.#health = 'fenced';
    this.#join = undefined;
    this.#leaseId = undefined;
    this.#self = undefined;
    this.#members = EMPTY_MEMBERS;
    if (!wasJoined || leaseId === undefined || !this.cluster.reachable) return;
    this.cluster.revoke(leaseId);
    await this.cluster.settled();
  }

  /** Grants a lease, publishes the member from #registration and starts renewing; the caller sets the health. */
  #register(): MemberInfo {
    const { leaseId, member: self } = this.cluster.register(
      this.#registration as MemberRegistration,
      this.leaseTtlMs,
      this.#watcher,
    );
    this.#state = 'joined';
    this.#leaseId = leaseId;
    this.#self = self;
    const interval = Math.floor(this.leaseTtlMs / 3);
    this.#keepAlive = setInterval(() => this.#renew(), interval);
    this.#keepAlive.unref();
    return self;
  }

  #renew(): void {
    if (this.#leaseId === undefined || !this.cluster.reachable) return;
    // A lease cannot end silently: the cluster calls #onLeaseLost first, so a false here needs no handling.
    this.cluster.keepAlive(this.#leaseId);
  }

  #onChanges(batch: readonly MemoryClusterChange[]): void {
    let members: Map<string, MemberInfo> | undefined;
    for (const change of batch) {
      switch (change.type) {
        case 'member-put':
          members ??= new Map(this.#members);
          members.set(change.member.id, change.member);
          break;
        case 'member-deleted':
          members ??= new Map(this.#members);
          members.delete(change.member.id);
          break;
        case 'entry-put':
          this.#listeners.emit('claimed', change.entry);
          break;
        case 'entry-deleted':
          this.#listeners.emit('removed', change.entry);
          break;
      }
    }
    if (members === undefined) return;
    this.#members = members;
    this.#listeners.emit('members', members);
  }

  /** Synchronous: canServe() is false before anyone can see this member's entries gone. */
  #onLeaseLost(leaseId: number, reason: string): void {
    if (leaseId !== this.#leaseId) return;
    this.#stopTimers();
    this.#state = 'fenced';
    this.#leaseId = undefined;
    this.#health = 'fenced';
    this.cluster.enqueue(() => {
      if (this.#state !== 'fenced') return;
      this.#listeners.emit('health', 'fenced');
      this.#listeners.emit('fenced', reason);
      this.#rejoin();
    });
  }

  #onReachabilityChanged(reachable: boolean): void {
    if (this.#state === 'joined') this.#setHealth(reachable ? 'healthy' : 'unreachable');
    else if (this.#state === 'fenced' && reachable) this.cluster.enqueue(() => this.#rejoin());
  }

  /** Rejoins as a new member after a fence; waits for the store if it is down, retries if it refuses. */
  #rejoin(): void {
    if (this.#state !== 'fenced' || this.#leaseId !== undefined || !this.cluster.reachable) return;
    clearTimeout(this.#rejoinRetry);
    let self: MemberInfo;
    try {
      self = this.#register();
    } catch {
      this.#rejoinRetry = setTimeout(() => this.#rejoin(), Math.floor(this.leaseTtlMs / 3));
      this.#rejoinRetry.unref();
      return;
    }
    // The same order as the etcd provider: `rejoined`, then `health`.
    this.#health = 'healthy';
    this.cluster.enqueue(() => {
      if (this.#self !== self) return;
      this.#listeners.emit('rejoined', self);
      this.#listeners.emit('health', 'healthy');
    });
  }

  /** Sets the health now; listeners hear of every change, in order with the store's changes, unless it left. */
  #setHealth(health: LeaseHealth): void {
    if (health === this.#health) return;
    this.#health = health;
    this.cluster.enqueue(() => {
      if (this.#state !== 'left') this.#listeners.emit('health', health);
    });
  }

  #liveLeaseId(action: string): number {
    if (this.#state === 'left') {
      throw new ClusterUnavailableError(`Cannot ${action}: this provider has not joined; call join() first.`);
    }
    if (!this.cluster.reachable) {
      throw new ClusterUnavailableError(
        `Cannot ${action}: the memory cluster store is unreachable; existing activations keep serving, retry later.`,
      );
    }
    if (this.#leaseId === undefined) {
      throw new ClusterUnavailableError(
        `Cannot ${action}: this node lost its lease and is fenced until it rejoins; retry shortly.`,
      );
    }
    return this.#leaseId;
  }

  #stopTimers(): void {
    clearInterval(this.#keepAlive);
    clearTimeout(this.#rejoinRetry);
    this.#keepAlive = undefined;
    this.#rejoinRetry = undefined;
  }
}

function mapOf(members: readonly MemberInfo[]): ReadonlyMap<string, MemberInfo> {
  return new Map(members.map((member) => [member.id, member]));
}
