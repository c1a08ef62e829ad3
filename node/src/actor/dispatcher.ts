// Runs activations that have work, fairly: each visit handles at most `turnBudget` messages of one activation,
// and once a slice of the event loop has run `sliceMs`, the rest waits for setImmediate so timers and I/O get
// their turn. Light loads stay on microtasks (lowest latency); floods degrade to one slice per loop iteration.
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
  private ready: Runnable[];
  private readyHead: number;
  private drainPending: boolean;
  private sliceStartMs: number;
  private sliceCount: number;
  private sliceExhausted: boolean;
  private readonly drainFn: () => void;
  private readonly endSliceFn: () => void;

  constructor(options: DispatcherOptions = {}) {
    this.turnBudget = options.turnBudget ?? DEFAULT_TURN_BUDGET;
    this.sliceMs = options.sliceMs ?? DEFAULT_SLICE_MS;
    this.ready = [];
    this.readyHead = 0;
    this.drainPending = false;
    this.sliceStartMs = -1;
    this.sliceCount = 0;
    this.sliceExhausted = false;
    // Drains run outside any turn's context frame, whoever scheduled them.
    this.drainFn = () => turnStorage.exit(() => this.drain());
    this.endSliceFn = () => {
      this.sliceStartMs = -1;
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
    if (this.sliceStartMs < 0) this.startSlice();
    else if (this.sliceExhausted) return false;
    if (++this.sliceCount % CLOCK_CHECK_EVERY === 0 && performance.now() - this.sliceStartMs > this.sliceMs) {
      this.sliceExhausted = true;
    }
    return true;
  }

  private drain(): void {
    // Stays pending while draining: activations scheduled meanwhile join this loop instead of queueing a drain.
    this.drainPending = true;
    if (this.sliceStartMs < 0) this.startSlice();
    const ready = this.ready;
    while (this.readyHead < ready.length) {
      if (this.sliceExhausted) {
        setImmediate(this.drainFn);
        this.compact();
        return;
      }
      const runnable = ready[this.readyHead]!;
      ready[this.readyHead++] = undefined as unknown as Runnable;
      runnable.scheduled = false;
      runnable.runVisit(this.turnBudget);
    }
    this.drainPending = false;
    this.compact();
  }

  private compact(): void {
    const ready = this.ready;
    if (this.readyHead >= ready.length) {
      ready.length = 0;
      this.readyHead = 0;
    } else if (this.readyHead > 1024 && this.readyHead * 2 > ready.length) {
      this.ready = ready.slice(this.readyHead);
      this.readyHead = 0;
    }
  }

  private startSlice(): void {
    this.sliceStartMs = performance.now();
    this.sliceCount = 0;
    this.sliceExhausted = false;
    setImmediate(this.endSliceFn);
  }
}
