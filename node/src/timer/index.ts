// The timer layer: one hierarchical timing wheel per process carrying deadlines and timers as intrusive entries.

// Errors
export { InvalidTimerOptionsError } from './errors.ts';
// The wheel
export { IntervalHandle } from './interval-handle.ts';
export { processTimingWheel } from './process-timing-wheel.ts';
export { TimerEntry } from './timer-entry.ts';
export { TimerHandle } from './timer-handle.ts';
export { TimingWheel } from './timing-wheel.ts';
export {
  DEFAULT_AUTO_DRIVE,
  DEFAULT_FIRST_LEVEL_SLOTS,
  DEFAULT_LEVELS,
  DEFAULT_TICK_MS,
  DEFAULT_UPPER_LEVEL_SLOTS,
  type ResolvedTimingWheelOptions,
  type TimingWheelOptions,
} from './timing-wheel-options.ts';
