// Turns an envelope that arrived from another node into a runtime message: a tell, or an ask whose outcome is
// sent back to the asking node. The deadline travels relative (time left), so it is re-armed on this wheel.
import type { MethodInfo } from '../actor/actor-kind.ts';
import type { Envelope } from '../actor/envelope.ts';
import { AskMessage, TellMessage } from '../actor/message.ts';
import { toErrorData } from '../errors/index.ts';
import type { TimingWheel } from '../timer/index.ts';
import type { MeshTransport } from './transport/mesh-transport.ts';

export function inboundTell(method: MethodInfo, envelope: Envelope): TellMessage {
  const args = envelope.args;
  return args.length === 1
    ? new TellMessage(method, null, args[0], envelope.chain)
    : new TellMessage(method, args, undefined, envelope.chain);
}

/** An ask from another node: its deadline is its caller's, so a timeout is counted there, not here. */
class InboundAsk extends AskMessage {
  override onTimer(): void {
    this.expire();
  }
}

export function inboundAsk(
  method: MethodInfo,
  envelope: Envelope,
  from: string,
  transport: MeshTransport,
  wheel: TimingWheel,
): AskMessage {
  const args = envelope.args;
  const ask =
    args.length === 1
      ? new InboundAsk(method, null, args[0], envelope.chain, undefined)
      : new InboundAsk(method, args, undefined, envelope.chain, undefined);
  const requestId = envelope.requestId;
  ask.resolve = (value) => transport.respond(from, requestId, { ok: true, value });
  ask.reject = (error) => transport.respond(from, requestId, { ok: false, error: toErrorData(error) });
  // Expired asks are skipped in the mailbox; the caller's own deadline answers it.
  wheel.scheduleCoarse(ask, envelope.timeoutMs);
  return ask;
}
