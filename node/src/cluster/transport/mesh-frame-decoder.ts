// Reads a frame (see mesh-wire.ts) in two passes: the whole frame is checked first, then its records are
// delivered, so a malformed frame delivers nothing and the caller can close just that stream.
import { Unpackr } from 'msgpackr';
import type { Envelope } from '../../actor/envelope.ts';
import type { ErrorData } from '../../errors/index.ts';
import { MESH_FRAME_HEADER_SLOTS, MESH_MSGPACK_OPTIONS, MESH_PROTOCOL_VERSION, MeshRecordKind } from './mesh-wire.ts';

/** Where a frame's records go. */
export interface MeshFrameSink {
  /** A tell or an ask (requestId > 0). */
  envelope(envelope: Envelope, hops: number): void;
  response(requestId: number, ok: boolean, payload: unknown): void;
}

export class MeshFrameDecoder {
  private readonly unpackr = new Unpackr(MESH_MSGPACK_OPTIONS);

  /** Decodes and checks a frame: its slots, or a description of what is wrong with it. */
  decode(bytes: Uint8Array): unknown[] | string {
    let frame: unknown;
    try {
      frame = this.unpackr.unpack(bytes);
    } catch (error) {
      return `not msgpack (${(error as Error)?.message ?? String(error)})`;
    }
    return checkFrame(frame) ?? (frame as unknown[]);
  }
}

/** Delivers the records of a frame that passed decode(). */
export function deliverFrame(slots: unknown[], sink: MeshFrameSink): number {
  const strings = slots[1] as string[];
  let delivered = 0;
  let i = MESH_FRAME_HEADER_SLOTS;
  while (i < slots.length) {
    const kind = slots[i] as MeshRecordKind;
    delivered++;
    if (kind === MeshRecordKind.Tell) {
      const envelope: Envelope = {
        kind: strings[slots[i + 1] as number]!,
        id: strings[slots[i + 2] as number]!,
        method: strings[slots[i + 3] as number]!,
        args: slots[i + 4] as unknown[],
        requestId: 0,
        timeoutMs: 0,
        chain: slots[i + 5] as number,
        trace: slots[i + 6] as string,
      };
      sink.envelope(envelope, slots[i + 7] as number);
      i += 8;
    } else if (kind === MeshRecordKind.Ask) {
      const envelope: Envelope = {
        kind: strings[slots[i + 1] as number]!,
        id: strings[slots[i + 2] as number]!,
        method: strings[slots[i + 3] as number]!,
        args: slots[i + 4] as unknown[],
        requestId: slots[i + 5] as number,
        timeoutMs: slots[i + 6] as number,
        chain: slots[i + 7] as number,
        trace: slots[i + 8] as string,
      };
      sink.envelope(envelope, slots[i + 9] as number);
      i += 10;
    } else {
      sink.response(slots[i + 1] as number, kind === MeshRecordKind.Ok, slots[i + 2]);
      i += 3;
    }
  }
  return delivered;
}

/** What is wrong with a decoded frame, or undefined when every record is well formed. */
function checkFrame(frame: unknown): string | undefined {
  if (!Array.isArray(frame) || frame.length < MESH_FRAME_HEADER_SLOTS) return 'not a frame array';
  if (frame[0] !== MESH_PROTOCOL_VERSION) {
    return `frame of protocol version ${String(frame[0])}, this node speaks ${MESH_PROTOCOL_VERSION}`;
  }
  const strings = frame[1];
  if (!Array.isArray(strings)) return 'string table is not an array';
  for (const text of strings) if (typeof text !== 'string') return 'string table holds a non-string';
  const stringCount = strings.length;
  let i = MESH_FRAME_HEADER_SLOTS;
  while (i < frame.length) {
    const kind = frame[i];
    if (kind === MeshRecordKind.Tell) {
      if (i + 8 > frame.length) return `truncated tell at slot ${i}`;
      const problem = checkTarget(frame, i, stringCount) ?? checkTail(frame[i + 5], frame[i + 6], frame[i + 7]);
      if (problem !== undefined) return `tell at slot ${i}: ${problem}`;
      i += 8;
    } else if (kind === MeshRecordKind.Ask) {
      if (i + 10 > frame.length) return `truncated ask at slot ${i}`;
      const problem =
        checkTarget(frame, i, stringCount) ??
        checkRequestId(frame[i + 5]) ??
        (typeof frame[i + 6] === 'number' && (frame[i + 6] as number) >= 0
          ? undefined
          : 'timeoutMs is negative or not a number') ??
        checkTail(frame[i + 7], frame[i + 8], frame[i + 9]);
      if (problem !== undefined) return `ask at slot ${i}: ${problem}`;
      i += 10;
    } else if (kind === MeshRecordKind.Ok || kind === MeshRecordKind.Error) {
      if (i + 3 > frame.length) return `truncated response at slot ${i}`;
      const problem =
        checkRequestId(frame[i + 1]) ?? (kind === MeshRecordKind.Error ? checkError(frame[i + 2]) : undefined);
      if (problem !== undefined) return `response at slot ${i}: ${problem}`;
      i += 3;
    } else {
      return `unknown record kind ${String(kind)} at slot ${i}`;
    }
  }
  return undefined;
}

function checkTarget(frame: unknown[], i: number, stringCount: number): string | undefined {
  for (let slot = i + 1; slot <= i + 3; slot++) {
    const ref = frame[slot];
    if (!Number.isInteger(ref) || (ref as number) < 0 || (ref as number) >= stringCount) {
      return `string reference ${String(ref)} outside the table of ${stringCount}`;
    }
  }
  return Array.isArray(frame[i + 4]) ? undefined : 'args is not an array';
}

function checkTail(chain: unknown, trace: unknown, hops: unknown): string | undefined {
  if (typeof chain !== 'number') return 'chain is not a number';
  if (typeof trace !== 'string') return 'trace is not a string';
  return isCount(hops) ? undefined : 'hops is not a non-negative integer';
}

function checkRequestId(requestId: unknown): string | undefined {
  return Number.isInteger(requestId) && (requestId as number) > 0 ? undefined : 'requestId is not a positive integer';
}

function checkError(data: unknown): string | undefined {
  const error = data as Partial<ErrorData> | null;
  if (typeof error !== 'object' || error === null) return 'error is not an object';
  return typeof error.code === 'string' && typeof error.message === 'string'
    ? undefined
    : 'error lacks a string code and message';
}

function isCount(value: unknown): boolean {
  return Number.isInteger(value) && (value as number) >= 0;
}
