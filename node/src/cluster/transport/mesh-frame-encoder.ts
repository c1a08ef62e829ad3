// Turns queued outbound records into frames (see mesh-wire.ts for the layout): kind, actor id and method strings
// go once per frame into its string table. encodeFrames isolates what msgpack refuses, so a bad record fails
// alone and the rest of its batch is still sent.
import { Packr } from 'msgpackr';
import { SerializationError } from '../../actor/errors.ts';
import { MESH_MSGPACK_OPTIONS, MESH_PROTOCOL_VERSION, MeshRecordKind } from './mesh-wire.ts';
import type { OutboundRecord } from './outbound-record.ts';

export class MeshFrameEncoder {
  private readonly packr = new Packr(MESH_MSGPACK_OPTIONS);
  private readonly stringIndex = new Map<string, number>();
  private strings: string[] = [];

  /** Encodes records[start, end) as one frame; throws whatever msgpackr throws for a value it cannot encode. */
  encode(records: readonly OutboundRecord[], start: number, end: number): Buffer {
    const strings: string[] = [];
    this.strings = strings;
    const slots: unknown[] = [MESH_PROTOCOL_VERSION, strings];
    for (let i = start; i < end; i++) {
      const record = records[i]!;
      switch (record.kind) {
        case MeshRecordKind.Tell: {
          const e = record.envelope!;
          slots.push(
            MeshRecordKind.Tell,
            this.ref(e.kind),
            this.ref(e.id),
            this.ref(e.method),
            e.args,
            e.chain,
            e.trace,
            record.hops,
          );
          break;
        }
        case MeshRecordKind.Ask: {
          const e = record.envelope!;
          slots.push(
            MeshRecordKind.Ask,
            this.ref(e.kind),
            this.ref(e.id),
            this.ref(e.method),
            e.args,
            record.requestId,
            e.timeoutMs,
            e.chain,
            e.trace,
            record.hops,
          );
          break;
        }
        default:
          slots.push(record.kind, record.requestId, record.payload);
      }
    }
    this.stringIndex.clear();
    return this.packr.pack(slots);
  }

  private ref(text: string): number {
    let index = this.stringIndex.get(text);
    if (index === undefined) {
      index = this.strings.length;
      this.strings.push(text);
      this.stringIndex.set(text, index);
    }
    return index;
  }
}

/**
 * Encodes records[start, end) into as few frames as possible, each at most maxFrameBytes, and hands each to
 * `emit` with the range it holds. When msgpack refuses the batch (a value the size check could not foresee) or
 * it comes out too large, the range is halved until the offending records stand alone; those go to `reject`.
 */
export function encodeFrames(
  encoder: MeshFrameEncoder,
  records: readonly OutboundRecord[],
  start: number,
  end: number,
  maxFrameBytes: number,
  emit: (frame: Buffer, start: number, end: number) => void,
  reject: (record: OutboundRecord, error: SerializationError) => void,
): void {
  let frame: Buffer | undefined;
  let failure: unknown;
  try {
    frame = encoder.encode(records, start, end);
  } catch (error) {
    failure = error;
  }
  if (frame !== undefined && frame.length <= maxFrameBytes) {
    emit(frame, start, end);
    return;
  }
  if (end - start === 1) {
    reject(records[start]!, serializationErrorOf(records[start]!, frame, failure, maxFrameBytes));
    return;
  }
  const middle = (start + end) >>> 1;
  encodeFrames(encoder, records, start, middle, maxFrameBytes, emit, reject);
  encodeFrames(encoder, records, middle, end, maxFrameBytes, emit, reject);
}

function serializationErrorOf(
  record: OutboundRecord,
  frame: Buffer | undefined,
  failure: unknown,
  maxFrameBytes: number,
): SerializationError {
  const what =
    record.envelope === undefined
      ? `the result of request ${record.requestId}`
      : `${record.envelope.kind}.${record.envelope.method} arguments`;
  if (failure instanceof SerializationError) return failure;
  if (failure !== undefined) {
    return new SerializationError(`cannot encode ${what}: ${(failure as Error)?.message ?? String(failure)}`, {
      cause: failure,
    });
  }
  return new SerializationError(
    `${what} encode to ${frame!.length} bytes, above the mesh frame limit of ${maxFrameBytes} (maxFrameBytes); ` +
      'send less per message or raise the limit on every node',
  );
}
