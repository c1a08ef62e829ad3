// Table tests of the per-account lockout schedule: when it locks, how the lock grows and caps, and the window.
import { describe, expect, it } from '@jest/globals';
import {
  type FailureRecord,
  type LockoutPolicy,
  lockoutMs,
  lockRemainingMs,
  NO_FAILURES,
  recordFailure,
} from './account-lockout.ts';

const policy: LockoutPolicy = { maxFailures: 3, lockoutBaseMs: 1_000, lockoutMaxMs: 5_000, failureWindowMs: 60_000 };

describe('lockoutMs', () => {
  const cases: { desc: string; failures: number; want: number }[] = [
    { desc: 'no failures', failures: 0, want: 0 },
    { desc: 'below the limit', failures: 2, want: 0 },
    { desc: 'at the limit: the base lock', failures: 3, want: 1_000 },
    { desc: 'one more: doubled', failures: 4, want: 2_000 },
    { desc: 'two more: doubled again', failures: 5, want: 4_000 },
    { desc: 'capped at the maximum', failures: 6, want: 5_000 },
    { desc: 'a long run stays capped', failures: 500, want: 5_000 },
  ];
  it.each(cases)('$desc', ({ failures, want }) => {
    expect(lockoutMs(failures, policy)).toBe(want);
  });
});

describe('recordFailure', () => {
  const cases: { desc: string; record: FailureRecord; now: number; want: FailureRecord }[] = [
    {
      desc: 'a first failure only counts',
      record: NO_FAILURES,
      now: 10_000,
      want: { failures: 1, lastFailureAt: 10_000, lockedUntil: 0 },
    },
    {
      desc: 'the failure that reaches the limit locks',
      record: { failures: 2, lastFailureAt: 9_000, lockedUntil: 0 },
      now: 10_000,
      want: { failures: 3, lastFailureAt: 10_000, lockedUntil: 11_000 },
    },
    {
      desc: 'a failure after the lock ended locks twice as long',
      record: { failures: 3, lastFailureAt: 10_000, lockedUntil: 11_000 },
      now: 12_000,
      want: { failures: 4, lastFailureAt: 12_000, lockedUntil: 14_000 },
    },
    {
      desc: 'failures older than the window are forgotten',
      record: { failures: 2, lastFailureAt: 10_000, lockedUntil: 0 },
      now: 80_000,
      want: { failures: 1, lastFailureAt: 80_000, lockedUntil: 0 },
    },
  ];
  it.each(cases)('$desc', ({ record, now, want }) => {
    expect(recordFailure(record, now, policy)).toEqual(want);
  });
});

describe('lockRemainingMs', () => {
  it('counts down to zero', () => {
    const record = { failures: 3, lastFailureAt: 10_000, lockedUntil: 11_000 };
    expect(lockRemainingMs(record, 10_400)).toBe(600);
    expect(lockRemainingMs(record, 11_000)).toBe(0);
    expect(lockRemainingMs(record, 20_000)).toBe(0);
  });
});
