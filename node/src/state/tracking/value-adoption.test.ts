// What a document refuses, at the assignment, with InvalidDocumentError naming the path; and what it accepts.
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from '@jest/globals';
import { InvalidDocumentError } from '../errors.ts';
import { MAX_DOCUMENT_DEPTH } from './document-copy.ts';
import { trackDocument } from './tracked-document.ts';

class Sword {
  damage = 3;
}

function nested(depth: number): Record<string, unknown> {
  let value: Record<string, unknown> = {};
  for (let i = 0; i < depth; i++) value = { inner: value };
  return value;
}

const cycle: Record<string, unknown> = { name: 'loop' };
cycle.self = cycle;

describe('values a document refuses', () => {
  const cases: { desc: string; value: () => unknown; message: RegExp }[] = [
    { desc: 'a function', value: () => () => 1, message: /cannot store a function at slot:/ },
    { desc: 'a symbol', value: () => Symbol('s'), message: /cannot store a symbol at slot:/ },
    { desc: 'a class instance', value: () => new Sword(), message: /cannot store a Sword instance at slot:/ },
    { desc: 'a nested function', value: () => ({ a: [{ onUse() {} }] }), message: /at slot\.a\[0\]\.onUse:/ },
    { desc: 'a DataView', value: () => new DataView(new ArrayBuffer(1)), message: /cannot store a DataView/ },
    { desc: 'a WeakMap', value: () => ({ cache: new WeakMap() }), message: /WeakMap instance at slot\.cache/ },
    { desc: 'a Promise', value: () => [Promise.resolve()], message: /Promise instance at slot\[0\]/ },
    { desc: 'a symbol key', value: () => ({ [Symbol('k')]: 1 }), message: /symbol key Symbol\(k\) at slot/ },
    { desc: 'an object Map key', value: () => new Map([[{}, 1]]), message: /a plain object as a Map key at slot/ },
    {
      desc: 'a __proto__ key',
      value: () => JSON.parse('{"ok":{"__proto__":1}}'),
      message: /key __proto__ at slot\.ok\.__proto__/,
    },
    { desc: 'a cycle', value: () => cycle, message: /nests deeper than 64 levels or contains a cycle/ },
    { desc: 'too deep', value: () => nested(MAX_DOCUMENT_DEPTH + 1), message: /nests deeper than 64/ },
    { desc: 'a function in a Set', value: () => new Set([() => 1]), message: /cannot store a function at slot/ },
  ];

  it.each(cases)('$desc, naming the path, and the document is unchanged', ({ value, message }) => {
    const doc = trackDocument({ slot: 0 } as Record<string, unknown>);
    let error: unknown;
    try {
      doc.root.slot = value();
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidDocumentError);
    expect((error as InvalidDocumentError).code).toBe('GC_ERR_INVALID_DOCUMENT');
    expect((error as Error).message).toMatch(message);
    expect(doc.dirty).toBe(false);
    expect(doc.snapshot()).toEqual({ slot: 0 });
  });

  it('refuses in every way in: initial document, array methods, Map and Set methods, replace', () => {
    const fn = () => 1;
    expect(() => trackDocument({ a: { b: fn } })).toThrow(/at a\.b:/);
    const doc = trackDocument({ list: [] as unknown[], map: new Map<string, unknown>(), set: new Set<unknown>() });
    expect(() => doc.root.list.push(1, fn)).toThrow(/at list\[1\]/);
    expect(() => doc.root.list.unshift(fn)).toThrow(/at list\[0\]/);
    expect(() => doc.root.list.splice(0, 0, new Sword())).toThrow(/Sword instance at list\[0\]/);
    expect(() => {
      doc.root.list[0] = fn;
    }).toThrow(/at list\[0\]/);
    const withItem = trackDocument({ list: [0] as unknown[] });
    expect(() => withItem.root.list.fill(fn)).toThrow(/at list\[0\]/);
    expect(() => {
      withItem.root.list[0] = fn;
    }).toThrow(/at list\[0\]/);
    expect(() => doc.root.map.set('k', { fn })).toThrow(/at map\.k\.fn/);
    expect(() => doc.root.set.add(fn)).toThrow(/at set/);
    expect(() => doc.replace({ list: [], map: new Map(), set: new Set([fn]) })).toThrow(InvalidDocumentError);
    expect(() => {
      doc.root.list = [doc.root];
    }).toThrow(/inside itself/);
  });
});

describe('values a document accepts', () => {
  it('stores plain data of every supported kind', () => {
    const doc = trackDocument({} as Record<string, unknown>);
    const value = {
      n: 1,
      s: 'x',
      b: true,
      nil: null,
      undef: undefined,
      big: 12345678901234567890n,
      date: new Date(7),
      bytes: new Uint8Array([1]),
      floats: new Float64Array([1.5]),
      buffer: Buffer.from('hi'),
      list: [1, [2, { three: 3 }]],
      map: new Map<string | number, unknown>([
        ['a', 1],
        [2, { b: 2 }],
      ]),
      set: new Set([1, 'two', { three: 3 }]),
      bare: Object.assign(Object.create(null), { k: 1 }),
    };
    doc.root.value = value;
    expect(doc.snapshot()).toEqual({ value: { ...value, bare: { k: 1 } } });
  });

  it('accepts plain data built in another realm (a vm context), and refuses its class instances', () => {
    const foreign = runInNewContext('({ a: [1, new Map([["k", { b: 1 }]])], s: new Set([2]), d: new Date(1) })');
    const doc = trackDocument(foreign as { a: [number, Map<string, { b: number }>] });
    doc.root.a[1].get('k')!.b = 2;
    expect(doc.takeChanges()).toEqual([['a', 1, 'k', 'b']]);
    expect(doc.snapshot()).toEqual({ a: [1, new Map([['k', { b: 2 }]])], s: new Set([2]), d: new Date(1) });
    expect(() => trackDocument({ x: runInNewContext('new (class Sword {})()') })).toThrow(/Sword instance at x/);
  });
});
