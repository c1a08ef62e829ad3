// Handshake and login attempts per IP address: a token bucket of `perMinute` attempts per IP that refills over a
// minute. Bounded memory: full buckets are forgotten on sweep, and past `maxTrackedAddresses` the oldest address
// is dropped (fail open: a flood of distinct addresses still meets maxConnections). Pure: the caller passes the clock.
import { TokenBucket } from './token-bucket.ts';

export const DEFAULT_MAX_TRACKED_ADDRESSES = 100_000;

export class AttemptLimiter {
  private readonly perMinute: number;
  private readonly maxTracked: number;
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(perMinute: number, maxTrackedAddresses = DEFAULT_MAX_TRACKED_ADDRESSES) {
    this.perMinute = perMinute;
    this.maxTracked = maxTrackedAddresses;
  }

  get trackedAddresses(): number {
    return this.buckets.size;
  }

  /** Counts an attempt from `address`; false when it is over the limit. */
  tryAttempt(address: string, nowMs: number): boolean {
    let bucket = this.buckets.get(address);
    if (bucket === undefined) {
      if (this.buckets.size >= this.maxTracked) {
        const oldest = this.buckets.keys().next();
        if (!oldest.done) this.buckets.delete(oldest.value);
      }
      bucket = new TokenBucket(this.perMinute / 60, this.perMinute, nowMs);
      this.buckets.set(address, bucket);
    }
    return bucket.take(nowMs);
  }

  /** Forgets addresses whose bucket refilled (they have made no attempt for a while). */
  sweep(nowMs: number): void {
    for (const [address, bucket] of this.buckets) if (bucket.isFull(nowMs)) this.buckets.delete(address);
  }
}
