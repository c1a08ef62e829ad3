// Refuses values that msgpackr would silently change on the way out (functions become undefined, typed arrays
// other than Uint8Array become garbage binary) and cycles, before they are encoded into a frame: a frame that
// loses part of itself must fail loudly at the sender, not confuse the receiver.
import { MAX_NESTING_DEPTH } from './msgpack-scan.ts';
import { ProtocolError } from './protocol-error.ts';

/** Throws ProtocolError if `value` (at nesting `depth`, the frame array being 1) cannot travel in a frame. */
export function assertEncodable(value: unknown, depth: number, where: string): void {
  const type = typeof value;
  if (type === 'function' || type === 'symbol') {
    throw new ProtocolError(`${where} holds a ${type}; frames carry data, not behaviour`);
  }
  if (type !== 'object' || value === null || value instanceof Date || value instanceof ArrayBuffer) return;
  if (ArrayBuffer.isView(value)) {
    if (value instanceof Uint8Array) return;
    throw new ProtocolError(`${where} holds a ${value.constructor.name}; send a Uint8Array or an array of numbers`);
  }
  if (depth > MAX_NESTING_DEPTH) {
    throw new ProtocolError(`${where} nests deeper than ${MAX_NESTING_DEPTH} levels (or holds a cycle); flatten it`);
  }
  if (Array.isArray(value)) {
    for (const item of value) assertEncodable(item, depth + 1, where);
    return;
  }
  if (value instanceof Map) {
    for (const [key, item] of value) {
      if (typeof key !== 'string' && typeof key !== 'number') {
        throw new ProtocolError(`${where} holds a Map with a ${typeof key} key; map keys must be strings or numbers`);
      }
      assertEncodable(item, depth + 1, where);
    }
    return;
  }
  if (value instanceof Set) {
    for (const item of value) assertEncodable(item, depth + 1, where);
    return;
  }
  for (const key in value) assertEncodable((value as Record<string, unknown>)[key], depth + 1, where);
}
