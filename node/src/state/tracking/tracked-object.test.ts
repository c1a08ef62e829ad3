// Plain objects in a tracked document: reads and writes look like a plain object's, every write (set, new key,
// delete, nested) is recorded at its path, and the same object read twice is the same face.

import { inspect } from 'node:util';
import { describe, expect, it } from '@jest/globals';
import { InvalidDocumentError } from '../errors.ts';
import { sortPaths, takeSorted } from './sorted-changes.ts';
import { trackDocument } from './tracked-document.ts';

type Player = {
  gold: number;
  name?: string;
  stats: { moves: number; hp?: number };
  [extra: string]: unknown;
};

const newPlayer = (): Player => ({ gold: 10, stats: { moves: 0 } });

describe('tracked plain objects', () => {
  it('records a write of an existing key at its path', () => {
    const doc = trackDocument(newPlayer());
    doc.root.gold += 5;
    doc.root.stats.moves++;
    expect(doc.root.gold).toBe(15);
    expect(takeSorted(doc)).toEqual(sortPaths([['gold'], ['stats', 'moves']]));
  });

  it('records a new key, and reads it back tracked', () => {
    const doc = trackDocument(newPlayer());
    doc.root.name = 'ana';
    doc.root.bag = { sword: 1 };
    expect(takeSorted(doc)).toEqual(sortPaths([['name'], ['bag']]));
    (doc.root.bag as { sword: number }).sword = 2;
    expect(takeSorted(doc)).toEqual(sortPaths([['bag', 'sword']]));
    expect(doc.snapshot()).toEqual({ gold: 10, stats: { moves: 0 }, name: 'ana', bag: { sword: 2 } });
  });

  it('records a delete, which dirty, revision and snapshot see at once', () => {
    const doc = trackDocument<Player>({ gold: 1, name: 'ana', stats: { moves: 0, hp: 3 } });
    doc.takeChanges();
    const before = doc.revision;
    delete doc.root.stats.hp;
    expect(doc.dirty).toBe(true);
    expect(doc.revision).toBeGreaterThan(before);
    expect(doc.snapshot()).toEqual({ gold: 1, name: 'ana', stats: { moves: 0 } });
    expect('hp' in doc.root.stats).toBe(false);
    expect(doc.root.stats.hp).toBeUndefined();
    expect(takeSorted(doc)).toEqual(sortPaths([['stats', 'hp']]));
  });

  it('a key deleted and assigned again moves last, as on a plain object', () => {
    const doc = trackDocument({ a: 1, b: 2, c: 3 } as Record<string, number>);
    delete doc.root.a;
    doc.root.a = 4;
    expect(Object.keys(doc.root)).toEqual(['b', 'c', 'a']);
    expect(Object.keys(doc.snapshot())).toEqual(['b', 'c', 'a']);
    expect(takeSorted(doc)).toEqual(sortPaths([['a']]));
  });

  it('reading a deleted key applies the delete', () => {
    const doc = trackDocument({ a: 1, b: 2 } as Record<string, number>);
    doc.takeChanges();
    delete doc.root.a;
    expect(doc.root.a).toBeUndefined();
    expect(takeSorted(doc)).toEqual(sortPaths([['a']]));
    expect(doc.snapshot()).toEqual({ b: 2 });
  });

  it('behaves like a plain object for keys, in, spread, JSON, hasOwnProperty and inspect', () => {
    const doc = trackDocument({ gold: 1, stats: { moves: 2 } });
    const state = doc.root;
    expect(Object.keys(state)).toEqual(['gold', 'stats']);
    expect(Object.entries(state.stats)).toEqual([['moves', 2]]);
    expect('gold' in state).toBe(true);
    expect('silver' in state).toBe(false);
    expect(Object.hasOwn(state, 'gold')).toBe(true);
    expect(Object.hasOwn(state, 'stats')).toBe(true);
    expect(JSON.stringify(state)).toBe('{"gold":1,"stats":{"moves":2}}');
    expect({ ...state.stats }).toEqual({ moves: 2 });
    expect(state).toEqual({ gold: 1, stats: { moves: 2 } });
    expect(inspect(state)).toBe('{ gold: 1, stats: { moves: 2 } }');
    const keys: string[] = [];
    for (const key in state) keys.push(key);
    expect(keys).toEqual(['gold', 'stats']);
    expect(doc.dirty).toBe(false);
  });

  it('returns the same face for the same nested object', () => {
    const doc = trackDocument({ stats: { moves: 0 }, list: [{ id: 1 }], map: new Map([['a', { hp: 1 }]]) });
    expect(doc.root.stats).toBe(doc.root.stats);
    expect(doc.root.list).toBe(doc.root.list);
    expect(doc.root.list[0]).toBe(doc.root.list[0]);
    expect(doc.root.map.get('a')).toBe(doc.root.map.get('a'));
    expect(doc.root.stats).not.toBe(doc.snapshot().stats);
  });

  it('tracks keys that are not field names (numbers, spaces) the same way', () => {
    const doc = trackDocument({ byId: { '17': { hp: 1 }, 'two words': 2 } as Record<string, unknown> });
    (doc.root.byId['17'] as { hp: number }).hp = 5;
    doc.root.byId['two words'] = 3;
    doc.root.byId['99'] = { hp: 9 };
    expect(takeSorted(doc)).toEqual(
      sortPaths([
        ['byId', '99'],
        ['byId', '17', 'hp'],
        ['byId', 'two words'],
      ]),
    );
    expect(doc.snapshot()).toEqual({ byId: { '17': { hp: 5 }, 'two words': 3, '99': { hp: 9 } } });
  });

  it('adopts a key defined with Object.defineProperty', () => {
    const doc = trackDocument({ a: 1 } as Record<string, unknown>);
    Object.defineProperty(doc.root, 'b', { value: 2, enumerable: true, configurable: true, writable: true });
    expect(takeSorted(doc)).toEqual(sortPaths([['b']]));
    expect(doc.snapshot()).toEqual({ a: 1, b: 2 });
    doc.root.b = 3;
    expect(takeSorted(doc)).toEqual(sortPaths([['b']]));
  });

  it('refuses a symbol key and a __proto__ key', () => {
    const doc = trackDocument({} as Record<string | symbol, unknown>);
    expect(() => {
      doc.root[Symbol('x')] = 1;
    }).toThrow(InvalidDocumentError);
    expect(() => {
      Reflect.set(doc.root, '__proto__', {});
    }).toThrow(/__proto__/);
    expect(doc.dirty).toBe(false);
  });

  it('an object that inherits from a face gets its own keys, untracked', () => {
    const doc = trackDocument({ a: 1 });
    const child = Object.create(doc.root) as { a: number; b?: number };
    child.b = 2;
    expect(Object.hasOwn(child, 'b')).toBe(true);
    expect(doc.dirty).toBe(false);
  });
});
