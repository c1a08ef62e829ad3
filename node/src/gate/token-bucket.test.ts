// The token bucket (per-connection message rate) and the per-IP attempt limiter built on it.
import { describe, expect, it } from '@jest/globals';
import { AttemptLimiter } from './attempt-limiter.ts';
import { TokenBucket } from './token-bucket.ts';

describe('TokenBucket', () => {
  const cases: { desc: string; rate: number; burst: number; takesAt: number[]; want: boolean[] }[] = [
    { desc: 'allows the burst at once', rate: 1, burst: 3, takesAt: [0, 0, 0], want: [true, true, true] },
    { desc: 'refuses past the burst', rate: 1, burst: 2, takesAt: [0, 0, 0], want: [true, true, false] },
    { desc: 'refills at the rate', rate: 10, burst: 1, takesAt: [0, 50, 100, 150], want: [true, false, true, false] },
    {
      desc: 'never refills past the burst',
      rate: 1000,
      burst: 2,
      takesAt: [0, 10_000, 10_000, 10_000],
      want: [true, true, true, false],
    },
    { desc: 'ignores a clock that goes back', rate: 1, burst: 1, takesAt: [1000, 0, 500], want: [true, false, false] },
  ];
  it.each(cases)('$desc', ({ rate, burst, takesAt, want }) => {
    const bucket = new TokenBucket(rate, burst, takesAt[0]!);
    expect(takesAt.map((t) => bucket.take(t))).toEqual(want);
  });
});

describe('AttemptLimiter', () => {
  it('allows perMinute attempts per address, refilling over a minute, each address on its own', () => {
    const limiter = new AttemptLimiter(3);
    expect([1, 2, 3, 4].map(() => limiter.tryAttempt('10.0.0.1', 0))).toEqual([true, true, true, false]);
    expect(limiter.tryAttempt('10.0.0.2', 0)).toBe(true);
    expect(limiter.tryAttempt('10.0.0.1', 20_000)).toBe(true);
    expect(limiter.tryAttempt('10.0.0.1', 20_000)).toBe(false);
  });

  it('forgets addresses whose bucket refilled, and bounds how many it tracks', () => {
    const limiter = new AttemptLimiter(2, 3);
    for (const address of ['a', 'b', 'c', 'd']) limiter.tryAttempt(address, 0);
    expect(limiter.trackedAddresses).toBe(3);
    limiter.sweep(60_000);
    expect(limiter.trackedAddresses).toBe(0);
  });
});
