// The ids layer: snowflake ids (time-ordered 63-bit ids, unique per worker id) and their errors.

export { InvalidSnowflakeError, InvalidSnowflakeOptionsError, SnowflakeOverflowError } from './errors.ts';
export {
  DEFAULT_SNOWFLAKE_CLOCK,
  DEFAULT_SNOWFLAKE_EPOCH_MS,
  type ParsedSnowflake,
  parseSnowflake,
  type ResolvedSnowflakeOptions,
  SNOWFLAKE_MAX_ID,
  SNOWFLAKE_MAX_SEQUENCE,
  SNOWFLAKE_MAX_TIMESTAMP_MS,
  SNOWFLAKE_MAX_WORKER_ID,
  SNOWFLAKE_SEQUENCE_BITS,
  SNOWFLAKE_TIMESTAMP_BITS,
  SNOWFLAKE_TIMESTAMP_SHIFT,
  SNOWFLAKE_WORKER_ID_BITS,
  SNOWFLAKE_WORKER_ID_SHIFT,
  SnowflakeGenerator,
  type SnowflakeOptions,
} from './snowflake.ts';
