// Options of an ActorSystem, with their defaults, resolved once.
import { processTimingWheel, type TimingWheel } from '../timer/index.ts';
import { currentTraceId } from './actor-tracer.ts';
import { DEFAULT_SLICE_MS, DEFAULT_TURN_BUDGET } from './dispatcher.ts';

export interface ActorSystemOptions {
  /** Deadline of an ask unless its kind or the call sets one (default: 10_000). */
  askTimeoutMs?: number;
  /** Messages one activation handles per dispatcher visit (default: 64). */
  turnBudget?: number;
  /** Time the dispatcher runs before yielding to the event loop (default: 5). */
  sliceMs?: number;
  /**
   * Route every local message, result and error through the envelope serializer, as if it crossed the network,
   * so remote semantics (copies, not shared objects; encodable args; typed errors as data) show up in tests
   * (default: false).
   */
  forceSerialization?: boolean;
  /** Longest `stop()` waits for turns to finish and actors to deactivate (default: 10_000). */
  stopTimeoutMs?: number;
  /** The timing wheel for deadlines and timers (default: the process's wheel). */
  wheel?: TimingWheel;
  /** Where errors nobody waits for go: failed tells, onDeactivate (default: a JSON line on stderr). */
  onError?: (error: unknown, where: string) => void;
}

export const DEFAULT_ASK_TIMEOUT_MS = 10_000;
export const DEFAULT_STOP_TIMEOUT_MS = 10_000;

export interface ResolvedActorSystemOptions {
  readonly askTimeoutMs: number;
  readonly turnBudget: number;
  readonly sliceMs: number;
  readonly forceSerialization: boolean;
  readonly stopTimeoutMs: number;
  readonly wheel: TimingWheel;
  readonly onError: (error: unknown, where: string) => void;
}

export function resolveActorSystemOptions(options: ActorSystemOptions): ResolvedActorSystemOptions {
  return {
    askTimeoutMs: options.askTimeoutMs ?? DEFAULT_ASK_TIMEOUT_MS,
    turnBudget: options.turnBudget ?? DEFAULT_TURN_BUDGET,
    sliceMs: options.sliceMs ?? DEFAULT_SLICE_MS,
    forceSerialization: options.forceSerialization ?? false,
    stopTimeoutMs: options.stopTimeoutMs ?? DEFAULT_STOP_TIMEOUT_MS,
    wheel: options.wheel ?? processTimingWheel(),
    onError: options.onError ?? writeErrorLine,
  };
}

// Until the observability layer brings the structured logger, unhandled actor errors are JSON lines on stderr.
function writeErrorLine(error: unknown, where: string): void {
  const e = error as { code?: unknown; message?: unknown; stack?: unknown };
  // traceId: the failed turn's trace, when it is traced (JSON drops the field otherwise).
  const line = {
    level: 'error',
    msg: 'actor error',
    where,
    code: e?.code,
    error: String(e?.message ?? error),
    traceId: currentTraceId(),
  };
  process.stderr.write(`${JSON.stringify(line)}\n`);
}
