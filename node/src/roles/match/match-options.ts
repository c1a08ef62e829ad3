// Options of the match role with their defaults, resolved and validated once by installMatch. Give every node
// the same values: any match node may host any queue.
import { InvalidMatchConfigError } from './errors.ts';

export interface InstallMatchOptions {
  /** How often each queue runs a formation pass (and drops timed-out tickets) (default: 250). */
  readonly formIntervalMs?: number;
  /** Deadline of opening a match's room Scene (default: the Scene kind's ask deadline). */
  readonly roomOpenTimeoutMs?: number;
  /** After a room could not be opened, the queue forms no match for this long, doubling per failure in a row (default: 500). */
  readonly roomRetryBaseMs?: number;
  /** The longest such pause (default: 10_000). */
  readonly roomRetryMaxMs?: number;
}

export interface ResolvedMatchOptions {
  readonly formIntervalMs: number;
  readonly roomOpenTimeoutMs: number | undefined;
  readonly roomRetryBaseMs: number;
  readonly roomRetryMaxMs: number;
}

export const DEFAULT_FORM_INTERVAL_MS = 250;
export const DEFAULT_ROOM_RETRY_BASE_MS = 500;
export const DEFAULT_ROOM_RETRY_MAX_MS = 10_000;
const MAX_TIMER_MS = 2_147_483_647;

/** Fills defaults and reports every invalid option at once (InvalidMatchConfigError). */
export function resolveMatchOptions(options: InstallMatchOptions = {}): ResolvedMatchOptions {
  const resolved = {
    formIntervalMs: options.formIntervalMs ?? DEFAULT_FORM_INTERVAL_MS,
    roomOpenTimeoutMs: options.roomOpenTimeoutMs,
    roomRetryBaseMs: options.roomRetryBaseMs ?? DEFAULT_ROOM_RETRY_BASE_MS,
    roomRetryMaxMs: options.roomRetryMaxMs ?? DEFAULT_ROOM_RETRY_MAX_MS,
  };
  const problems: string[] = [];
  if (!isWholeMs(resolved.formIntervalMs)) problems.push('formIntervalMs must be a whole number of ms ≥ 1');
  if (resolved.roomOpenTimeoutMs !== undefined && !isWholeMs(resolved.roomOpenTimeoutMs)) {
    problems.push('roomOpenTimeoutMs must be a whole number of ms ≥ 1');
  }
  if (!isWholeMs(resolved.roomRetryBaseMs)) problems.push('roomRetryBaseMs must be a whole number of ms ≥ 1');
  if (!isWholeMs(resolved.roomRetryMaxMs)) problems.push('roomRetryMaxMs must be a whole number of ms ≥ 1');
  else if (isWholeMs(resolved.roomRetryBaseMs) && resolved.roomRetryMaxMs < resolved.roomRetryBaseMs) {
    problems.push('roomRetryMaxMs must be ≥ roomRetryBaseMs');
  }
  if (problems.length > 0) {
    throw new InvalidMatchConfigError(`installMatch: ${problems.join('; ')}`, { details: { problems } });
  }
  return Object.freeze(resolved);
}

function isWholeMs(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_TIMER_MS;
}
