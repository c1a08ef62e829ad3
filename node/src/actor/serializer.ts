// Encodes envelopes with msgpack (msgpackr). Envelopes are positional arrays, not objects, to keep them small;
// bigints survive (snowflake ids), Maps decode as plain objects, functions are rejected.
import { Packr } from 'msgpackr';
import type { ErrorData } from '../errors/index.ts';
import type { Envelope, ResponseEnvelope } from './envelope.ts';
import { SerializationError } from './errors.ts';

/** msgpackr settings shared by every encoder of runtime data (the mesh uses them too, so both agree). */
export const MSGPACK_OPTIONS = { useRecords: false, int64AsType: 'bigint', moreTypes: true } as const;

const packr = new Packr(MSGPACK_OPTIONS);

export function encodeEnvelope(envelope: Envelope): Uint8Array {
  const { kind, id, method, args, requestId, timeoutMs, chain, trace } = envelope;
  return encode([kind, id, method, args, requestId, timeoutMs, chain, trace], `${kind}.${method} arguments`);
}

export function decodeEnvelope(bytes: Uint8Array): Envelope {
  const fields = decode(bytes, 'envelope');
  if (!Array.isArray(fields) || fields.length !== 8 || !Array.isArray(fields[3])) {
    throw new SerializationError(
      'malformed envelope: expected an 8-field array; the sender runs an incompatible version',
    );
  }
  const [kind, id, method, args, requestId, timeoutMs, chain, trace] = fields as [
    string,
    string,
    string,
    unknown[],
    number,
    number,
    number,
    string,
  ];
  return { kind, id, method, args, requestId, timeoutMs, chain, trace };
}

export function encodeResponse(response: ResponseEnvelope): Uint8Array {
  return response.ok
    ? encode([response.requestId, true, response.value], 'result')
    : encode([response.requestId, false, response.error], 'error');
}

export function decodeResponse(bytes: Uint8Array): ResponseEnvelope {
  const fields = decode(bytes, 'response');
  if (!Array.isArray(fields) || fields.length !== 3) {
    throw new SerializationError(
      'malformed response: expected a 3-field array; the sender runs an incompatible version',
    );
  }
  const [requestId, ok, payload] = fields as [number, boolean, unknown];
  return ok ? { requestId, ok, value: payload } : { requestId, ok, error: payload as ErrorData };
}

function encode(value: unknown, what: string): Uint8Array {
  try {
    assertEncodable(value, 0);
    return packr.pack(value);
  } catch (error) {
    if (error instanceof SerializationError) throw error;
    throw new SerializationError(`cannot encode ${what}: ${(error as Error).message}`, { cause: error });
  }
}

function decode(bytes: Uint8Array, what: string): unknown {
  try {
    return packr.unpack(bytes);
  } catch (error) {
    throw new SerializationError(`cannot decode ${what}: ${(error as Error).message}`, { cause: error });
  }
}

// msgpackr silently drops functions and symbols; a message that loses part of itself must fail loudly instead.
function assertEncodable(value: unknown, depth: number): void {
  if (depth > 64) throw new SerializationError('value nests deeper than 64 levels; flatten it or check for a cycle');
  const type = typeof value;
  if (type === 'function' || type === 'symbol') {
    throw new SerializationError(`a ${type} cannot cross a process boundary; pass data, not behaviour`);
  }
  if (type !== 'object' || value === null || ArrayBuffer.isView(value) || value instanceof Date) return;
  if (Array.isArray(value)) {
    for (const item of value) assertEncodable(item, depth + 1);
    return;
  }
  if (value instanceof Map || value instanceof Set) {
    for (const item of value.values()) assertEncodable(item, depth + 1);
    return;
  }
  for (const key in value) assertEncodable((value as Record<string, unknown>)[key], depth + 1);
}
