// What the memory cluster tells each provider that joined it: store changes in revision order (as an etcd watch
// would), the loss of its lease, and outages.
import type { DirectoryEntry } from '../cluster-provider.ts';
import type { MemberInfo } from '../member.ts';

export type MemoryClusterChange =
  | { readonly type: 'member-put'; readonly member: MemberInfo }
  | { readonly type: 'member-deleted'; readonly member: MemberInfo }
  | { readonly type: 'entry-put'; readonly entry: DirectoryEntry }
  | { readonly type: 'entry-deleted'; readonly entry: DirectoryEntry };

export interface MemoryClusterWatcher {
  /** The changes of one revision, delivered on the cluster's queue in revision order. */
  changes(batch: readonly MemoryClusterChange[]): void;
  /**
   * Called synchronously when a lease granted to this watcher ended without being revoked (it expired), before
   * anyone sees its keys removed, so the holder fences before another member can claim what it held.
   */
  leaseLost(leaseId: number, reason: string): void;
  /** Called synchronously when the store becomes unreachable, or reachable again. */
  reachabilityChanged(reachable: boolean): void;
}
