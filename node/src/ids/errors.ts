// The errors of the ids layer: bad generator options, a clock too far past the epoch for 41 bits, and a malformed
// id handed to the parser. Registered by code so they re-hydrate into these classes across the mesh.
import { GameclusterError, registerErrorCode } from '../errors/index.ts';

type ErrorOptions = { cause?: unknown; details?: Record<string, unknown> };

/** A SnowflakeGenerator option is out of range (worker id, epoch, clock). */
export class InvalidSnowflakeOptionsError extends GameclusterError {
  static readonly code = 'GC_ERR_INVALID_SNOWFLAKE_OPTIONS';
  constructor(message: string, options?: ErrorOptions) {
    super(InvalidSnowflakeOptionsError.code, message, options);
  }
}

/** The milliseconds since the epoch no longer fit the 41-bit timestamp field: the epoch is too old. */
export class SnowflakeOverflowError extends GameclusterError {
  static readonly code = 'GC_ERR_SNOWFLAKE_OVERFLOW';
  constructor(message: string, options?: ErrorOptions) {
    super(SnowflakeOverflowError.code, message, options);
  }
}

/** A value given to parseSnowflake is not a snowflake id (not a canonical decimal string or out of 63 bits). */
export class InvalidSnowflakeError extends GameclusterError {
  static readonly code = 'GC_ERR_INVALID_SNOWFLAKE';
  constructor(message: string, options?: ErrorOptions) {
    super(InvalidSnowflakeError.code, message, options);
  }
}

registerErrorCode(
  InvalidSnowflakeOptionsError.code,
  (d) => new InvalidSnowflakeOptionsError(d.message, { details: d.details }),
);
registerErrorCode(SnowflakeOverflowError.code, (d) => new SnowflakeOverflowError(d.message, { details: d.details }));
registerErrorCode(InvalidSnowflakeError.code, (d) => new InvalidSnowflakeError(d.message, { details: d.details }));
