// A message in flight to an activation. A tell is five fields (it is the hottest allocation of the runtime) and
// a one-argument message carries its argument without an array; an ask is also its own deadline entry in the
// timing wheel and its pending-response record, so an ask allocates this object and its promise, nothing else.
import { TimerEntry } from '../timer/index.ts';
import type { MethodInfo } from './actor-kind.ts';
import type { TraceContext } from './actor-tracer.ts';
import { AskTimeoutError } from './errors.ts';

/** The side of an activation a message needs: who waits for whom. */
export interface MessageParty {
  waitingOn: MessageParty[] | null;
  readonly kind: string;
  readonly id: string;
}

/** The arguments of a call with none (shared: handlers get them spread, never the array). */
export const NO_ARGS: readonly unknown[] = Object.freeze([]);

/** A one-way message: no response, no deadline. */
export class TellMessage {
  readonly method: MethodInfo;
  /** The arguments; null when there is exactly one, in `arg` (the common case, without an array). */
  readonly args: readonly unknown[] | null;
  readonly arg: unknown;
  /** Call chain the message belongs to; 0 = none yet (the receiving turn allocates one if it calls out). */
  readonly chain: number;
  /** The sender's sampled trace context while queued, then the span of its own turn; null: untraced. */
  trace: TraceContext | null;

  constructor(method: MethodInfo, args: readonly unknown[] | null, arg: unknown, chain: number) {
    this.method = method;
    this.args = args;
    this.arg = arg;
    this.chain = chain;
    this.trace = null;
  }
}

/** A message's arguments as an array (for the serializer; turns call with `arg` directly). */
export function argumentsOf(message: { readonly args: readonly unknown[] | null; readonly arg: unknown }): unknown[] {
  return message.args === null ? [message.arg] : [...message.args];
}

export type Message = TellMessage | AskMessage;

/** A request: its caller waits for the result until the deadline. */
export class AskMessage extends TimerEntry {
  readonly method: MethodInfo;
  /** As TellMessage: null when the one argument is in `arg`. */
  readonly args: readonly unknown[] | null;
  readonly arg: unknown;
  /** Call chain the message belongs to; 0 = none yet (the receiving turn allocates one if it calls out). */
  readonly chain: number;
  /** The activation whose turn is waiting for this ask, if any (wait-for graph edge sender -> target). */
  readonly sender: MessageParty | undefined;
  /** The activation that took the ask (queued or admitted it); undefined before. */
  target: MessageParty | undefined;
  resolve: ((value: unknown) => void) | undefined;
  reject: ((error: unknown) => void) | undefined;
  /** Answered, failed or timed out: later outcomes are ignored and a queued copy is skipped. */
  settled: boolean;
  /** As TellMessage.trace. */
  trace: TraceContext | null;

  constructor(
    method: MethodInfo,
    args: readonly unknown[] | null,
    arg: unknown,
    chain: number,
    sender: MessageParty | undefined,
  ) {
    super();
    this.method = method;
    this.args = args;
    this.arg = arg;
    this.chain = chain;
    this.sender = sender;
    this.target = undefined;
    this.resolve = undefined;
    this.reject = undefined;
    this.settled = false;
    this.trace = null;
  }

  /**
   * The target took the ask: record it, and the sender -> target edge of the wait-for graph (deadlock detection).
   * An ask handed over to a new activation (its first deactivated meanwhile) moves its edge along.
   */
  takenBy(target: MessageParty): void {
    const sender = this.sender;
    if (sender !== undefined) {
      if (this.target !== undefined) this.dropWaitEdge(sender);
      if (sender.waitingOn === null) sender.waitingOn = [target];
      else sender.waitingOn.push(target);
    }
    this.target = target;
  }

  settle(value: unknown): void {
    if (this.settled) return;
    this.finish();
    this.resolve?.(value);
  }

  fail(error: unknown): void {
    if (this.settled) return;
    this.finish();
    this.reject?.(error);
  }

  /** The ask's deadline passed: its caller, on this node, stops waiting (counted for the node's metrics). */
  override onTimer(): void {
    if (!this.settled && this.method.kindStats !== null) this.method.kindStats.askTimeouts++;
    this.expire();
  }

  /** Fails the ask with AskTimeoutError. */
  protected expire(): void {
    const where = this.target === undefined ? '' : ` on ${this.target.kind}/${this.target.id}`;
    this.fail(
      new AskTimeoutError(
        `${this.method.name}${where} did not answer before its deadline; the target may be overloaded or stuck — ` +
          'raise the timeout with ref.withTimeout(ms) or askTimeoutMs if the work is legitimately slow',
      ),
    );
  }

  private finish(): void {
    this.settled = true;
    if (this.wheel !== null) this.wheel.cancel(this);
    const sender = this.sender;
    if (sender !== undefined && this.target !== undefined) this.dropWaitEdge(sender);
  }

  private dropWaitEdge(sender: MessageParty): void {
    const waits = sender.waitingOn;
    if (waits === null) return;
    const at = waits.indexOf(this.target!);
    if (at >= 0) {
      waits[at] = waits[waits.length - 1]!;
      waits.pop();
    }
    if (waits.length === 0) sender.waitingOn = null;
  }
}
