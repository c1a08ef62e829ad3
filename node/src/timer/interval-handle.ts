// The handle behind TimingWheel.setInterval: re-arms itself after each call, anchored to its first due time so it
// does not drift, and skipping the periods a lagging event loop missed instead of firing them in a burst.
import { TimerHandle } from './timer-handle.ts';
import type { TimingWheel } from './timing-wheel.ts';

export class IntervalHandle extends TimerHandle {
  readonly periodMs: number;
  /** When the current period is due on the wheel's clock. */
  private dueMs: number;
  /** The wheel that re-arms the interval; null once cancelled (also from inside the callback). */
  private owner: TimingWheel | null;

  constructor(owner: TimingWheel, callback: () => void, periodMs: number, dueMs: number) {
    super(callback);
    this.periodMs = periodMs;
    this.dueMs = dueMs;
    this.owner = owner;
  }

  override onTimer(): void {
    const owner = this.owner;
    if (owner === null) return;
    const stops = owner.stopCount;
    try {
      this.callback();
    } finally {
      // The callback may have cancelled the handle, rescheduled it itself, or stopped the wheel: then stay put.
      if (this.owner === owner && this.wheel === null && owner.stopCount === stops) this.rearm(owner);
    }
  }

  override cancel(): boolean {
    this.owner = null;
    return super.cancel();
  }

  private rearm(owner: TimingWheel): void {
    const period = this.periodMs;
    const nowMs = owner.now();
    let due = this.dueMs + period;
    if (due <= nowMs) due += (Math.floor((nowMs - due) / period) + 1) * period;
    this.dueMs = due;
    owner.scheduleAt(this, due);
  }
}
