// One message waiting to be written to a peer: a tell, an ask (which is also its own pending-ask entry until
// its response arrives) or a response. One object per message, mutated in place, so the queue, the frame
// encoder and the pending table share it without copies.
import type { Envelope } from '../../actor/envelope.ts';
import { MeshRecordKind } from './mesh-wire.ts';
import type { PendingAsk } from './pending-asks.ts';

export class OutboundRecord {
  kind: MeshRecordKind;
  /** The message of a tell or ask; dropped once written so a long-pending ask does not pin its arguments. */
  envelope: Envelope | undefined;
  hops: number;
  /** The transport's id of an ask (per peer), or the id a response answers. */
  requestId: number;
  /** Result value (Ok) or ErrorData (Error) of a response. */
  payload: unknown;
  /** The caller's side of an ask. */
  pending: PendingAsk | undefined;
  /** Stream generation the ask was written on; 0 while it waits in the queue. */
  writtenOn: number;
  /** Upper bound of the record's encoded size, for cutting frames. */
  sizeBound: number;
  /** When an ask was queued (performance.now()), for the round-trip histogram; 0 for other records. */
  queuedAtMs: number;

  constructor(
    kind: MeshRecordKind,
    envelope: Envelope | undefined,
    hops: number,
    requestId: number,
    payload: unknown,
    pending: PendingAsk | undefined,
    sizeBound: number,
  ) {
    this.kind = kind;
    this.envelope = envelope;
    this.hops = hops;
    this.requestId = requestId;
    this.payload = payload;
    this.pending = pending;
    this.writtenOn = 0;
    this.sizeBound = sizeBound;
    this.queuedAtMs = 0;
  }

  /** An ask whose caller stopped waiting (deadline) or was answered another way: not worth sending. */
  get abandoned(): boolean {
    return this.kind === MeshRecordKind.Ask && this.pending!.settled;
  }
}
