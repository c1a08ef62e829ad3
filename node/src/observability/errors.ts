// The errors of the observability layer: a metric defined in a way Prometheus or the exposition cannot take.
import { GameclusterError, registerErrorCode } from '../errors/index.ts';

/** A metric definition is malformed: bad name or label, histogram bounds not increasing, a name used twice. */
export class InvalidMetricError extends GameclusterError {
  static readonly code = 'GC_ERR_INVALID_METRIC';

  constructor(message: string, options?: { cause?: unknown; details?: Record<string, unknown> }) {
    super(InvalidMetricError.code, message, options);
  }
}

registerErrorCode(InvalidMetricError.code, (d) => new InvalidMetricError(d.message, { details: d.details }));
