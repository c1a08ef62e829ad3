// The one timing wheel per process (DESIGN §3), created on first use so importing the layer has no side effects.
import { TimingWheel } from './timing-wheel.ts';

let shared: TimingWheel | undefined;

/** The process-wide TimingWheel with default options, created lazily. */
export function processTimingWheel(): TimingWheel {
  shared ??= new TimingWheel();
  return shared;
}
