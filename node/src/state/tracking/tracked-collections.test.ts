// Maps and Sets in a tracked document: set/delete/clear/add record the collection's own path, get and iteration
// hand out faces (a write inside a Map value records [map, key, ...]; inside a Set member, the Set's path).
import { describe, expect, it } from '@jest/globals';
import { InvalidDocumentError } from '../errors.ts';
import { sortPaths, takeSorted } from './sorted-changes.ts';
import { trackDocument } from './tracked-document.ts';

type Unit = { hp: number };

function newWorld() {
  return {
    units: new Map<string | number, Unit>([
      ['a', { hp: 1 }],
      [2, { hp: 2 }],
    ]),
    tags: new Set<string | Unit>(['x', { hp: 3 }]),
  };
}

describe('tracked Maps', () => {
  it('set, delete and clear record the Map once each', () => {
    const doc = trackDocument(newWorld());
    const units = doc.root.units;
    expect(units.set('c', { hp: 9 })).toBe(units);
    expect(takeSorted(doc)).toEqual([['units']]);
    expect(units.delete('a')).toBe(true);
    expect(takeSorted(doc)).toEqual([['units']]);
    expect(units.delete('nope')).toBe(false);
    expect(doc.dirty).toBe(false);
    units.clear();
    expect(takeSorted(doc)).toEqual([['units']]);
    units.clear();
    expect(doc.dirty).toBe(false);
  });

  it('get and iteration hand out faces; a write inside a value records its path under the key', () => {
    const doc = trackDocument(newWorld());
    const units = doc.root.units;
    units.get('a')!.hp = 10;
    for (const [key, unit] of units) if (key === 2) unit.hp = 20;
    expect(takeSorted(doc)).toEqual(
      sortPaths([
        ['units', 'a', 'hp'],
        ['units', 2, 'hp'],
      ]),
    );
    [...units.values()][0]!.hp++;
    units.forEach((unit, key) => {
      if (key === 2) unit.hp++;
    });
    expect(takeSorted(doc)).toEqual(
      sortPaths([
        ['units', 'a', 'hp'],
        ['units', 2, 'hp'],
      ]),
    );
    expect(units.get('a')).toBe(units.get('a'));
    expect(doc.snapshot().units).toEqual(
      new Map<string | number, Unit>([
        ['a', { hp: 11 }],
        [2, { hp: 21 }],
      ]),
    );
  });

  it('reads like a Map', () => {
    const units = trackDocument(newWorld()).root.units;
    expect(units.size).toBe(2);
    expect(units.has(2)).toBe(true);
    expect([...units.keys()]).toEqual(['a', 2]);
    expect(units instanceof Map).toBe(true);
    expect(Object.prototype.toString.call(units)).toBe('[object Map]');
    expect(units).toEqual(
      new Map<string | number, Unit>([
        ['a', { hp: 1 }],
        [2, { hp: 2 }],
      ]),
    );
  });

  it('refuses keys other than strings and numbers, and properties on the Map', () => {
    const doc = trackDocument(newWorld());
    const units = doc.root.units as unknown as Map<unknown, Unit> & Record<string, unknown>;
    expect(() => units.set({}, { hp: 1 })).toThrow(/Map keys in a document are strings or numbers/);
    expect(() => units.set(true, { hp: 1 })).toThrow(InvalidDocumentError);
    expect(() => {
      units.label = 'x';
    }).toThrow(InvalidDocumentError);
    expect(() => trackDocument({ m: new Map([[1n, 1]]) })).toThrow(/Map key/);
    expect(doc.dirty).toBe(false);
  });
});

describe('tracked Sets', () => {
  it('add, delete and clear record the Set once each; a no-op records nothing', () => {
    const doc = trackDocument(newWorld());
    const tags = doc.root.tags;
    expect(tags.add('y')).toBe(tags);
    expect(takeSorted(doc)).toEqual([['tags']]);
    tags.add('y');
    expect(doc.dirty).toBe(false);
    expect(tags.delete('x')).toBe(true);
    expect(takeSorted(doc)).toEqual([['tags']]);
    tags.clear();
    expect(takeSorted(doc)).toEqual([['tags']]);
    expect(doc.snapshot().tags).toEqual(new Set());
  });

  it('a write inside a member records the Set: a member has no address of its own', () => {
    const doc = trackDocument(newWorld());
    const member = [...doc.root.tags].find((tag) => typeof tag === 'object') as Unit;
    member.hp = 30;
    expect(takeSorted(doc)).toEqual([['tags']]);
    expect([...doc.snapshot().tags]).toEqual(['x', { hp: 30 }]);
  });

  it('has and delete accept a member face', () => {
    const doc = trackDocument(newWorld());
    const tags = doc.root.tags;
    const member = [...tags.values()][1]!;
    expect(tags.has(member)).toBe(true);
    expect(tags.delete(member)).toBe(true);
    expect(tags.size).toBe(1);
    expect([...tags.entries()]).toEqual([['x', 'x']]);
    const seen: unknown[] = [];
    tags.forEach((value) => {
      seen.push(value);
    });
    expect(seen).toEqual(['x']);
  });
});
