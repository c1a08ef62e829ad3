// The sending side of one peer: the bounded queue of tells, asks and responses, the asks waiting for their
// response, and the flush that writes the queue as frames once per event-loop turn, stopping while the stream
// pushes back. Messages wait here while the pair has no stream; a payload that cannot be sent is refused
// before it is queued, so one bad message never fails its batch.

import type { Envelope } from '../../actor/envelope.ts';
import { SerializationError } from '../../actor/errors.ts';
import { Mailbox } from '../../actor/mailbox.ts';
import { type ErrorData, toErrorData } from '../../errors/index.ts';
import { PeerOverloadedError } from '../errors.ts';
import { encodedSizeBound, stringSizeBound } from './mesh-encodable.ts';
import { encodeFrames, type MeshFrameEncoder } from './mesh-frame-encoder.ts';
import type { MeshStream } from './mesh-grpc.ts';
import type { MeshCounters } from './mesh-stats.ts';
import type { ResolvedMeshTransportOptions } from './mesh-transport-options.ts';
import { MeshRecordKind } from './mesh-wire.ts';
import { OutboundRecord } from './outbound-record.ts';
import { type PendingAsk, PendingAsks } from './pending-asks.ts';

/** What an outbox needs from its transport. */
export interface OutboxHost {
  readonly options: ResolvedMeshTransportOptions;
  readonly counters: MeshCounters;
  readonly encoder: MeshFrameEncoder;
}

/** The response an ask's handler produced. */
export type MeshResponse =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly error: ErrorData };

/** Room for the frame's version and string-table headers beyond the records' own size bounds. */
const FRAME_OVERHEAD_BYTES = 16;
/** Fixed fields of a tell or ask record (kind, requestId, timeoutMs, chain, hops) at their largest. */
const ENVELOPE_FIXED_BYTES = 45;

export class PeerOutbox {
  readonly pending = new PendingAsks();
  private readonly host: OutboxHost;
  private readonly peerId: string;
  private readonly queue = new Mailbox<OutboundRecord>();
  /** The records of the frame being encoded (reused). */
  private readonly batch: OutboundRecord[] = [];
  /** The stream frames go to, while the pair has one. */
  private sink: MeshStream | undefined;
  /** The stream's generation; an ask remembers the generation it was written on. */
  private generation = 0;
  private writable = false;
  private flushScheduled = false;
  private readonly flushNow = (): void => {
    this.flushScheduled = false;
    this.flush();
  };
  private readonly emitFrame = (frame: Buffer, start: number, end: number): void => this.write(frame, start, end);
  private readonly rejectRecord = (record: OutboundRecord, error: SerializationError): void =>
    this.reject(record, error);

  constructor(host: OutboxHost, peerId: string) {
    this.host = host;
    this.peerId = peerId;
  }

  get queued(): number {
    return this.queue.length;
  }

  // ---- what callers queue ----

  tell(envelope: Envelope, hops: number): void {
    this.checkRoom();
    const record = new OutboundRecord(MeshRecordKind.Tell, envelope, hops, 0, undefined, undefined, 0);
    const problem = this.measure(record);
    if (problem !== undefined) throw problem;
    this.queue.push(record);
    if (!this.flushScheduled) this.scheduleFlush();
  }

  ask(envelope: Envelope, hops: number, pending: PendingAsk): void {
    this.checkRoom();
    const record = new OutboundRecord(MeshRecordKind.Ask, envelope, hops, 0, undefined, pending, 0);
    const problem = this.measure(record);
    if (problem !== undefined) {
      pending.fail(problem);
      return;
    }
    record.queuedAtMs = performance.now();
    this.pending.add(record);
    this.queue.push(record);
    if (!this.flushScheduled) this.scheduleFlush();
  }

  /** Queues a response; dropped (and counted) when the queue is full: the asker's deadline covers it. */
  respond(requestId: number, response: MeshResponse): void {
    if (this.queue.length >= this.host.options.maxQueuedPerPeer) {
      this.host.counters.responsesDropped++;
      return;
    }
    if (!Number.isInteger(requestId) || requestId <= 0) {
      this.host.counters.responsesDropped++;
      this.host.options.onError(
        new SerializationError(`no ask has request id ${requestId}: answer with the envelope's requestId`),
        `mesh response to ${this.peerId}`,
      );
      return;
    }
    let record: OutboundRecord;
    if (response.ok) {
      try {
        record = new OutboundRecord(MeshRecordKind.Ok, undefined, 0, requestId, response.value, undefined, 0);
        record.sizeBound = encodedSizeBound(response.value) + ENVELOPE_FIXED_BYTES;
      } catch (error) {
        this.host.counters.encodeFailures++;
        record = errorRecord(requestId, resultError(requestId, error));
      }
    } else {
      record = errorRecord(requestId, response.error);
    }
    this.queue.push(record);
    if (!this.flushScheduled) this.scheduleFlush();
  }

  private checkRoom(): void {
    if (this.queue.length < this.host.options.maxQueuedPerPeer) return;
    throw new PeerOverloadedError(
      `${this.queue.length} messages already wait to be written to member ${this.peerId} (maxQueuedPerPeer): the ` +
        'peer or the network cannot keep up; back off and retry',
    );
  }

  /**
   * Sets the record's size bound, or says why it cannot be sent: arguments msgpack cannot carry, or a message
   * larger than a frame (only then is it encoded here, to learn its exact size).
   */
  private measure(record: OutboundRecord): SerializationError | undefined {
    const envelope = record.envelope!;
    const malformed = envelopeProblem(envelope, record.hops, record.kind === MeshRecordKind.Ask);
    if (malformed !== undefined) {
      this.host.counters.encodeFailures++;
      return new SerializationError(`cannot send a malformed envelope to another node: ${malformed}`);
    }
    try {
      record.sizeBound = envelopeSizeBound(envelope);
      const { maxFrameBytes } = this.host.options;
      if (record.sizeBound <= maxFrameBytes - FRAME_OVERHEAD_BYTES) return undefined;
      record.sizeBound = this.host.encoder.encode([record], 0, 1).length;
      if (record.sizeBound <= maxFrameBytes) return undefined;
      this.host.counters.encodeFailures++;
      return new SerializationError(
        `${envelope.kind}.${envelope.method} encodes to ${record.sizeBound} bytes, above the mesh frame limit of ` +
          `${maxFrameBytes} (maxFrameBytes): send less per message or raise the limit on every node`,
      );
    } catch (error) {
      this.host.counters.encodeFailures++;
      return argumentsError(envelope, error);
    }
  }

  // ---- the stream ----

  /** Starts writing to the pair's new stream (generation `generation`), beginning with what waited. */
  open(stream: MeshStream, generation: number): void {
    this.sink = stream;
    this.generation = generation;
    this.writable = true;
    if (this.queue.length > 0 && !this.flushScheduled) this.scheduleFlush();
  }

  /** The stream took what it buffered: write on. */
  drained(stream: MeshStream): void {
    if (this.sink !== stream) return;
    this.writable = true;
    this.flush();
  }

  /** Stops writing to the stream; returns how many asks written on it failed (they may or may not have run). */
  detach(error: () => unknown): number {
    this.sink = undefined;
    this.writable = false;
    return this.pending.failWritten(this.generation, error);
  }

  /** Writes everything queued, ignoring back-pressure: the last chance before a graceful end of the stream. */
  flushAll(): void {
    while (this.queue.length > 0 && this.sink !== undefined) {
      this.writable = true;
      this.flush();
    }
  }

  /** Fails every ask, drops every queued message (counted), and writes nothing more. */
  discard(error: unknown): void {
    this.sink = undefined;
    this.writable = false;
    const counters = this.host.counters;
    counters.asksFailed += this.pending.failAll(error);
    for (let record = this.queue.shift(); record !== undefined; record = this.queue.shift()) {
      if (record.kind === MeshRecordKind.Tell) counters.tellsDropped++;
      else if (record.kind !== MeshRecordKind.Ask) counters.responsesDropped++;
    }
  }

  private scheduleFlush(): void {
    if (!this.writable) return;
    this.flushScheduled = true;
    setImmediate(this.flushNow);
  }

  /** Writes queued records in frames until the queue is empty or the stream pushes back. */
  private flush(): void {
    const { maxBatchEnvelopes, maxFrameBytes } = this.host.options;
    const byteBudget = maxFrameBytes - FRAME_OVERHEAD_BYTES;
    const batch = this.batch;
    while (this.writable && this.queue.length > 0) {
      let count = 0;
      let bytes = 0;
      while (count < maxBatchEnvelopes) {
        const next = this.queue.peek();
        if (next === undefined || (count > 0 && bytes + next.sizeBound > byteBudget)) break;
        this.queue.shift();
        if (next.abandoned) {
          this.pending.delete(next);
          continue;
        }
        batch[count++] = next;
        bytes += next.sizeBound;
      }
      if (count === 0) break;
      encodeFrames(this.host.encoder, batch, 0, count, maxFrameBytes, this.emitFrame, this.rejectRecord);
      batch.fill(undefined as unknown as OutboundRecord, 0, count);
    }
  }

  private write(frame: Buffer, start: number, end: number): void {
    const counters = this.host.counters;
    counters.framesSent++;
    counters.envelopesSent += end - start;
    counters.batchSizes.observe(end - start);
    counters.bytesSent += frame.length;
    const batch = this.batch;
    for (let i = start; i < end; i++) {
      const record = batch[i]!;
      if (record.kind === MeshRecordKind.Ask) {
        record.writtenOn = this.generation;
        record.envelope = undefined;
      }
    }
    if (!this.sink!.write(frame)) this.writable = false;
  }

  /** A record msgpack refused at flush time (the size check at send time could not foresee it). */
  private reject(record: OutboundRecord, error: SerializationError): void {
    const counters = this.host.counters;
    counters.encodeFailures++;
    switch (record.kind) {
      case MeshRecordKind.Tell:
        counters.tellsDropped++;
        this.host.options.onError(argumentsError(record.envelope!, error), `mesh tell to ${this.peerId}`);
        return;
      case MeshRecordKind.Ask:
        this.pending.delete(record);
        record.pending!.fail(argumentsError(record.envelope!, error));
        return;
      case MeshRecordKind.Ok:
        this.queue.push(errorRecord(record.requestId, resultError(record.requestId, error)));
        return;
      default:
        counters.responsesDropped++;
        this.host.options.onError(error, `mesh error response to ${this.peerId}`);
    }
  }
}

/** What makes an envelope one the receiver would refuse (and close the stream over), if anything. */
function envelopeProblem(envelope: Envelope, hops: number, ask: boolean): string | undefined {
  if (typeof envelope.kind !== 'string' || typeof envelope.id !== 'string' || typeof envelope.method !== 'string') {
    return 'kind, id and method must be strings';
  }
  if (!Array.isArray(envelope.args)) return `${envelope.kind}.${envelope.method}: args must be an array`;
  if (typeof envelope.chain !== 'number') return `${envelope.kind}.${envelope.method}: chain must be a number`;
  if (typeof envelope.trace !== 'string') return `${envelope.kind}.${envelope.method}: trace must be a string`;
  if (ask && !(typeof envelope.timeoutMs === 'number' && envelope.timeoutMs >= 0)) {
    return `${envelope.kind}.${envelope.method}: timeoutMs must be a number >= 0`;
  }
  if (!Number.isInteger(hops) || hops < 0) return `hops must be an integer >= 0, got ${hops}`;
  return undefined;
}

function envelopeSizeBound(envelope: Envelope): number {
  return (
    encodedSizeBound(envelope.args) +
    stringSizeBound(envelope.kind) +
    stringSizeBound(envelope.id) +
    stringSizeBound(envelope.method) +
    stringSizeBound(envelope.trace) +
    ENVELOPE_FIXED_BYTES
  );
}

function errorRecord(requestId: number, given: ErrorData): OutboundRecord {
  // the receiver refuses error data without a string code and message, so anything else is made into that
  const error =
    typeof given?.code === 'string' && typeof given.message === 'string'
      ? given
      : toErrorData(given instanceof Error ? given : new Error(String((given as ErrorData)?.message ?? given)));
  const record = new OutboundRecord(MeshRecordKind.Error, undefined, 0, requestId, error, undefined, 0);
  try {
    record.sizeBound = encodedSizeBound(error) + ENVELOPE_FIXED_BYTES;
  } catch {
    // details that cannot cross the mesh are left behind; the code and message always can
    record.payload = { code: error.code, message: error.message, name: error.name };
    record.sizeBound = stringSizeBound(error.code) + stringSizeBound(error.message) + 2 * ENVELOPE_FIXED_BYTES;
  }
  return record;
}

function argumentsError(envelope: Envelope, error: unknown): SerializationError {
  const text = (error as Error)?.message ?? String(error);
  return new SerializationError(`cannot send ${envelope.kind}.${envelope.method} to another node: ${text}`, {
    cause: error,
  });
}

function resultError(requestId: number, error: unknown): ErrorData {
  const text = (error as Error)?.message ?? String(error);
  return toErrorData(
    new SerializationError(`the result of request ${requestId} cannot be sent back to the caller: ${text}`, {
      cause: error,
    }),
  );
}
