// A token bucket that paces what the client sends to the gate's advertised rate (WELCOME.limits), so a busy
// client waits a little instead of being closed with 4004 RateLimited. The clock is passed in.

export class TokenBucket {
  private tokens: number;
  private updatedAt: number;
  private readonly ratePerMs: number;
  private readonly burst: number;

  constructor(ratePerSecond: number, burst: number, initialTokens: number, nowMs: number) {
    this.ratePerMs = ratePerSecond / 1000;
    this.burst = burst;
    this.tokens = Math.min(burst, initialTokens);
    this.updatedAt = nowMs;
  }

  /** Takes one token if there is one. */
  take(nowMs: number): boolean {
    this.refill(nowMs);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Milliseconds until a token is available (0 if one is now). */
  msUntilToken(nowMs: number): number {
    this.refill(nowMs);
    return this.tokens >= 1 ? 0 : Math.ceil((1 - this.tokens) / this.ratePerMs);
  }

  private refill(nowMs: number): void {
    if (nowMs > this.updatedAt) {
      this.tokens = Math.min(this.burst, this.tokens + (nowMs - this.updatedAt) * this.ratePerMs);
      this.updatedAt = nowMs;
    }
  }
}
