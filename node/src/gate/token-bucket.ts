// A token bucket: `ratePerSecond` tokens refill continuously up to `burst`; each message takes one. Per connection
// (message rate) and per IP (handshake and login attempts). Pure: the caller passes the clock.
export class TokenBucket {
  private readonly ratePerMs: number;
  private readonly burst: number;
  private tokens: number;
  private refilledAt: number;

  constructor(ratePerSecond: number, burst: number, nowMs: number) {
    this.ratePerMs = ratePerSecond / 1000;
    this.burst = burst;
    this.tokens = burst;
    this.refilledAt = nowMs;
  }

  /** Takes one token if there is one; false means over the limit. */
  take(nowMs: number): boolean {
    this.refill(nowMs);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** True when the bucket is full again at `nowMs` (nothing to remember about its owner). */
  isFull(nowMs: number): boolean {
    this.refill(nowMs);
    return this.tokens >= this.burst;
  }

  private refill(nowMs: number): void {
    const elapsed = nowMs - this.refilledAt;
    if (elapsed <= 0) return;
    this.tokens = Math.min(this.burst, this.tokens + elapsed * this.ratePerMs);
    this.refilledAt = nowMs;
  }
}
