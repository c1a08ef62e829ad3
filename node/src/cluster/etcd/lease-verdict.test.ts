// Table tests of the serving rule: renewals prove the lease, witnessed outages extend it, stalls end it.
import { describe, expect, it } from '@jest/globals';
import { type LeaseEvidence, type LeaseVerdict, leaseVerdict } from './lease-verdict.ts';

const GRACE_MS = 4_000;

describe('leaseVerdict', () => {
  const cases: { desc: string; evidence: LeaseEvidence; now: number; want: LeaseVerdict }[] = [
    {
      desc: 'before the deadline after a good renewal',
      evidence: { serveDeadline: 10_000, lastRenewalFailed: false, lastFailureSentAt: 0 },
      now: 9_999,
      want: 'alive',
    },
    {
      desc: 'before the deadline while renewals fail',
      evidence: { serveDeadline: 10_000, lastRenewalFailed: true, lastFailureSentAt: 9_000 },
      now: 9_500,
      want: 'alive',
    },
    {
      desc: 'at the deadline with no failure seen (paused process)',
      evidence: { serveDeadline: 10_000, lastRenewalFailed: false, lastFailureSentAt: 0 },
      now: 10_000,
      want: 'expired',
    },
    {
      desc: 'past the deadline while a recent renewal failed (etcd down)',
      evidence: { serveDeadline: 10_000, lastRenewalFailed: true, lastFailureSentAt: 12_000 },
      now: 15_000,
      want: 'outage',
    },
    {
      desc: 'past the deadline, failure exactly at the grace limit',
      evidence: { serveDeadline: 10_000, lastRenewalFailed: true, lastFailureSentAt: 11_000 },
      now: 11_000 + GRACE_MS,
      want: 'outage',
    },
    {
      desc: 'past the deadline, the last failure too old (stalled during an outage)',
      evidence: { serveDeadline: 10_000, lastRenewalFailed: true, lastFailureSentAt: 11_000 },
      now: 11_001 + GRACE_MS,
      want: 'expired',
    },
    {
      desc: 'past the deadline, a failure recorded but a later renewal succeeded',
      evidence: { serveDeadline: 10_000, lastRenewalFailed: false, lastFailureSentAt: 9_900 },
      now: 10_500,
      want: 'expired',
    },
  ];
  it.each(cases)('$desc', ({ evidence, now, want }) => {
    expect(leaseVerdict(evidence, now, GRACE_MS)).toBe(want);
  });
});
