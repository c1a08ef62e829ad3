// Per-account login attempt limits, as pure functions of the account's failure record and the clock: after
// maxFailures consecutive failures the account locks for lockoutBaseMs, and each further failure (once the lock
// ended) doubles the lock up to lockoutMaxMs. A success clears the record; failures older than the window are
// forgotten. While locked, the password is not even checked, so a lock cannot be used to test passwords.

export interface FailureRecord {
  /** Consecutive failed logins (since the last success, within the window). */
  readonly failures: number;
  /** Wall-clock ms of the last failure (0: none). */
  readonly lastFailureAt: number;
  /** Wall-clock ms until which logins are refused (0: not locked). */
  readonly lockedUntil: number;
}

export interface LockoutPolicy {
  readonly maxFailures: number;
  readonly lockoutBaseMs: number;
  readonly lockoutMaxMs: number;
  readonly failureWindowMs: number;
}

export const NO_FAILURES: FailureRecord = { failures: 0, lastFailureAt: 0, lockedUntil: 0 };

/** How long logins stay refused at `nowMs` (0: a login may be tried). */
export function lockRemainingMs(record: FailureRecord, nowMs: number): number {
  return Math.max(0, record.lockedUntil - nowMs);
}

/** The lock a run of `failures` consecutive failures earns (0 below the limit). */
export function lockoutMs(failures: number, policy: LockoutPolicy): number {
  if (failures < policy.maxFailures) return 0;
  const doublings = Math.min(failures - policy.maxFailures, 40);
  return Math.min(policy.lockoutMaxMs, policy.lockoutBaseMs * 2 ** doublings);
}

/** The record after a failed login at `nowMs`. */
export function recordFailure(record: FailureRecord, nowMs: number, policy: LockoutPolicy): FailureRecord {
  const stale = record.lastFailureAt > 0 && nowMs - record.lastFailureAt > policy.failureWindowMs;
  const failures = (stale ? 0 : record.failures) + 1;
  const lock = lockoutMs(failures, policy);
  return { failures, lastFailureAt: nowMs, lockedUntil: lock === 0 ? 0 : nowMs + lock };
}
