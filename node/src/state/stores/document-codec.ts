// Encodes actor documents to the bytes a store keeps (msgpack with the runtime's shared settings) and back.
// Unlike envelopes, documents keep Maps as Maps: a Map is written as a private msgpack extension, since plain
// msgpack cannot tell a Map from an object and a reloaded `inventory.get(id)` must still work.
import { addExtension, Packr } from 'msgpackr';
import { MSGPACK_OPTIONS } from '../../actor/serializer.ts';
import { InvalidDocumentError } from '../errors.ts';
import type { DocumentKey } from '../state-store.ts';

/** msgpack extension type of a Map inside a stored document; never reuse it for anything else. */
export const DOCUMENT_MAP_EXTENSION_TYPE = 0x4d;
/** Deeper documents are refused: real ones are shallow, and a cycle would otherwise recurse forever. */
export const MAX_DOCUMENT_DEPTH = 64;

/** The stand-in a Map becomes while its document is packed; only this module creates it. */
class DocumentMap {
  readonly entries: unknown[];
  constructor(entries: unknown[]) {
    this.entries = entries;
  }
}

// The registration is process-wide in msgpackr but inert elsewhere: only encodeDocument creates DocumentMaps, and
// no other encoder writes this extension type.
addExtension({
  Class: DocumentMap,
  type: DOCUMENT_MAP_EXTENSION_TYPE,
  write: (map: DocumentMap) => map.entries,
  read: (entries: unknown) => new Map(entries as [unknown, unknown][]),
});

const packr = new Packr(MSGPACK_OPTIONS);

/** The stored bytes of `doc`; InvalidDocumentError naming the key and path when part of it cannot be stored. */
export function encodeDocument(key: DocumentKey, doc: unknown): Uint8Array {
  const prepared = prepare(key, doc, '', 0);
  try {
    return packr.pack(prepared);
  } catch (error) {
    throw new InvalidDocumentError(
      `document ${describeKey(key)} cannot be encoded (${(error as Error).message}): keep documents to plain data (objects, arrays, Map, Set, bigint, Date, bytes)`,
      { cause: error, details: { kind: key.kind, id: key.id } },
    );
  }
}

/** The bytes to store for a save: its encoded document as given, or `doc` encoded now. */
export function storedBytes(request: DocumentKey & { readonly doc: unknown; readonly encoded?: boolean }): Uint8Array {
  if (request.encoded !== true) return encodeDocument(request, request.doc);
  if (!(request.doc instanceof Uint8Array)) {
    throw new InvalidDocumentError(
      `document ${describeKey(request)} is marked encoded but is not bytes: send encodeDocument's output or the document itself`,
      { details: { kind: request.kind, id: request.id } },
    );
  }
  return request.doc;
}

/** The document stored as `bytes`; InvalidDocumentError when they are not a document this codec wrote. */
export function decodeDocument(key: DocumentKey, bytes: Uint8Array): unknown {
  try {
    return packr.unpack(bytes);
  } catch (error) {
    throw new InvalidDocumentError(
      `stored document ${describeKey(key)} cannot be decoded (${(error as Error).message}): the row was not written by gamecluster or is corrupt; repair or delete it`,
      { cause: error, details: { kind: key.kind, id: key.id } },
    );
  }
}

export function describeKey(key: DocumentKey): string {
  return `${key.kind}/${key.id}`;
}

/**
 * Checks that `value` survives a round trip and swaps every Map for a DocumentMap. Returns `value` itself when it
 * holds no Map, so the common document is not copied; containers on the way to a Map are copied, never mutated.
 */
function prepare(key: DocumentKey, value: unknown, path: string, depth: number): unknown {
  if (depth > MAX_DOCUMENT_DEPTH) {
    throw invalid(key, path, `nests deeper than ${MAX_DOCUMENT_DEPTH} levels; flatten it or look for a cycle`);
  }
  const type = typeof value;
  // msgpackr silently writes functions as undefined: a document that loses part of itself must fail loudly.
  if (type === 'function' || type === 'symbol') {
    throw invalid(key, path, `holds a ${type}; documents hold data, not behaviour`);
  }
  if (type !== 'object' || value === null || ArrayBuffer.isView(value) || value instanceof Date) return value;
  if (value instanceof Map) {
    const entries: unknown[] = [];
    for (const [entryKey, entryValue] of value) {
      const label = typeof entryKey === 'string' ? entryKey : String(entryKey);
      entries.push([
        prepare(key, entryKey, `${path}<key ${label}>`, depth + 1),
        prepare(key, entryValue, `${path}.get(${label})`, depth + 1),
      ]);
    }
    return new DocumentMap(entries);
  }
  if (value instanceof Set) {
    let copy: unknown[] | undefined;
    let index = 0;
    for (const item of value) {
      const prepared = prepare(key, item, `${path}<set item ${index}>`, depth + 1);
      if (prepared !== item && copy === undefined) copy = [...value].slice(0, index);
      copy?.push(prepared);
      index++;
    }
    return copy === undefined ? value : new Set(copy);
  }
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const prepared = prepare(key, item, `${path}[${i}]`, depth + 1);
      if (prepared !== item && copy === undefined) copy = value.slice(0, i);
      copy?.push(prepared);
    }
    return copy ?? value;
  }
  let copy: Record<string, unknown> | undefined;
  const record = value as Record<string, unknown>;
  for (const field in record) {
    const item = record[field];
    const prepared = prepare(key, item, `${path}.${field}`, depth + 1);
    if (prepared !== item && copy === undefined) copy = { ...record };
    if (copy !== undefined) copy[field] = prepared;
  }
  return copy ?? value;
}

function invalid(key: DocumentKey, path: string, problem: string): InvalidDocumentError {
  const where = path === '' ? 'the document itself' : path.startsWith('.') ? path.slice(1) : path;
  return new InvalidDocumentError(`document ${describeKey(key)} at ${where} ${problem}`, {
    details: { kind: key.kind, id: key.id, path: where },
  });
}
