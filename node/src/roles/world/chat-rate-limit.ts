// The per-member post limit of a chat channel, pure: a token bucket of `burst` posts refilled at
// `perSecond`, kept as a plain record per member. take() answers the new record and, when over the limit, how
// long until the next post fits.

export interface PostBucket {
  readonly tokens: number;
  /** When `tokens` was counted (ms, any monotonic clock). */
  readonly at: number;
}

export interface PostLimit {
  readonly perSecond: number;
  readonly burst: number;
}

export interface PostDecision {
  readonly bucket: PostBucket;
  /** 0: the post may go; else ms until one token is back. */
  readonly retryAfterMs: number;
}

export function takePost(bucket: PostBucket | undefined, nowMs: number, limit: PostLimit): PostDecision {
  const elapsed = bucket === undefined ? 0 : Math.max(0, nowMs - bucket.at);
  const tokens = Math.min(limit.burst, (bucket?.tokens ?? limit.burst) + (elapsed * limit.perSecond) / 1000);
  if (tokens >= 1) return { bucket: { tokens: tokens - 1, at: nowMs }, retryAfterMs: 0 };
  return {
    bucket: { tokens, at: nowMs },
    retryAfterMs: Math.ceil(((1 - tokens) * 1000) / limit.perSecond),
  };
}
