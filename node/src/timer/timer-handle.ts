// The entry behind TimingWheel.setTimeout: a callback on an intrusive entry, one object per timeout (setInterval
// uses the IntervalHandle subclass, so a timeout carries no interval fields).
import { TimerEntry } from './timer-entry.ts';

export class TimerHandle extends TimerEntry {
  protected readonly callback: () => void;

  constructor(callback: () => void) {
    super();
    this.callback = callback;
  }

  override onTimer(): void {
    this.callback();
  }

  /** Stops the timer (also from inside its callback); true if it was waiting to fire. */
  cancel(): boolean {
    return this.wheel?.cancel(this) ?? false;
  }
}
