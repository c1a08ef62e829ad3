// A message in flight to an activation. A tell is four fields (it is the hottest allocation of the runtime) and
// a one-argument message carries its argument without an array; an ask is also its own deadline entry in the
// timing wheel and its pending-response record, so an ask allocates this object and its promise, nothing else.
import { TimerEntry } from '../timer/index.ts';
import type { MethodInfo } from './actor-kind.ts';
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

  constructor(method: MethodInfo, args: readonly unknown[] | null, arg: unknown, chain: number) {
    this.method = method;
    this.args = args;
    this.arg = arg;
    this.chain = chain;
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
  target: MessageParty | undefined;
  resolve: ((value: unknown) => void) | undefined;
  reject: ((error: unknown) => void) | undefined;
  /** Answered, failed or timed out: later outcomes are ignored and a queued copy is skipped. */
  settled: boolean;
  /** The sender -> target wait edge is recorded (and must be removed when settled). */
  private waitLinked: boolean;

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
    this.waitLinked = false;
  }

  /** Marks this ask as something its sender waits for (deadlock detection). */
  linkWait(): void {
    const sender = this.sender;
    const target = this.target;
    if (sender === undefined || target === undefined || this.waitLinked) return;
    this.waitLinked = true;
    if (sender.waitingOn === null) sender.waitingOn = [target];
    else sender.waitingOn.push(target);
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

  /** The ask's deadline passed. */
  override onTimer(): void {
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
    if (!this.waitLinked) return;
    this.waitLinked = false;
    const sender = this.sender!;
    const target = this.target!;
    const waits = sender.waitingOn;
    if (waits === null) return;
    const at = waits.indexOf(target);
    if (at >= 0) {
      waits[at] = waits[waits.length - 1]!;
      waits.pop();
    }
    if (waits.length === 0) sender.waitingOn = null;
  }
}

// V8 holds map transitions weakly: once no TellMessage is alive (every message handled, then a full GC), its
// hidden class dies and all optimized send/run code that embeds it is thrown away and recompiled. One
// instance kept for the life of the process keeps the class, and that code, alive.
export const TELL_SHAPE_ANCHOR: TellMessage = new TellMessage(
  undefined as unknown as MethodInfo,
  NO_ARGS,
  undefined,
  0,
);
