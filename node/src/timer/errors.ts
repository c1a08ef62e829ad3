// The errors of the timer layer: a timing wheel built with options it cannot work with.
import { GameclusterError, registerErrorCode } from '../errors/index.ts';

/** A TimingWheel option is out of range (non-positive tick, slot counts that are not powers of two, ...). */
export class InvalidTimerOptionsError extends GameclusterError {
  static readonly code = 'GC_ERR_INVALID_TIMER_OPTIONS';

  constructor(message: string, options?: { cause?: unknown; details?: Record<string, unknown> }) {
    super(InvalidTimerOptionsError.code, message, options);
  }
}

registerErrorCode(
  InvalidTimerOptionsError.code,
  (d) => new InvalidTimerOptionsError(d.message, { details: d.details }),
);
