// Table tests of the chat post limit.
import { describe, expect, it } from '@jest/globals';
import { type PostBucket, type PostLimit, takePost } from './chat-rate-limit.ts';

const limit: PostLimit = { perSecond: 2, burst: 3 };

describe('takePost', () => {
  const cases: { desc: string; bucket: PostBucket | undefined; now: number; tokens: number; retryAfterMs: number }[] = [
    { desc: 'a first post takes from a full bucket', bucket: undefined, now: 0, tokens: 2, retryAfterMs: 0 },
    { desc: 'the last token goes', bucket: { tokens: 1, at: 0 }, now: 0, tokens: 0, retryAfterMs: 0 },
    {
      desc: 'an empty bucket refuses until a token is back',
      bucket: { tokens: 0, at: 0 },
      now: 100,
      tokens: 0.2,
      retryAfterMs: 400,
    },
    { desc: 'a refilled token lets one through', bucket: { tokens: 0, at: 0 }, now: 500, tokens: 0, retryAfterMs: 0 },
    { desc: 'refill stops at the burst', bucket: { tokens: 0, at: 0 }, now: 60_000, tokens: 2, retryAfterMs: 0 },
  ];
  it.each(cases)('$desc', ({ bucket, now, tokens, retryAfterMs }) => {
    const decision = takePost(bucket, now, limit);
    expect(decision.bucket.tokens).toBeCloseTo(tokens, 9);
    expect(decision.retryAfterMs).toBe(retryAfterMs);
  });

  it('lets exactly the burst through at once', () => {
    let bucket: PostBucket | undefined;
    const allowed: boolean[] = [];
    for (let i = 0; i < 5; i++) {
      const decision = takePost(bucket, 1000, limit);
      bucket = decision.bucket;
      allowed.push(decision.retryAfterMs === 0);
    }
    expect(allowed).toEqual([true, true, true, false, false]);
  });
});
