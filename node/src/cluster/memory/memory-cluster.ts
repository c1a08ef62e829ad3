// The coordination store of one process, playing etcd's part for MemoryClusterProvider: a global revision, leases
// that expire by timer, members, directory entries and worker ids riding those leases, and ordered change delivery.
// Its test hooks (expireLease, setReachable) stage lease loss and outages.
import { SNOWFLAKE_MAX_WORKER_ID } from '../../ids/index.ts';
import type { DirectoryEntry } from '../cluster-provider.ts';
import { ClusterUnavailableError } from '../errors.ts';
import { type MemberInfo, type MemberRegistration, type MemberStatus, memberRecord } from '../member.ts';
import { DeliveryQueue } from './delivery-queue.ts';
import type { MemoryClusterChange, MemoryClusterWatcher } from './memory-cluster-watcher.ts';

export interface MemoryClusterOptions {
  /** Wall clock for `joinedAt`, in Unix ms. (default: `Date.now`) */
  readonly now?: () => number;
}

/** A lease granted by register() and the member published on it. */
export interface MemoryClusterLease {
  readonly leaseId: number;
  readonly member: MemberInfo;
}

interface Lease {
  readonly id: number;
  readonly ttlMs: number;
  readonly watcher: MemoryClusterWatcher;
  member: MemberInfo;
  /** Armed while the store is reachable; re-armed by every keepalive. */
  expiry: NodeJS.Timeout | undefined;
  /** Directory keys attached to this lease. */
  readonly entries: Set<string>;
}

interface StoredEntry {
  readonly entry: DirectoryEntry;
  readonly lease: Lease;
}

export class MemoryCluster {
  static #processWide: MemoryCluster | undefined;

  /** The cluster that providers created without one share: one per process, made on first use. */
  static processWide(): MemoryCluster {
    MemoryCluster.#processWide ??= new MemoryCluster();
    return MemoryCluster.#processWide;
  }

  readonly #now: () => number;
  readonly #queue = new DeliveryQueue();
  readonly #watchers = new Set<MemoryClusterWatcher>();
  readonly #leases = new Map<number, Lease>();
  readonly #leaseByMember = new Map<string, Lease>();
  readonly #workerIds = new Map<number, Lease>();
  readonly #directory = new Map<string, StoredEntry>();
  #revision = 0;
  #lastLeaseId = 0;
  #nextWorkerId = 0;
  #reachable = true;

  constructor(options: MemoryClusterOptions = {}) {
    this.#now = options.now ?? Date.now;
    // Epochs are revisions and must grow across process restarts too (a persisted store outlives this process):
    // start from the wall clock in microseconds, as the etcd provider's epoch base does.
    this.#revision = Math.floor(this.#now()) * 1000;
  }

  /** The store's revision: bumped by every change, like etcd's; directory epochs are revisions. */
  get revision(): number {
    return this.#revision;
  }

  get reachable(): boolean {
    return this.#reachable;
  }

  /** Live members, in join order. */
  members(): MemberInfo[] {
    return [...this.#leases.values()].map((lease) => lease.member);
  }

  /** Runs `task` on the delivery queue, after every change published so far. */
  enqueue(task: () => void): void {
    this.#queue.enqueue(task);
  }

  /** Resolves once every change published so far has reached every watcher. */
  settled(): Promise<void> {
    return this.#queue.settled();
  }

  /** Starts delivering changes to `watcher`; returns the members as they are now (the changes come after). */
  watch(watcher: MemoryClusterWatcher): MemberInfo[] {
    this.#assertReachable();
    this.#watchers.add(watcher);
    return this.members();
  }

  unwatch(watcher: MemoryClusterWatcher): void {
    this.#watchers.delete(watcher);
  }

  /**
   * Grants a lease of `ttlMs` held by `watcher`, leases a free snowflake worker id on it and publishes
   * the member `<name>.<lease id in hex>` (as the etcd provider names members), in one revision.
   */
  register(registration: MemberRegistration, ttlMs: number, watcher: MemoryClusterWatcher): MemoryClusterLease {
    this.#assertReachable();
    const workerId = this.#freeWorkerId();
    if (workerId === undefined) {
      throw new ClusterUnavailableError(
        `All ${SNOWFLAKE_MAX_WORKER_ID + 1} snowflake worker ids are leased: stop members, or wait for departed ones' leases to expire.`,
      );
    }
    const id = ++this.#lastLeaseId;
    const member = memberRecord(registration, BigInt(id), workerId, this.#now());
    const lease: Lease = { id, ttlMs, watcher, member, expiry: undefined, entries: new Set() };
    this.#leases.set(id, lease);
    this.#leaseByMember.set(member.id, lease);
    this.#workerIds.set(workerId, lease);
    this.#armExpiry(lease);
    this.#publish([{ type: 'member-put', member }]);
    return { leaseId: id, member };
  }

  /** Renews the lease; false when it no longer exists. */
  keepAlive(leaseId: number): boolean {
    this.#assertReachable();
    const lease = this.#leases.get(leaseId);
    if (lease === undefined) return false;
    this.#armExpiry(lease);
    return true;
  }

  /** Publishes a new status or load for the member on `leaseId`. */
  updateMember(leaseId: number, change: { readonly status?: MemberStatus; readonly load?: number }): MemberInfo {
    const lease = this.#liveLease(leaseId);
    const member: MemberInfo = {
      ...lease.member,
      status: change.status ?? lease.member.status,
      load: change.load ?? lease.member.load,
    };
    lease.member = member;
    this.#publish([{ type: 'member-put', member }]);
    return member;
  }

  /** Creates kind/id on `leaseId` unless an entry exists; returns the entry that holds afterwards. */
  claim(leaseId: number, kind: string, id: string): DirectoryEntry {
    const lease = this.#liveLease(leaseId);
    const key = directoryKey(kind, id);
    const existing = this.#directory.get(key);
    if (existing !== undefined) return existing.entry;
    const entry: DirectoryEntry = { kind, id, owner: lease.member.id, epoch: this.#revision + 1 };
    this.#directory.set(key, { entry, lease });
    lease.entries.add(key);
    this.#publish([{ type: 'entry-put', entry }]);
    return entry;
  }

  lookup(kind: string, id: string): DirectoryEntry | undefined {
    this.#assertReachable();
    return this.#directory.get(directoryKey(kind, id))?.entry;
  }

  /** Deletes the entry if it is still the same claim (owner and epoch). */
  release(entry: DirectoryEntry): void {
    this.#assertReachable();
    const key = directoryKey(entry.kind, entry.id);
    const stored = this.#directory.get(key);
    if (stored === undefined || stored.entry.owner !== entry.owner || stored.entry.epoch !== entry.epoch) return;
    this.#directory.delete(key);
    stored.lease.entries.delete(key);
    this.#publish([{ type: 'entry-deleted', entry: stored.entry }]);
  }

  /** Revokes the lease: its member, entries and worker id vanish at once, for everyone. */
  revoke(leaseId: number): void {
    this.#assertReachable();
    const lease = this.#leases.get(leaseId);
    if (lease !== undefined) this.#endLease(lease);
  }

  /**
   * Test hook: the lease of `memberId` runs out now, as if the node had been silent for its TTL. Its holder is
   * told first (it fences), then its member, entries and worker id vanish for everyone. False when no such member.
   */
  expireLease(memberId: string): boolean {
    const lease = this.#leaseByMember.get(memberId);
    if (lease === undefined) return false;
    this.#expire(lease, `the lease of ${memberId} was expired by the test hook`);
    return true;
  }

  /**
   * Test hook: an outage of the store while `reachable` is false. Every provider call rejects with
   * ClusterUnavailableError and no lease expires; when the store returns, every lease starts a fresh TTL.
   */
  setReachable(reachable: boolean): void {
    if (reachable === this.#reachable) return;
    this.#reachable = reachable;
    for (const lease of this.#leases.values()) {
      if (reachable) this.#armExpiry(lease);
      else clearTimeout(lease.expiry);
    }
    for (const watcher of [...this.#watchers]) watcher.reachabilityChanged(reachable);
  }

  #expire(lease: Lease, reason: string): void {
    if (!this.#leases.has(lease.id)) return;
    lease.watcher.leaseLost(lease.id, reason);
    this.#endLease(lease);
  }

  #endLease(lease: Lease): void {
    clearTimeout(lease.expiry);
    this.#leases.delete(lease.id);
    this.#leaseByMember.delete(lease.member.id);
    this.#workerIds.delete(lease.member.workerId);
    const changes: MemoryClusterChange[] = [];
    for (const key of lease.entries) {
      const stored = this.#directory.get(key);
      this.#directory.delete(key);
      if (stored !== undefined) changes.push({ type: 'entry-deleted', entry: stored.entry });
    }
    changes.push({ type: 'member-deleted', member: lease.member });
    this.#publish(changes);
  }

  #armExpiry(lease: Lease): void {
    clearTimeout(lease.expiry);
    lease.expiry = setTimeout(
      () => this.#expire(lease, `the lease of ${lease.member.id} was not renewed within ${lease.ttlMs} ms`),
      lease.ttlMs,
    );
    // A lease must not keep the process alive: a process that wants to exit simply stops renewing it.
    lease.expiry.unref();
  }

  /** Bumps the revision and queues the changes for the watchers present now (later ones saw them in `watch`). */
  #publish(changes: readonly MemoryClusterChange[]): void {
    this.#revision++;
    const watchers = [...this.#watchers];
    this.#queue.enqueue(() => {
      for (const watcher of watchers) if (this.#watchers.has(watcher)) watcher.changes(changes);
    });
  }

  #liveLease(leaseId: number): Lease {
    this.#assertReachable();
    const lease = this.#leases.get(leaseId);
    if (lease === undefined) {
      throw new ClusterUnavailableError(`Lease ${leaseId} has ended: this member is fenced until it rejoins; retry.`);
    }
    return lease;
  }

  /**
   * The next free worker id after the last one handed out: a rejoining member gets a new id (as the contract
   * says), and an id is reused only after the others have had their turn, which keeps a departed holder's ids
   * out of reach for as long as possible.
   */
  #freeWorkerId(): number | undefined {
    const count = SNOWFLAKE_MAX_WORKER_ID + 1;
    for (let i = 0; i < count; i++) {
      const workerId = (this.#nextWorkerId + i) % count;
      if (this.#workerIds.has(workerId)) continue;
      this.#nextWorkerId = (workerId + 1) % count;
      return workerId;
    }
    return undefined;
  }

  #assertReachable(): void {
    if (!this.#reachable) {
      throw new ClusterUnavailableError(
        'The memory cluster store is unreachable (outage staged with setReachable(false)): retry when it returns.',
      );
    }
  }
}

function directoryKey(kind: string, id: string): string {
  // NUL cannot be part of a kind name, so kind/id pairs never collide.
  return `${kind}\u0000${id}`;
}
