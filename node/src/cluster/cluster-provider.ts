// The contract between a node and its coordination store (DESIGN §3 "Cluster provider"): membership under a
// lease, the actor directory whose entries ride that lease, and the lease's health, which decides whether this
// node may keep serving its activations. Two implementations: memory (one process, tests) and etcd.
import type { MemberInfo, MemberRegistration, MemberStatus } from './member.ts';

/** Who owns one activation of a directory-placed actor, and since when. */
export interface DirectoryEntry {
  readonly kind: string;
  readonly id: string;
  /** Member id of the owner. */
  readonly owner: string;
  /** The entry's create revision: the activation's epoch (persistence fences on it); increases per claim. */
  readonly epoch: number;
}

/**
 * - `healthy`: the lease was renewed within its TTL.
 * - `unreachable`: the store does not answer; this node keeps serving what it has (nobody else can claim it
 *   while the store is down) but can claim nothing new.
 * - `fenced`: the lease is gone or could not be proven alive in time; this node serves nothing until it rejoins.
 */
export type LeaseHealth = 'healthy' | 'unreachable' | 'fenced';

export interface ClusterProviderEvents {
  /** The member set or a member's record changed (also fired once right after join). */
  members: (members: ReadonlyMap<string, MemberInfo>) => void;
  /** A directory entry appeared (a claim by any member). */
  claimed: (entry: DirectoryEntry) => void;
  /** A directory entry went away (released, or its owner's lease ended). */
  removed: (entry: DirectoryEntry) => void;
  /**
   * This node's lease is gone: stop serving every directory activation now. Fired before the provider tries to
   * rejoin; `canServe()` is already false when it fires.
   */
  fenced: (reason: string) => void;
  /** Rejoined after a fence as a new member (new id, new lease, new worker id). */
  rejoined: (self: MemberInfo) => void;
  /** The lease health changed. */
  health: (health: LeaseHealth) => void;
}

export interface ClusterProvider {
  readonly kind: 'memory' | 'etcd';
  /**
   * Grants a lease (kept alive from now on), leases a snowflake worker id, publishes this member and starts
   * watching members and the directory. Resolves with this member's record once it is visible.
   */
  join(registration: MemberRegistration): Promise<MemberInfo>;
  /** This member's current record (a new one after a rejoin); undefined before join. */
  readonly self: MemberInfo | undefined;
  /** Every live member (this one included), as last seen. */
  members(): ReadonlyMap<string, MemberInfo>;
  /** Publishes a new status or load for this member. */
  update(change: { readonly status?: MemberStatus; readonly load?: number }): Promise<void>;
  /**
   * Creates the directory entry kind/id for this member, on its lease, if no entry exists (one transaction);
   * resolves with the entry that holds afterwards: this member's (the claim won) or the current owner's.
   * Rejects with ClusterUnavailableError when the store is unreachable or this node is fenced.
   */
  claim(kind: string, id: string): Promise<DirectoryEntry>;
  /** Reads the current entry from the store (uncached; callers cache and use the events to invalidate). */
  lookup(kind: string, id: string): Promise<DirectoryEntry | undefined>;
  /** Deletes the entry if it is still this claim (same owner and epoch); a later claim is left alone. */
  release(entry: DirectoryEntry): Promise<void>;
  /** May this node serve its directory activations right now? Cheap: called before every run of turns. */
  canServe(): boolean;
  health(): LeaseHealth;
  on<E extends keyof ClusterProviderEvents>(event: E, listener: ClusterProviderEvents[E]): void;
  off<E extends keyof ClusterProviderEvents>(event: E, listener: ClusterProviderEvents[E]): void;
  /** Leaves at once: revokes the lease, so this member and its directory entries vanish for everyone. */
  leave(): Promise<void>;
}
