// Tests of the document codec: what survives a round trip, that documents are never mutated or silently
// truncated, and the InvalidDocumentError a bad document or corrupt bytes get.
import { describe, expect, it } from '@jest/globals';
import { Packr } from 'msgpackr';
import { MSGPACK_OPTIONS } from '../../actor/serializer.ts';
import { InvalidDocumentError } from '../errors.ts';
import { decodeDocument, encodeDocument, MAX_DOCUMENT_DEPTH } from './document-codec.ts';

const key = { kind: 'Player', id: 'p1' };
const roundTrip = (doc: unknown): unknown => decodeDocument(key, encodeDocument(key, doc));

describe('document codec', () => {
  const values: { desc: string; doc: unknown }[] = [
    { desc: 'undefined, null and scalars', doc: [undefined, null, true, 0, -1.5, 'text', ''] },
    { desc: 'bigints small and beyond 64 bits', doc: { a: 1n, b: -(2n ** 63n), c: 2n ** 90n } },
    { desc: 'a Date', doc: { at: new Date('2030-01-02T03:04:05.678Z') } },
    { desc: 'bytes', doc: { b: new Uint8Array([0, 1, 255]) } },
    {
      desc: 'a Map with mixed keys',
      doc: new Map<unknown, unknown>([
        [1, 'one'],
        ['1', 'string one'],
        [true, null],
      ]),
    },
    { desc: 'a Set of Maps', doc: new Set([new Map([['a', 1]]), 2]) },
    { desc: 'Maps inside arrays inside objects', doc: { list: [{ m: new Map([['k', [new Map()]]]) }] } },
    { desc: 'an object whose keys look like numbers', doc: { '1': 'a', '02': 'b' } },
  ];
  it.each(values)('round-trips $desc', ({ doc }) => {
    expect(roundTrip(doc)).toEqual(doc);
  });

  it('keeps a Map a Map and an object an object', () => {
    const back = roundTrip({ map: new Map([['a', 1]]), object: { a: 1 } }) as { map: unknown; object: unknown };
    expect(back.map).toBeInstanceOf(Map);
    expect(back.object).not.toBeInstanceOf(Map);
  });

  it('does not mutate the document it encodes, and shares nothing with what it decodes', () => {
    const inner = new Map([['x', 1]]);
    const doc = { list: [inner], plain: { a: [1, 2] } };
    const back = roundTrip(doc) as typeof doc;
    expect(doc.list[0]).toBe(inner);
    expect(back.plain).not.toBe(doc.plain);
    expect(back.list[0]).not.toBe(inner);
  });

  it('writes a document without Maps as standard msgpack any reader decodes', () => {
    const doc = { name: 'a', stats: [1, 2, { hp: 3 }] };
    expect(new Packr(MSGPACK_OPTIONS).unpack(encodeDocument(key, doc))).toEqual(doc);
  });

  const invalid: { desc: string; doc: unknown; message: string }[] = [
    { desc: 'a function', doc: { a: { f: () => 1 } }, message: 'Player/p1 at a.f holds a function' },
    { desc: 'a symbol in an array', doc: { list: [1, Symbol('s')] }, message: 'Player/p1 at list[1] holds a symbol' },
    { desc: 'a function in a Map', doc: new Map([['k', () => 1]]), message: 'at get(k) holds a function' },
    { desc: 'a function as the document', doc: () => 1, message: 'at the document itself holds a function' },
    { desc: 'a cycle', doc: cyclic(), message: `nests deeper than ${MAX_DOCUMENT_DEPTH} levels` },
  ];
  it.each(invalid)('refuses $desc, naming the key and the path', ({ doc, message }) => {
    expect(() => encodeDocument(key, doc)).toThrow(InvalidDocumentError);
    expect(() => encodeDocument(key, doc)).toThrow(message);
  });

  it('reports bytes it cannot decode as InvalidDocumentError naming the row', () => {
    expect(() => decodeDocument(key, new Uint8Array([0x92, 0x01]))).toThrow(InvalidDocumentError);
    expect(() => decodeDocument(key, new Uint8Array([0x92, 0x01]))).toThrow(
      'stored document Player/p1 cannot be decoded',
    );
  });
});

function cyclic(): unknown {
  const node: Record<string, unknown> = { name: 'loop' };
  node.next = node;
  return node;
}
