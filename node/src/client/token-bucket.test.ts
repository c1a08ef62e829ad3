// The pacing bucket: a full burst at once, then one token per 1/rate seconds, never more than the burst.
import { describe, expect, it } from '@jest/globals';
import { TokenBucket } from './token-bucket.ts';

describe('TokenBucket', () => {
  it('gives the burst at once, then refills at the rate', () => {
    const bucket = new TokenBucket(10, 3, 3, 0);
    expect([bucket.take(0), bucket.take(0), bucket.take(0), bucket.take(0)]).toEqual([true, true, true, false]);
    expect(bucket.msUntilToken(0)).toBe(100);
    expect(bucket.take(50)).toBe(false);
    expect(bucket.msUntilToken(50)).toBe(50);
    expect(bucket.take(100)).toBe(true);
  });

  it('never holds more than the burst', () => {
    const bucket = new TokenBucket(1000, 2, 0, 0);
    expect(bucket.msUntilToken(0)).toBe(1);
    const taken = [1, 2, 3].map(() => bucket.take(10_000));
    expect(taken).toEqual([true, true, false]);
  });
});
