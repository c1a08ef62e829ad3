// The controller's work queue: keys (namespace/name of a GameCluster) waiting to be reconciled. A key is queued at
// most once however many events name it; a key being processed is never handed to a second worker, and events
// that arrive meanwhile queue it again once the worker is done (so no change is missed and none is handled twice
// at once). Failures come back after an exponential backoff per key (5 ms doubling up to 5 min by default), reset
// when the key succeeds; addAfter() schedules a later visit (drain polls, stabilisation windows, the safety sync).

export interface WorkQueueOptions {
  /** First retry delay after a failure (default: 5 ms). */
  readonly baseDelayMs?: number;
  /** Longest retry delay (default: 300_000 ms). */
  readonly maxDelayMs?: number;
  /** Clock and timers, for tests. */
  readonly now?: () => number;
  readonly setTimer?: (fn: () => void, ms: number) => unknown;
  readonly clearTimer?: (timer: unknown) => void;
}

export class WorkQueue {
  private readonly queue: string[] = [];
  private readonly queued = new Set<string>();
  private readonly processing = new Set<string>();
  /** Keys added while processing: queued again when their worker calls done(). */
  private readonly dirty = new Set<string>();
  private readonly failures = new Map<string, number>();
  /** Delayed adds: key -> when it is due and its timer; an earlier addAfter replaces a later one. */
  private readonly delayed = new Map<string, { readonly dueMs: number; readonly timer: unknown }>();
  private readonly waiters: Array<(key: string | null) => void> = [];
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly now: () => number;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (timer: unknown) => void;
  private closed = false;

  constructor(options: WorkQueueOptions = {}) {
    this.baseDelayMs = options.baseDelayMs ?? 5;
    this.maxDelayMs = options.maxDelayMs ?? 300_000;
    this.now = options.now ?? Date.now;
    this.setTimer =
      options.setTimer ??
      ((fn, ms) => {
        const timer = setTimeout(fn, ms);
        timer.unref();
        return timer;
      });
    this.clearTimer = options.clearTimer ?? ((timer) => clearTimeout(timer as NodeJS.Timeout));
  }

  /** Keys waiting (not counting delayed ones or those being processed): the queue-depth metric. */
  get depth(): number {
    return this.queue.length;
  }

  /** Queues `key` now (once, however often it is added). */
  add(key: string): void {
    if (this.closed) return;
    if (this.processing.has(key)) {
      this.dirty.add(key);
      return;
    }
    if (this.queued.has(key)) return;
    this.queued.add(key);
    const waiter = this.waiters.shift();
    if (waiter !== undefined) {
      this.queued.delete(key);
      this.processing.add(key);
      waiter(key);
    } else this.queue.push(key);
  }

  /** Queues `key` after `delayMs`; an earlier pending visit wins over a later one. */
  addAfter(key: string, delayMs: number): void {
    if (this.closed) return;
    if (delayMs <= 0) {
      this.add(key);
      return;
    }
    const dueMs = this.now() + delayMs;
    const pending = this.delayed.get(key);
    if (pending !== undefined) {
      if (pending.dueMs <= dueMs) return;
      this.clearTimer(pending.timer);
    }
    const timer = this.setTimer(() => {
      this.delayed.delete(key);
      this.add(key);
    }, delayMs);
    this.delayed.set(key, { dueMs, timer });
  }

  /** The key's reconcile failed: it comes back after its backoff, which doubles with each failure in a row. */
  addRateLimited(key: string): number {
    const failures = this.failures.get(key) ?? 0;
    this.failures.set(key, failures + 1);
    const delay = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** Math.min(failures, 52));
    this.addAfter(key, delay);
    return delay;
  }

  /** The key's reconcile succeeded: its backoff starts over. */
  forget(key: string): void {
    this.failures.delete(key);
  }

  /** Failures in a row for `key`. */
  retries(key: string): number {
    return this.failures.get(key) ?? 0;
  }

  /** The next key to process (waits for one); null once the queue shut down. Call done(key) after. */
  get(): Promise<string | null> {
    if (this.closed) return Promise.resolve(null);
    const key = this.queue.shift();
    if (key !== undefined) {
      this.queued.delete(key);
      this.processing.add(key);
      return Promise.resolve(key);
    }
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** The worker finished `key`; a key added meanwhile is queued again now. */
  done(key: string): void {
    this.processing.delete(key);
    if (this.dirty.delete(key)) this.add(key);
  }

  /** Stops handing out keys: waiting get() calls resolve null; delayed visits are cancelled. */
  shutDown(): void {
    this.closed = true;
    for (const { timer } of this.delayed.values()) this.clearTimer(timer);
    this.delayed.clear();
    for (const waiter of this.waiters.splice(0)) waiter(null);
    this.queue.length = 0;
    this.queued.clear();
  }
}
