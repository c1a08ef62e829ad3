// The options of a TimingWheel, their defaults, and their one-time resolution and validation, so the wheel's hot
// paths read plain resolved numbers.
import { performance } from 'node:perf_hooks';
import { InvalidTimerOptionsError } from './errors.ts';
import type { TimerEntry } from './timer-entry.ts';

export const DEFAULT_TICK_MS = 10;
export const DEFAULT_FIRST_LEVEL_SLOTS = 256;
export const DEFAULT_UPPER_LEVEL_SLOTS = 64;
export const DEFAULT_LEVELS = 4;
export const DEFAULT_AUTO_DRIVE = true;

/** The largest wheel: slot indexes are taken from the low 32 bits of a tick number. */
const MAX_TOTAL_BITS = 32;

export interface TimingWheelOptions {
  /** Length of one tick: the wheel's resolution; timers fire at the first tick at or after their due time. (default: 10) */
  readonly tickMs?: number;
  /** Slots of the finest level, a power of two: ticks it covers without cascading. (default: 256) */
  readonly firstLevelSlots?: number;
  /** Slots of each coarser level, a power of two. (default: 64) */
  readonly upperLevelSlots?: number;
  /** Number of levels, 2 or more; timers beyond the range are parked in the top level and re-cascaded. (default: 4) */
  readonly levels?: number;
  /** The clock in ms (any origin, monotonic). (default: `performance.now()`) */
  readonly now?: () => number;
  /** Drive the wheel with one Node timer armed while it holds entries; false means the owner calls `advanceTo`. (default: true) */
  readonly autoDrive?: boolean;
  /** Receives what an entry's `onTimer` threw. (default: reported with `process.emitWarning`) */
  readonly onError?: (error: unknown, entry: TimerEntry) => void;
}

export interface ResolvedTimingWheelOptions {
  readonly tickMs: number;
  readonly firstLevelSlots: number;
  readonly upperLevelSlots: number;
  readonly levels: number;
  readonly now: () => number;
  readonly autoDrive: boolean;
  readonly onError: ((error: unknown, entry: TimerEntry) => void) | undefined;
}

const performanceNow = (): number => performance.now();

/** Applies the defaults and checks every option, reporting all problems in one error. */
export function resolveTimingWheelOptions(options: TimingWheelOptions = {}): ResolvedTimingWheelOptions {
  const resolved: ResolvedTimingWheelOptions = {
    tickMs: options.tickMs ?? DEFAULT_TICK_MS,
    firstLevelSlots: options.firstLevelSlots ?? DEFAULT_FIRST_LEVEL_SLOTS,
    upperLevelSlots: options.upperLevelSlots ?? DEFAULT_UPPER_LEVEL_SLOTS,
    levels: options.levels ?? DEFAULT_LEVELS,
    now: options.now ?? performanceNow,
    autoDrive: options.autoDrive ?? DEFAULT_AUTO_DRIVE,
    onError: options.onError,
  };
  const problems: string[] = [];
  if (!(Number.isFinite(resolved.tickMs) && resolved.tickMs > 0)) {
    problems.push(`tickMs must be a positive finite number of ms, got ${resolved.tickMs}`);
  }
  if (!isPowerOfTwo(resolved.firstLevelSlots)) {
    problems.push(`firstLevelSlots must be a power of two from 2 to 65536, got ${resolved.firstLevelSlots}`);
  }
  if (!isPowerOfTwo(resolved.upperLevelSlots)) {
    problems.push(`upperLevelSlots must be a power of two from 2 to 65536, got ${resolved.upperLevelSlots}`);
  }
  if (!(Number.isInteger(resolved.levels) && resolved.levels >= 2)) {
    problems.push(`levels must be an integer of at least 2, got ${resolved.levels}`);
  }
  if (problems.length === 0) {
    const bits = Math.log2(resolved.firstLevelSlots) + (resolved.levels - 1) * Math.log2(resolved.upperLevelSlots);
    if (bits > MAX_TOTAL_BITS) {
      problems.push(`firstLevelSlots × upperLevelSlots^(levels-1) must be at most 2^${MAX_TOTAL_BITS}, got 2^${bits}`);
    }
  }
  if (problems.length > 0) {
    throw new InvalidTimerOptionsError(`Invalid TimingWheel options: ${problems.join('; ')}. Fix them or omit them.`, {
      details: { problems },
    });
  }
  return resolved;
}

function isPowerOfTwo(n: number): boolean {
  return Number.isInteger(n) && n >= 2 && n <= 65536 && (n & (n - 1)) === 0;
}
