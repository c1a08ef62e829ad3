// Options of the sessions a gate node holds (resume buffer, grace window, stray linger, bindings), with their
// defaults, resolved and validated once when the gate layer is installed on a node.
import { InvalidGateConfigError } from './errors.ts';

export interface SessionOptions {
  /** Pushes kept per session for resume; a client further behind gets a fresh session (default: 256). */
  resumeBufferSize?: number;
  /** A session whose client disconnected waits this long for it to resume (default: 30_000). */
  sessionGraceMs?: number;
  /**
   * A Session activated without a client (pushes to an offline player, or pushes that arrived while the session
   * moved between gates) keeps what it got this long, for a resume to collect, then goes (default: 2_000).
   */
  strayLingerMs?: number;
  /** Bindings a session may hold besides `player` (default: 16). */
  maxBindings?: number;
}

export const DEFAULT_RESUME_BUFFER_SIZE = 256;
export const DEFAULT_SESSION_GRACE_MS = 30_000;
export const DEFAULT_STRAY_LINGER_MS = 2_000;
export const DEFAULT_MAX_BINDINGS = 16;

export interface ResolvedSessionOptions {
  readonly resumeBufferSize: number;
  readonly sessionGraceMs: number;
  readonly strayLingerMs: number;
  readonly maxBindings: number;
}

const MAX_TIMER_MS = 2_147_483_647;

/** Fills defaults; adds what is wrong to `problems` (the caller throws once for every layer's problems). */
export function resolveSessionOptionsInto(options: SessionOptions, problems: string[]): ResolvedSessionOptions {
  const resolved = {
    resumeBufferSize: options.resumeBufferSize ?? DEFAULT_RESUME_BUFFER_SIZE,
    sessionGraceMs: options.sessionGraceMs ?? DEFAULT_SESSION_GRACE_MS,
    strayLingerMs: options.strayLingerMs ?? DEFAULT_STRAY_LINGER_MS,
    maxBindings: options.maxBindings ?? DEFAULT_MAX_BINDINGS,
  };
  checkWhole(problems, 'resumeBufferSize', resolved.resumeBufferSize, 1, 1_000_000);
  checkWhole(problems, 'sessionGraceMs', resolved.sessionGraceMs, 0, MAX_TIMER_MS);
  checkWhole(problems, 'strayLingerMs', resolved.strayLingerMs, 0, MAX_TIMER_MS);
  checkWhole(problems, 'maxBindings', resolved.maxBindings, 0, 1_000);
  return resolved;
}

export function resolveSessionOptions(options: SessionOptions = {}): ResolvedSessionOptions {
  const problems: string[] = [];
  const resolved = resolveSessionOptionsInto(options, problems);
  throwIfProblems('session options', problems);
  return resolved;
}

/** Records a problem unless `value` is a whole number in [min, max]. */
export function checkWhole(problems: string[], name: string, value: number, min: number, max: number): void {
  if (!(Number.isInteger(value) && value >= min && value <= max)) {
    problems.push(`${name} must be a whole number from ${min} to ${max}, got ${String(value)}`);
  }
}

export function throwIfProblems(what: string, problems: readonly string[]): void {
  if (problems.length === 0) return;
  throw new InvalidGateConfigError(`Invalid ${what}:\n${problems.map((p) => `  - ${p}`).join('\n')}`, {
    details: { problems: [...problems] },
  });
}
