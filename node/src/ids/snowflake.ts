// Snowflake ids (Twitter's layout): 41-bit ms since a custom epoch | 10-bit worker id | 12-bit sequence, unique per
// worker without coordination and roughly time-ordered. The clock is logical: the timestamp used is
// max(wall clock, last issued), so a clock stepping back never yields a duplicate or smaller id (docs/ids.md).
import { InvalidSnowflakeError, InvalidSnowflakeOptionsError, SnowflakeOverflowError } from './errors.ts';

export const SNOWFLAKE_TIMESTAMP_BITS = 41;
export const SNOWFLAKE_WORKER_ID_BITS = 10;
export const SNOWFLAKE_SEQUENCE_BITS = 12;
export const SNOWFLAKE_WORKER_ID_SHIFT = SNOWFLAKE_SEQUENCE_BITS;
export const SNOWFLAKE_TIMESTAMP_SHIFT = SNOWFLAKE_SEQUENCE_BITS + SNOWFLAKE_WORKER_ID_BITS;
export const SNOWFLAKE_MAX_TIMESTAMP_MS = 2 ** SNOWFLAKE_TIMESTAMP_BITS - 1;
export const SNOWFLAKE_MAX_WORKER_ID = 2 ** SNOWFLAKE_WORKER_ID_BITS - 1;
export const SNOWFLAKE_MAX_SEQUENCE = 2 ** SNOWFLAKE_SEQUENCE_BITS - 1;
/** The largest id: 63 bits, so ids stay positive in signed 64-bit columns (PostgreSQL bigint, Java long). */
export const SNOWFLAKE_MAX_ID = 2n ** 63n - 1n;

/** 2026-01-01T00:00:00Z: recent, so the 41 bits last until about 2095. */
export const DEFAULT_SNOWFLAKE_EPOCH_MS = Date.UTC(2026, 0, 1);
export const DEFAULT_SNOWFLAKE_CLOCK: () => number = Date.now;

const TIMESTAMP_SHIFT = BigInt(SNOWFLAKE_TIMESTAMP_SHIFT);
const WORKER_ID_SHIFT = BigInt(SNOWFLAKE_WORKER_ID_SHIFT);
const WORKER_ID_MASK = BigInt(SNOWFLAKE_MAX_WORKER_ID);
const SEQUENCE_MASK = BigInt(SNOWFLAKE_MAX_SEQUENCE);
// One bigint per sequence value, made once: next() then costs a single bigint add instead of a BigInt() call too.
const SEQUENCE_VALUES: readonly bigint[] = Array.from({ length: SNOWFLAKE_MAX_SEQUENCE + 1 }, (_, i) => BigInt(i));
// Canonical decimal only (no sign, no leading zeros), so one id has exactly one string form (map keys, JSON).
const DECIMAL_ID = /^(?:0|[1-9][0-9]{0,18})$/;

export interface SnowflakeOptions {
  /** This generator's worker id, an integer 0–1023, unique among live generators (required, no default). */
  workerId: number;
  /** The custom epoch in Unix ms, not in the future (default: DEFAULT_SNOWFLAKE_EPOCH_MS, 2026-01-01T00:00:00Z). */
  epochMs?: number;
  /** The wall clock in integer Unix ms (default: DEFAULT_SNOWFLAKE_CLOCK, Date.now); tests pass a fake. */
  now?: () => number;
}

export interface ResolvedSnowflakeOptions {
  readonly workerId: number;
  readonly epochMs: number;
  readonly now: () => number;
}

export interface ParsedSnowflake {
  /** Unix ms (the epoch added back). */
  timestampMs: number;
  workerId: number;
  sequence: number;
}

/**
 * Issues snowflake ids for one worker id. After the clock steps back, ids keep their last millisecond and borrow
 * milliseconds from the future as sequences run out, running ahead of the wall clock by at most the jump. The
 * logical clock does not survive a restart: a process restarted with the same worker id during a backward jump could
 * repeat ids, which is why the cluster layer leases worker ids and waits out a previous holder's lease.
 */
export class SnowflakeGenerator {
  readonly options: ResolvedSnowflakeOptions;
  // Hot-path copies of the options, so next() does not go through the options object.
  readonly #now: () => number;
  readonly #epochMs: number;
  readonly #workerBits: bigint;
  /** Last wall-clock reading, ms since the epoch: a smaller reading is a backward jump. */
  #lastReadingMs: number;
  /** Logical ms (since the epoch) of the last id; never decreases. */
  #timestampMs: number;
  #sequence: number;
  /** (timestamp << 22 | worker << 12) of #timestampMs, built once per millisecond. */
  #base: bigint;
  /** How far the logical clock may run ahead of the wall clock: the lead when the clock last stepped back. */
  #leadLimitMs = 0;
  #clockBackwardsEvents = 0;

  constructor(options: SnowflakeOptions) {
    this.options = resolveSnowflakeOptions(options);
    this.#now = this.options.now;
    this.#epochMs = this.options.epochMs;
    this.#workerBits = BigInt(this.options.workerId) << WORKER_ID_SHIFT;
    const reading = checkFirstReading(this.#now(), this.#epochMs);
    this.#lastReadingMs = reading;
    this.#timestampMs = reading;
    this.#sequence = -1;
    this.#base = (BigInt(reading) << TIMESTAMP_SHIFT) | this.#workerBits;
  }

  /** Times the wall clock was read smaller than the reading before (for a metric; each jump counts once). */
  get clockBackwardsEvents(): number {
    return this.#clockBackwardsEvents;
  }

  /** The next id; strictly greater than every id this generator issued before. */
  next(): bigint {
    const reading = this.#read();
    if (reading > this.#timestampMs) return this.#startMillisecond(reading);
    const sequence = this.#sequence + 1;
    if (sequence > SNOWFLAKE_MAX_SEQUENCE) return this.#nextAfterExhaustion(reading);
    this.#sequence = sequence;
    return this.#base + SEQUENCE_VALUES[sequence]!;
  }

  /** The next id as a decimal string: JSON has no bigint, and numbers lose precision above 2^53. */
  nextString(): string {
    return this.next().toString();
  }

  #read(): number {
    const reading = this.#now() - this.#epochMs;
    if (reading < this.#lastReadingMs) {
      this.#clockBackwardsEvents++;
      this.#leadLimitMs = this.#timestampMs - reading;
    }
    this.#lastReadingMs = reading;
    return reading;
  }

  #startMillisecond(timestampMs: number): bigint {
    if (timestampMs > SNOWFLAKE_MAX_TIMESTAMP_MS) throw overflowError(timestampMs, this.#epochMs);
    this.#timestampMs = timestampMs;
    this.#sequence = 0;
    this.#base = (BigInt(timestampMs) << TIMESTAMP_SHIFT) | this.#workerBits;
    return this.#base;
  }

  // 4096 ids in this logical ms: wait for the wall clock to tick, so a worker never exceeds 4,096,000 ids/s. When the
  // wall clock is behind (it stepped back), each tick lets the logical ms borrow one ms from the future instead of
  // waiting out the whole jump, while the lead stays within the jump (#leadLimitMs). The wait is at most ~1 ms.
  #nextAfterExhaustion(reading: number): bigint {
    const timestampMs = this.#timestampMs;
    let r = reading;
    for (;;) {
      if (r > timestampMs) return this.#startMillisecond(r);
      if (r < timestampMs && timestampMs + 1 - r <= this.#leadLimitMs) return this.#startMillisecond(timestampMs + 1);
      r = this.#read();
    }
  }
}

/** Splits an id (bigint or its decimal string) into its fields; `epochMs` must be the generator's epoch. */
export function parseSnowflake(id: bigint | string, epochMs: number = DEFAULT_SNOWFLAKE_EPOCH_MS): ParsedSnowflake {
  checkEpochMs(epochMs);
  const value = typeof id === 'string' ? bigintFromDecimal(id) : id;
  if (typeof value !== 'bigint' || value < 0n || value > SNOWFLAKE_MAX_ID) {
    throw new InvalidSnowflakeError(
      `${String(id)} is not a snowflake id: expected a bigint in 0..2^63-1; pass what next() returned.`,
      { details: { id: String(id) } },
    );
  }
  return {
    timestampMs: Number(value >> TIMESTAMP_SHIFT) + epochMs,
    workerId: Number((value >> WORKER_ID_SHIFT) & WORKER_ID_MASK),
    sequence: Number(value & SEQUENCE_MASK),
  };
}

function bigintFromDecimal(text: string): bigint {
  if (!DECIMAL_ID.test(text)) {
    throw new InvalidSnowflakeError(
      `'${text}' is not a snowflake id string: expected canonical decimal digits (no sign, no leading zeros) as ` +
        'produced by nextString() or bigint.toString().',
      { details: { id: text } },
    );
  }
  return BigInt(text);
}

function resolveSnowflakeOptions(options: SnowflakeOptions): ResolvedSnowflakeOptions {
  const { workerId, epochMs = DEFAULT_SNOWFLAKE_EPOCH_MS, now = DEFAULT_SNOWFLAKE_CLOCK } = options;
  if (!Number.isInteger(workerId) || workerId < 0 || workerId > SNOWFLAKE_MAX_WORKER_ID) {
    throw new InvalidSnowflakeOptionsError(
      `workerId ${String(workerId)} is invalid: pass an integer 0..${SNOWFLAKE_MAX_WORKER_ID}, unique among live generators.`,
      { details: { option: 'workerId', value: workerId } },
    );
  }
  checkEpochMs(epochMs);
  if (typeof now !== 'function') {
    throw new InvalidSnowflakeOptionsError('now must be a function returning Unix ms; omit it to use Date.now.', {
      details: { option: 'now' },
    });
  }
  return Object.freeze({ workerId, epochMs, now });
}

function checkEpochMs(epochMs: number): void {
  if (!Number.isSafeInteger(epochMs) || epochMs < 0) {
    throw new InvalidSnowflakeOptionsError(
      `epochMs ${String(epochMs)} is invalid: pass a non-negative integer of Unix ms, or omit it for 2026-01-01.`,
      { details: { option: 'epochMs', value: epochMs } },
    );
  }
}

// Checked once, not per id: the hot path trusts the clock to keep returning integers.
function checkFirstReading(nowMs: number, epochMs: number): number {
  if (!Number.isSafeInteger(nowMs)) {
    throw new InvalidSnowflakeOptionsError(`now() returned ${nowMs}: the clock must return integer Unix ms.`, {
      details: { option: 'now', value: nowMs },
    });
  }
  const reading = nowMs - epochMs;
  if (reading < 0) {
    throw new InvalidSnowflakeOptionsError(
      `epochMs ${epochMs} is in the future of the clock (now() = ${nowMs}): ` +
        'pass an epoch in the past, or omit it for 2026-01-01.',
      { details: { option: 'epochMs', value: epochMs, nowMs } },
    );
  }
  if (reading > SNOWFLAKE_MAX_TIMESTAMP_MS) throw overflowError(reading, epochMs);
  return reading;
}

function overflowError(timestampMs: number, epochMs: number): SnowflakeOverflowError {
  return new SnowflakeOverflowError(
    `${timestampMs} ms since the epoch ${epochMs} do not fit the ${SNOWFLAKE_TIMESTAMP_BITS}-bit timestamp ` +
      '(about 69 years): the epoch is too old for this clock; use a more recent epochMs (ids made under ' +
      'different epochs do not compare).',
    { details: { timestampMs, epochMs, maxTimestampMs: SNOWFLAKE_MAX_TIMESTAMP_MS } },
  );
}
