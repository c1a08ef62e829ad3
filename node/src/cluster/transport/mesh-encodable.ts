// Checks, before a message is queued, that its payload can cross the mesh, and bounds its encoded size from
// above, so one bad message fails alone (never its whole batch) and frames can be cut below maxFrameBytes
// without encoding twice.
import { SerializationError } from '../../actor/errors.ts';

/** Deepest nesting accepted (a cycle shows up as this). */
const MAX_DEPTH = 64;
/** Upper bound of any msgpack header (type byte + 32-bit length) and of any scalar (float64, int64). */
const HEADER = 5;
const SCALAR = 9;
/** Bigints outside 64 bits travel as an extension holding their digits. */
const INT64_MIN = -(2n ** 63n);
const UINT64_MAX = 2n ** 64n - 1n;

/**
 * An upper bound of the msgpack size of `value`; throws SerializationError for what msgpack would drop or
 * mangle silently (functions, symbols) and for nesting deeper than 64 levels (the caller adds which message).
 * Cheap for the common small payloads: a number or a short string costs one typeof.
 */
export function encodedSizeBound(value: unknown): number {
  return measure(value, 0);
}

/** encodedSizeBound for a string: UTF-8 takes at most 3 bytes per UTF-16 unit. */
export function stringSizeBound(text: string): number {
  return text.length * 3 + HEADER;
}

function measure(value: unknown, depth: number): number {
  switch (typeof value) {
    case 'bigint':
      return (value as bigint) >= INT64_MIN && (value as bigint) <= UINT64_MAX
        ? SCALAR
        : (value as bigint).toString(16).length + HEADER * 2;
    case 'number':
    case 'boolean':
    case 'undefined':
      return SCALAR;
    case 'string':
      return (value as string).length * 3 + HEADER;
    case 'function':
    case 'symbol':
      throw new SerializationError(`a ${typeof value} cannot cross a process boundary; pass data, not behaviour`);
  }
  if (value === null) return 1;
  if (depth >= MAX_DEPTH) {
    throw new SerializationError(`value nests deeper than ${MAX_DEPTH} levels; flatten it or check for a cycle`);
  }
  if (ArrayBuffer.isView(value)) return value.byteLength + HEADER + 1;
  if (value instanceof ArrayBuffer) return value.byteLength + HEADER + 1;
  if (value instanceof Date) return 15;
  let size = HEADER + 1;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) size += measure(value[i], depth + 1);
    return size;
  }
  if (value instanceof Map) {
    for (const [key, item] of value) size += measure(key, depth + 1) + measure(item, depth + 1);
    return size;
  }
  if (value instanceof Set) {
    for (const item of value) size += measure(item, depth + 1);
    return size;
  }
  const record = value as Record<string, unknown>;
  for (const key in record) size += key.length * 3 + HEADER + measure(record[key], depth + 1);
  return size;
}
