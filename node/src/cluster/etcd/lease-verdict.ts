// The pure decision behind canServe(): may a node keep serving its directory activations, given what its lease
// renewals have shown so far and the time now? The clock is passed in so the rule is table-tested.

/** What the renewals of one lease have shown (times on the provider's monotonic clock, ms). */
export interface LeaseEvidence {
  /** Send time of the last answered renewal + TTL - margin: the lease is proven alive until then. */
  readonly serveDeadline: number;
  /** The newest finished renewal failed because etcd did not answer (not because the lease is gone). */
  readonly lastRenewalFailed: boolean;
  /** Send time of the newest failed renewal (meaningful when lastRenewalFailed). */
  readonly lastFailureSentAt: number;
}

/**
 * - `alive`: proven alive by a renewal.
 * - `outage`: past the proven time, but renewals keep failing right now because etcd is unreachable. While etcd is
 *   down nobody can claim this node's actors (etcd neither expires leases while down nor before refreshing them on
 *   its return), so serving on is safe; if only this node is cut off, the entries expire and the epochs fence it.
 * - `expired`: past the proven time with no recent witnessed failure: the process was paused or starved (its
 *   renewals did not even run), so the lease may be gone and another node may own its actors.
 */
export type LeaseVerdict = 'alive' | 'outage' | 'expired';

export function leaseVerdict(evidence: LeaseEvidence, now: number, outageGraceMs: number): LeaseVerdict {
  if (now < evidence.serveDeadline) return 'alive';
  // The failure is dated by its send time, not its arrival: a renewal sent before a long stall and timed out just
  // after it is no evidence that the loop kept running through the stall.
  if (evidence.lastRenewalFailed && now - evidence.lastFailureSentAt <= outageGraceMs) return 'outage';
  return 'expired';
}
