// Runs activations that have work, fairly: each visit handles at most `turnBudget` messages of one activation,
// and once a slice of the event loop has run `sliceMs`, the rest waits for setImmediate so timers and I/O get
// their turn. Light loads stay on microtasks (lowest latency); floods degrade to one slice per loop iteration.
import { Mailbox } from './mailbox.ts';
import { turnStorage } from './turn-context.ts';

/** What the dispatcher drives: an activation. */
export interface Runnable {
  /** Queued on the dispatcher's ready queue. */
  scheduled: boolean;
  /** Handles up to `budget` messages. */
  runVisit(budget: number): void;
}

export interface DispatcherOptions {
  /** Messages one activation handles per visit before the next activation gets a turn (default: 64). */
  turnBudget?: number;
  /** Time the dispatcher may run before yielding to the event loop (default: 5). */
  sliceMs?: number;
}

export const DEFAULT_TURN_BUDGET = 64;
export const DEFAULT_SLICE_MS = 5;

// Reading the clock costs about as much as handling a message, so the slice is checked every N messages.
const CLOCK_CHECK_EVERY = 64;

export class Dispatcher {
  readonly turnBudget: number;
  private readonly sliceMs: number;
  // A ring buffer that keeps its capacity: an array emptied with `length = 0` regrows on every burst.
  private readonly ready: Mailbox<Runnable>;
  private drainPending: boolean;
  private sliceStartMs: number;
  /** Messages admitted before the next slow check (slice start, clock, exhaustion); 0 forces one. */
  private untilCheck: number;
  private sliceExhausted: boolean;
  private readonly drainFn: () => void;
  private readonly endSliceFn: () => void;

  constructor(options: DispatcherOptions = {}) {
    this.turnBudget = options.turnBudget ?? DEFAULT_TURN_BUDGET;
    this.sliceMs = options.sliceMs ?? DEFAULT_SLICE_MS;
    this.ready = new Mailbox();
    this.drainPending = false;
    this.sliceStartMs = -1;
    this.untilCheck = 0;
    this.sliceExhausted = false;
    // Drains run outside any turn's context frame, whoever scheduled them.
    this.drainFn = () => turnStorage.exit(() => this.drain());
    this.endSliceFn = () => {
      this.sliceStartMs = -1;
      this.untilCheck = 0;
      this.sliceExhausted = false;
    };
  }

  /** Queues an activation that has work; idempotent while it is queued. */
  schedule(runnable: Runnable): void {
    if (runnable.scheduled) return;
    runnable.scheduled = true;
    this.ready.push(runnable);
    if (this.drainPending) return;
    this.drainPending = true;
    if (this.sliceExhausted) setImmediate(this.drainFn);
    else queueMicrotask(this.drainFn);
  }

  /**
   * Counts one handled message against the slice; false once the slice is spent, telling an activation that
   * continues after an async handler to queue itself instead of running on.
   */
  admit(): boolean {
    // Once per message: a countdown small enough to inline; the rest runs every CLOCK_CHECK_EVERY messages.
    if (--this.untilCheck > 0) return true;
    return this.checkSlice();
  }

  private checkSlice(): boolean {
    if (this.sliceStartMs < 0) {
      this.startSlice();
      return true;
    }
    if (this.sliceExhausted) {
      this.untilCheck = 0;
      return false;
    }
    // The slice is spent: this message still runs, the next ones wait (untilCheck 0 brings them back here).
    if (performance.now() - this.sliceStartMs > this.sliceMs) this.sliceExhausted = true;
    else this.untilCheck = CLOCK_CHECK_EVERY;
    return true;
  }

  private drain(): void {
    // Stays pending while draining: activations scheduled meanwhile join this loop instead of queueing a drain.
    this.drainPending = true;
    if (this.sliceStartMs < 0) this.startSlice();
    const ready = this.ready;
    while (ready.length > 0) {
      if (this.sliceExhausted) {
        setImmediate(this.drainFn);
        return;
      }
      const runnable = ready.shift()!;
      runnable.scheduled = false;
      runnable.runVisit(this.turnBudget);
    }
    this.drainPending = false;
  }

  private startSlice(): void {
    this.sliceStartMs = performance.now();
    this.untilCheck = CLOCK_CHECK_EVERY;
    this.sliceExhausted = false;
    setImmediate(this.endSliceFn);
  }
}
