// Failed admin-key checks per client address in a fixed window: past the limit an address is refused (429)
// without its key being checked, so guessing the key from one address is slow. Bounded memory: expired windows
// are forgotten, and past `maxTrackedAddresses` the oldest address goes. Pure: the caller passes the clock.

export const DEFAULT_AUTH_FAILURES_PER_WINDOW = 10;
export const DEFAULT_AUTH_WINDOW_MS = 60_000;
export const DEFAULT_MAX_TRACKED_ADDRESSES = 10_000;

export interface AuthFailureWindowOptions {
  /** Failed checks an address may make per window before it is refused (default: 10). */
  readonly failuresPerWindow?: number;
  /** Length of the window, from an address's first failure (default: 60_000 ms). */
  readonly windowMs?: number;
  /** Addresses remembered at once (default: 10_000). */
  readonly maxTrackedAddresses?: number;
}

interface Window {
  readonly startedMs: number;
  failures: number;
}

export class AuthFailureWindow {
  private readonly failuresPerWindow: number;
  private readonly windowMs: number;
  private readonly maxTracked: number;
  private readonly windows = new Map<string, Window>();

  constructor(options: AuthFailureWindowOptions = {}) {
    this.failuresPerWindow = options.failuresPerWindow ?? DEFAULT_AUTH_FAILURES_PER_WINDOW;
    this.windowMs = options.windowMs ?? DEFAULT_AUTH_WINDOW_MS;
    this.maxTracked = options.maxTrackedAddresses ?? DEFAULT_MAX_TRACKED_ADDRESSES;
  }

  get trackedAddresses(): number {
    return this.windows.size;
  }

  /** Seconds until `address` may try again; 0 when it may try now. */
  blockedForSeconds(address: string, nowMs: number): number {
    const window = this.current(address, nowMs);
    if (window === undefined || window.failures < this.failuresPerWindow) return 0;
    return Math.max(1, Math.ceil((window.startedMs + this.windowMs - nowMs) / 1000));
  }

  recordFailure(address: string, nowMs: number): void {
    const window = this.current(address, nowMs);
    if (window !== undefined) {
      window.failures++;
      return;
    }
    this.sweep(nowMs);
    if (this.windows.size >= this.maxTracked) {
      const oldest = this.windows.keys().next();
      if (!oldest.done) this.windows.delete(oldest.value);
    }
    this.windows.set(address, { startedMs: nowMs, failures: 1 });
  }

  private current(address: string, nowMs: number): Window | undefined {
    const window = this.windows.get(address);
    if (window === undefined) return undefined;
    if (nowMs - window.startedMs < this.windowMs) return window;
    this.windows.delete(address);
    return undefined;
  }

  /** Forgets expired windows (insertion order is start order, so the expired ones come first). */
  private sweep(nowMs: number): void {
    for (const [address, window] of this.windows) {
      if (nowMs - window.startedMs < this.windowMs) return;
      this.windows.delete(address);
    }
  }
}
