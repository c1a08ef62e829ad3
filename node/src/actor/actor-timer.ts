// An actor timer: a timing-wheel entry that, when due, queues a message into its actor's own mailbox, so timer
// callbacks run as turns and never concurrently with a handler (seed gonet). At most one firing is queued at a
// time: a slow actor skips ticks instead of piling them up.
import { TimerEntry, type TimingWheel } from '../timer/index.ts';
import type { Actor } from './actor.ts';
import type { ActorTimer } from './actor-context.ts';
import { isAsyncFunction, type MethodInfo } from './actor-kind.ts';
import { type Message, NO_ARGS, TellMessage } from './message.ts';

/** The side of an activation a timer needs. */
export interface TimerOwner {
  /** Queues the firing; false if the mailbox refused it. */
  postTimer(message: Message): boolean;
  forgetTimer(timer: ActorTimerEntry): void;
}

export class ActorTimerEntry extends TimerEntry implements ActorTimer {
  private readonly owner: TimerOwner;
  private readonly timingWheel: TimingWheel;
  private readonly repeatMs: number;
  private readonly method: MethodInfo;
  private queued: boolean;
  private cancelled: boolean;
  /** When the next firing is due; repeats anchor on it so they do not drift by each firing's lateness. */
  private dueMs: number;

  constructor(owner: TimerOwner, timingWheel: TimingWheel, callback: () => unknown, delayMs: number, repeatMs: number) {
    super();
    this.owner = owner;
    this.timingWheel = timingWheel;
    this.repeatMs = repeatMs;
    this.queued = false;
    this.cancelled = false;
    this.dueMs = 0;
    const timer = this;
    this.method = {
      name: 'timer',
      // Timer firings start no trace and carry none: this name is never used.
      spanName: 'timer',
      clientCallable: false,
      isAsync: isAsyncFunction(callback),
      kindStats: null,
      fn(this: Actor): unknown {
        timer.queued = false;
        return timer.cancelled ? undefined : callback.call(this);
      },
    };
    this.dueMs = timingWheel.now() + Math.max(0, delayMs);
    timingWheel.scheduleAt(this, this.dueMs);
  }

  override onTimer(): void {
    if (this.cancelled) return;
    if (this.repeatMs > 0) {
      const now = this.timingWheel.now();
      this.dueMs += this.repeatMs;
      // Missed periods are skipped, not replayed in a burst.
      if (this.dueMs <= now) this.dueMs = now + this.repeatMs - ((now - this.dueMs) % this.repeatMs);
      this.timingWheel.scheduleAt(this, this.dueMs);
    } else {
      this.owner.forgetTimer(this);
    }
    if (this.queued) return;
    this.queued = this.owner.postTimer(new TellMessage(this.method, NO_ARGS, undefined, 0));
  }

  cancel(): void {
    if (this.cancelled) return;
    this.cancelled = true;
    this.timingWheel.cancel(this);
    this.owner.forgetTimer(this);
  }
}
