// The intrusive node a TimingWheel links into its slots. Deadlines and timers extend it, so scheduling one
// allocates nothing beyond the object that already exists; keep it small and its shape stable.
import type { TimingWheel } from './timing-wheel.ts';

export class TimerEntry {
  /** @internal Managed by the wheel: the previous node in the slot list (null when not linked into a slot). */
  prev: TimerEntry | null;
  /** @internal Managed by the wheel: the next node in the slot list (null when not linked: not scheduled, or
   * scheduled by `scheduleCoarse` and not yet linked). */
  next: TimerEntry | null;
  /** @internal Managed by the wheel: the tick at which the entry fires. */
  expireTick: number;
  /** @internal Managed by the wheel: the wheel the entry is scheduled in, null when not scheduled. */
  wheel: TimingWheel | null;

  constructor() {
    this.prev = null;
    this.next = null;
    this.expireTick = 0;
    this.wheel = null;
  }

  /** Called once when the entry's time has come; the entry is no longer scheduled when this runs. */
  onTimer(): void {}

  /** True while the entry sits in a wheel waiting to fire. */
  get scheduled(): boolean {
    return this.wheel !== null;
  }
}
