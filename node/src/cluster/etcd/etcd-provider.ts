// The ClusterProvider for real clusters, on etcd: a member lives under a lease it renews by hand, its directory
// entries and worker id ride that lease, and when the lease cannot be proven alive the node fences itself (stops
// serving) and rejoins as a new member. Keys, renewals, the watch and the directory each live in their own file.
import { EventEmitter } from 'node:events';
import type { Etcd3 } from 'etcd3';
import type { ClusterProvider, ClusterProviderEvents, DirectoryEntry, LeaseHealth } from '../cluster-provider.ts';
import { ClusterUnavailableError } from '../errors.ts';
import {
  type MemberInfo,
  type MemberRegistration,
  type MemberStatus,
  memberRecord,
  validateRegistration,
} from '../member.ts';
import { ClusterWatch } from './cluster-watch.ts';
import { ensureEpochBase } from './epoch-base.ts';
import { createEtcdClient } from './etcd-client.ts';
import { claimDirectoryEntry, lookupDirectoryEntry, releaseDirectoryEntry } from './etcd-directory.ts';
import { errorMessage, etcdUnavailable, isLeaseGoneError } from './etcd-errors.ts';
import { type EtcdKeyLayout, etcdKeyLayout } from './etcd-keys.ts';
import {
  type EtcdClusterProviderOptions,
  type ResolvedEtcdProviderOptions,
  resolveEtcdProviderOptions,
} from './etcd-provider-options.ts';
import { LeaseKeeper } from './lease-keeper.ts';
import { applyChange, registerMember, updateMemberRecord } from './member-registration.ts';

/** First and longest wait between rejoin attempts while etcd cannot be reached. */
const REJOIN_MIN_DELAY_MS = 100;
const REJOIN_MAX_DELAY_MS = 2_000;
const WATCH_RECONNECT_MIN_MS = 100;
const WATCH_RECONNECT_MAX_MS = 1_000;

/** One life of this node in the cluster: a lease, the member id and worker id bound to it. */
interface Incarnation {
  readonly leaseId: string;
  readonly keeper: LeaseKeeper;
  self: MemberInfo;
}

type Phase = 'new' | 'joining' | 'joined' | 'left';
type AnyListener = (...args: unknown[]) => void;

export class EtcdClusterProvider implements ClusterProvider {
  readonly kind = 'etcd' as const;
  private readonly options: ResolvedEtcdProviderOptions;
  private readonly keys: EtcdKeyLayout;
  private readonly listeners = new EventEmitter();
  private phase: Phase = 'new';
  private client: Etcd3 | undefined;
  private watch: ClusterWatch | undefined;
  private registration: MemberRegistration | undefined;
  private incarnation: Incarnation | undefined;
  private fenced = false;
  private currentHealth: LeaseHealth = 'fenced';
  /** A fence reported while join() was still running, applied once it finishes. */
  private fenceDuringJoin: string | undefined;
  private rejoinWait: { timer: NodeJS.Timeout; wake: () => void } | undefined;
  private leaving: Promise<void> | undefined;

  constructor(options: EtcdClusterProviderOptions) {
    this.options = resolveEtcdProviderOptions(options);
    this.keys = etcdKeyLayout(this.options.cluster);
  }

  get self(): MemberInfo | undefined {
    return this.incarnation?.self;
  }

  members(): ReadonlyMap<string, MemberInfo> {
    return this.watch?.current() ?? new Map();
  }

  /** `fenced` before join and after leave: there is no lease to serve under. */
  health(): LeaseHealth {
    return this.currentHealth;
  }

  async join(registration: MemberRegistration): Promise<MemberInfo> {
    if (this.phase !== 'new') {
      throw new ClusterUnavailableError(`join() called while this provider is ${this.phase}: create a new provider`);
    }
    validateRegistration(registration);
    this.phase = 'joining';
    this.registration = registration;
    const client = createEtcdClient(this.options.endpoints, this.options.callTimeoutMs);
    this.client = client;
    const watch = new ClusterWatch(
      client,
      this.keys,
      {
        callTimeoutMs: this.options.callTimeoutMs,
        reconnectMinMs: WATCH_RECONNECT_MIN_MS,
        reconnectMaxMs: WATCH_RECONNECT_MAX_MS,
      },
      {
        members: (members) => this.emit('members', members),
        memberGone: (memberId) => this.memberGone(memberId),
        claimed: (entry) => this.emit('claimed', entry),
        removed: (entry) => this.emit('removed', entry),
        error: (error, where) => this.options.onError(error, where),
      },
    );
    try {
      await ensureEpochBase(client, this.keys, Date.now());
      this.incarnation = await this.startIncarnation(client);
      this.watch = watch;
      await watch.start();
      if (this.phase !== 'joining') throw new Error('leave() was called during join()');
    } catch (error) {
      watch.close();
      if (this.incarnation !== undefined) {
        this.incarnation.keeper.stop();
        await this.revoke(client, this.incarnation.leaseId);
      }
      this.incarnation = undefined;
      this.fenceDuringJoin = undefined;
      this.watch = undefined;
      this.client = undefined;
      client.close();
      if (this.phase === 'joining') this.phase = 'new';
      throw etcdUnavailable(`join cluster ${this.options.cluster}`, this.options.endpoints, error);
    }
    this.phase = 'joined';
    this.fenced = false;
    this.setHealth('healthy');
    const self = this.incarnation.self;
    if (this.fenceDuringJoin !== undefined) this.fence(this.fenceDuringJoin);
    return self;
  }

  async update(change: { readonly status?: MemberStatus; readonly load?: number }): Promise<void> {
    const client = this.requireJoined('update the member record');
    this.registration = applyChange(this.registration!, change);
    const incarnation = this.incarnation;
    if (this.fenced || incarnation === undefined) {
      throw new ClusterUnavailableError(
        'this node is fenced and rejoining; the change is kept and published when it rejoins',
      );
    }
    const next = applyChange(incarnation.self, change);
    try {
      await updateMemberRecord(client, this.keys, incarnation.leaseId, next);
    } catch (error) {
      throw this.callFailed('update the member record', incarnation, error);
    }
    if (this.incarnation === incarnation) incarnation.self = next;
  }

  async claim(kind: string, id: string): Promise<DirectoryEntry> {
    const client = this.requireJoined(`claim ${kind}/${id}`);
    const incarnation = this.incarnation;
    if (incarnation === undefined || !this.canServe()) {
      throw new ClusterUnavailableError(
        `cannot claim ${kind}/${id}: this node is fenced (its lease could not be proven alive) and is rejoining; ` +
          'retry shortly',
      );
    }
    let entry: DirectoryEntry;
    try {
      entry = await claimDirectoryEntry(client, this.keys, kind, id, incarnation.self.id, incarnation.leaseId);
    } catch (error) {
      throw this.callFailed(`claim ${kind}/${id}`, incarnation, error);
    }
    // A claim won under a lease that has since been fenced belongs to an incarnation that no longer serves.
    if (this.incarnation !== incarnation || this.fenced) {
      throw new ClusterUnavailableError(`this node was fenced while claiming ${kind}/${id}; retry shortly`);
    }
    return entry;
  }

  async lookup(kind: string, id: string): Promise<DirectoryEntry | undefined> {
    const client = this.requireJoined(`look up ${kind}/${id}`);
    try {
      return await lookupDirectoryEntry(client, this.keys, kind, id);
    } catch (error) {
      throw etcdUnavailable(`look up ${kind}/${id}`, this.options.endpoints, error);
    }
  }

  async release(entry: DirectoryEntry): Promise<void> {
    const client = this.requireJoined(`release ${entry.kind}/${entry.id}`);
    try {
      await releaseDirectoryEntry(client, this.keys, entry);
    } catch (error) {
      throw etcdUnavailable(`release ${entry.kind}/${entry.id}`, this.options.endpoints, error);
    }
  }

  canServe(): boolean {
    const incarnation = this.incarnation;
    if (this.fenced || incarnation === undefined || this.phase !== 'joined') return false;
    if (incarnation.keeper.verdict(this.options.now()) !== 'expired') return true;
    // Events go out after the caller's check returns: canServe() runs inside the runtime's turn loop, which
    // should not have fence listeners run under it.
    this.fence(STALLED_REASON, { deferEvents: true });
    return false;
  }

  on<E extends keyof ClusterProviderEvents>(event: E, listener: ClusterProviderEvents[E]): void {
    this.listeners.on(event, listener as AnyListener);
  }

  off<E extends keyof ClusterProviderEvents>(event: E, listener: ClusterProviderEvents[E]): void {
    this.listeners.off(event, listener as AnyListener);
  }

  /** Revokes the lease (within callTimeoutMs; if etcd is away it expires by itself), stops watching, closes. */
  leave(): Promise<void> {
    this.leaving ??= this.shutDown(true);
    return this.leaving;
  }

  /**
   * Test hook: stops renewing and watching and closes the client WITHOUT revoking the lease, as a crashed process
   * would; the member and its entries vanish for others when the lease expires.
   */
  simulateCrash(): Promise<void> {
    this.leaving ??= this.shutDown(false);
    return this.leaving;
  }

  private async shutDown(revoke: boolean): Promise<void> {
    this.phase = 'left';
    this.fenced = true;
    this.currentHealth = 'fenced';
    if (this.rejoinWait !== undefined) {
      clearTimeout(this.rejoinWait.timer);
      this.rejoinWait.wake();
    }
    const incarnation = this.incarnation;
    incarnation?.keeper.stop();
    this.watch?.close();
    const client = this.client;
    if (client === undefined) return;
    if (revoke && incarnation !== undefined) await this.revoke(client, incarnation.leaseId);
    client.close();
  }

  /** Grants a lease, starts renewing it, leases a worker id and publishes the member record. */
  private async startIncarnation(client: Etcd3): Promise<Incarnation> {
    const grantSentAt = this.options.now();
    const grant = await client.leaseClient.leaseGrant({ TTL: this.options.leaseTtlSeconds });
    if (grant.error) throw new Error(`etcd refused a lease: ${grant.error}`);
    const leaseId = grant.ID;
    const keeper: LeaseKeeper = new LeaseKeeper(client, leaseId, this.options, {
      renewed: () => this.renewed(keeper),
      unreachable: () => this.unreachable(keeper),
      lost: (reason) => this.leaseEnded(keeper, `lease lost: ${reason}`),
      expired: () => this.leaseEnded(keeper, STALLED_REASON),
    });
    keeper.start(grantSentAt);
    try {
      const registration = this.registration!;
      const self = await registerMember(client, this.keys, leaseId, (workerId) =>
        memberRecord(registration, BigInt(leaseId), workerId, Date.now()),
      );
      return { leaseId, keeper, self };
    } catch (error) {
      keeper.stop();
      await this.revoke(client, leaseId);
      throw error;
    }
  }

  private renewed(keeper: LeaseKeeper): void {
    if (this.incarnation?.keeper !== keeper || this.fenced || this.phase !== 'joined') return;
    if (this.currentHealth === 'healthy') return;
    this.setHealth('healthy');
    // The watch connection may have died silently (half-open) during the outage: start it afresh.
    this.watch?.restart();
  }

  private unreachable(keeper: LeaseKeeper): void {
    if (this.incarnation?.keeper !== keeper || this.fenced || this.phase !== 'joined') return;
    if (this.currentHealth === 'healthy') this.setHealth('unreachable');
  }

  private leaseEnded(keeper: LeaseKeeper, reason: string): void {
    if (this.incarnation?.keeper !== keeper) return;
    if (this.phase === 'joining') this.fenceDuringJoin ??= reason;
    else this.fence(reason);
  }

  private memberGone(memberId: string): void {
    if (memberId !== this.incarnation?.self.id) return;
    if (this.phase === 'joining') this.fenceDuringJoin ??= MEMBER_DELETED_REASON;
    else this.fence(MEMBER_DELETED_REASON);
  }

  /** Stops serving now, drops the old lease (its entries go at once) and rejoins as a new member. */
  private fence(reason: string, options: { deferEvents?: boolean } = {}): void {
    if (this.fenced || this.phase !== 'joined') return;
    const old = this.incarnation!;
    this.fenced = true;
    this.currentHealth = 'fenced';
    old.keeper.stop();
    const announce = (): void => {
      this.emit('health', 'fenced');
      this.emit('fenced', reason);
    };
    if (options.deferEvents) queueMicrotask(announce);
    else announce();
    const client = this.client!;
    void this.revoke(client, old.leaseId);
    void this.rejoin(client);
  }

  private async rejoin(client: Etcd3): Promise<void> {
    let delayMs = REJOIN_MIN_DELAY_MS;
    while (this.phase === 'joined' && this.fenced) {
      try {
        const incarnation = await this.startIncarnation(client);
        if (this.phase !== 'joined') {
          incarnation.keeper.stop();
          await this.revoke(client, incarnation.leaseId);
          return;
        }
        this.incarnation = incarnation;
        this.fenced = false;
        this.currentHealth = 'healthy';
        this.emit('rejoined', incarnation.self);
        this.emit('health', 'healthy');
        return;
      } catch (error) {
        if (this.phase !== 'joined') return;
        this.options.onError(error, 'rejoin');
        await this.sleepBeforeRejoin(delayMs);
        delayMs = Math.min(delayMs * 2, REJOIN_MAX_DELAY_MS);
      }
    }
  }

  private sleepBeforeRejoin(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = (): void => {
        this.rejoinWait = undefined;
        resolve();
      };
      this.rejoinWait = { timer: setTimeout(wake, ms), wake };
    });
  }

  /** Revokes a lease within callTimeoutMs; failure is reported, not thrown (the lease then expires by itself). */
  private async revoke(client: Etcd3, leaseId: string): Promise<void> {
    try {
      await client.leaseClient.leaseRevoke({ ID: leaseId });
    } catch (error) {
      if (!isLeaseGoneError(error)) {
        this.options.onError(
          new Error(`could not revoke lease ${leaseId} (it expires by itself): ${errorMessage(error)}`),
          'revoke',
        );
      }
    }
  }

  private requireJoined(what: string): Etcd3 {
    if (this.phase !== 'joined' || this.client === undefined) {
      throw new ClusterUnavailableError(
        `cannot ${what}: the etcd cluster provider is ${this.phase === 'left' ? 'closed (left)' : 'not joined yet'}`,
      );
    }
    return this.client;
  }

  /** Maps a failed call; etcd saying our lease is gone also fences. */
  private callFailed(what: string, incarnation: Incarnation, error: unknown): ClusterUnavailableError {
    if (isLeaseGoneError(error) && this.incarnation === incarnation) {
      this.fence(`lease lost: etcd reports lease ${incarnation.leaseId} not found`);
    }
    return etcdUnavailable(what, this.options.endpoints, error);
  }

  private setHealth(health: LeaseHealth): void {
    if (this.currentHealth === health) return;
    this.currentHealth = health;
    this.emit('health', health);
  }

  /** Calls every listener even if one throws; a throwing listener is reported, not propagated into etcd code. */
  private emit<E extends keyof ClusterProviderEvents>(event: E, ...args: Parameters<ClusterProviderEvents[E]>): void {
    for (const listener of this.listeners.listeners(event) as AnyListener[]) {
      try {
        listener(...args);
      } catch (error) {
        this.options.onError(error, `${event} listener`);
      }
    }
  }
}

const STALLED_REASON =
  'no lease renewal succeeded within the TTL and no etcd outage was witnessed: the process was paused or starved ' +
  'past its lease, so another node may own its actors';
const MEMBER_DELETED_REASON = "this member's record was deleted from etcd (its lease was revoked or expired)";
