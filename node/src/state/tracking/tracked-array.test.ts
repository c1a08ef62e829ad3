// Arrays in a tracked document: index writes record [..., index]; length changes and every mutating method record
// the array once per call (one revision, one path); reading methods and iteration hand out faces.
import { describe, expect, it } from '@jest/globals';
import { InvalidDocumentError } from '../errors.ts';
import { sortPaths, takeSorted } from './sorted-changes.ts';
import { trackDocument } from './tracked-document.ts';

type Item = { id: number; n: number };
type Bag = { items: Item[]; nums: number[] };

function newBag(): Bag {
  return {
    items: [
      { id: 1, n: 10 },
      { id: 2, n: 20 },
      { id: 3, n: 30 },
    ],
    nums: [3, 1, 2],
  };
}

/** Runs `change` on a fresh tracked bag; returns the revisions it took, the changes and the snapshot. */
function afterChange(change: (bag: Bag) => unknown) {
  const doc = trackDocument(newBag());
  const before = doc.revision;
  const result = change(doc.root);
  return { result, writes: doc.revision - before, changes: takeSorted(doc), snapshot: doc.snapshot(), doc };
}

describe('tracked arrays', () => {
  it('an index write records the index; a write inside an element records its path', () => {
    const { changes, snapshot } = afterChange((bag) => {
      bag.nums[1] = 9;
      bag.items[2]!.n = 31;
    });
    expect(changes).toEqual(
      sortPaths([
        ['nums', 1],
        ['items', 2, 'n'],
      ]),
    );
    expect(snapshot.nums).toEqual([3, 9, 2]);
    expect(snapshot.items[2]).toEqual({ id: 3, n: 31 });
  });

  it('a write past the end and a length change record the array', () => {
    expect(afterChange((bag) => (bag.nums[3] = 4)).changes).toEqual([['nums']]);
    const truncated = afterChange((bag) => (bag.nums.length = 1));
    expect(truncated.changes).toEqual([['nums']]);
    expect(truncated.snapshot.nums).toEqual([3]);
    expect(afterChange((bag) => (bag.nums.length = 3)).writes).toBe(0);
  });

  it('delete of an element leaves a hole and records the index', () => {
    const { changes, snapshot } = afterChange((bag) => delete bag.nums[0]);
    expect(changes).toEqual([['nums', 0]]);
    expect(snapshot.nums).toEqual([undefined, 1, 2]);
  });

  const mutators: { desc: string; change: (bag: Bag) => unknown; nums: number[] }[] = [
    { desc: 'push', change: (bag) => bag.nums.push(4, 5, 6), nums: [3, 1, 2, 4, 5, 6] },
    { desc: 'pop', change: (bag) => bag.nums.pop(), nums: [3, 1] },
    { desc: 'shift', change: (bag) => bag.nums.shift(), nums: [1, 2] },
    { desc: 'unshift', change: (bag) => bag.nums.unshift(7, 8), nums: [7, 8, 3, 1, 2] },
    { desc: 'splice', change: (bag) => bag.nums.splice(1, 1, 7, 8), nums: [3, 7, 8, 2] },
    { desc: 'splice from the end', change: (bag) => bag.nums.splice(-1), nums: [3, 1] },
    { desc: 'sort', change: (bag) => bag.nums.sort(), nums: [1, 2, 3] },
    { desc: 'sort with a comparator', change: (bag) => bag.nums.sort((a, b) => b - a), nums: [3, 2, 1] },
    { desc: 'reverse', change: (bag) => bag.nums.reverse(), nums: [2, 1, 3] },
    { desc: 'fill', change: (bag) => bag.nums.fill(0, 1), nums: [3, 0, 0] },
    { desc: 'copyWithin', change: (bag) => bag.nums.copyWithin(0, 1), nums: [1, 2, 2] },
  ];
  it.each(mutators)('$desc records the array once', ({ change, nums }) => {
    const { changes, writes, snapshot } = afterChange(change);
    expect(changes).toEqual([['nums']]);
    expect(writes).toBe(1);
    expect(snapshot.nums).toEqual(nums);
  });

  it('methods that change nothing record nothing', () => {
    const doc = trackDocument({ empty: [] as number[], one: [1] });
    doc.root.empty.pop();
    doc.root.empty.shift();
    doc.root.empty.push();
    doc.root.empty.splice(0, 0);
    doc.root.one.sort();
    doc.root.one.reverse();
    doc.root.one.fill(5, 1);
    expect(doc.dirty).toBe(false);
  });

  it('mutating methods return what the built-ins return, with faces for removed objects', () => {
    const doc = trackDocument(newBag());
    const items = doc.root.items;
    const popped = items.pop()!;
    expect(popped).toEqual({ id: 3, n: 30 });
    expect(items.push({ id: 4, n: 40 })).toBe(3);
    const removed = items.splice(0, 1);
    expect(removed).toEqual([{ id: 1, n: 10 }]);
    expect(items.sort((a, b) => b.id - a.id)).toBe(items);
    expect(doc.snapshot().items.map((i) => i.id)).toEqual([4, 2]);
    // A removed element put back is tracked at its new place.
    items.push(popped);
    doc.takeChanges();
    popped.n = 33;
    expect(takeSorted(doc)).toEqual([['items', 2, 'n']]);
  });

  it('the sort comparator sees faces', () => {
    const doc = trackDocument(newBag());
    const seen: unknown[] = [];
    doc.root.items.sort((a, b) => {
      seen.push(a);
      return b.id - a.id;
    });
    expect(seen.every((face) => doc.root.items.includes(face as Item))).toBe(true);
  });

  it('an element that moved is still recorded at its current index', () => {
    const doc = trackDocument(newBag());
    const third = doc.root.items[2]!;
    doc.root.items.reverse();
    doc.takeChanges();
    third.n = 1;
    expect(takeSorted(doc)).toEqual([['items', 0, 'n']]);
  });

  it('fill and copyWithin store copies of objects: a document is a tree', () => {
    const doc = trackDocument(newBag());
    doc.root.items.fill({ id: 9, n: 9 });
    doc.root.items[0]!.n = 1;
    expect(doc.snapshot().items).toEqual([
      { id: 9, n: 1 },
      { id: 9, n: 9 },
      { id: 9, n: 9 },
    ]);
    doc.root.items.copyWithin(1, 0, 1);
    doc.root.items[0]!.n = 2;
    expect(doc.snapshot().items.map((i) => i.n)).toEqual([2, 1, 9]);
  });

  it('reading methods and iteration hand out faces: writes through them are recorded', () => {
    const doc = trackDocument(newBag());
    const items = doc.root.items;
    items.find((i) => i.id === 2)!.n++;
    items.forEach((i) => {
      if (i.id === 3) i.n++;
    });
    for (const item of items) if (item.id === 1) item.n++;
    items.filter((i) => i.id === 1)[0]!.n++;
    items.map((i) => i)[1]!.n++;
    items.at(-1)!.n++;
    items.slice(1, 2)[0]!.n++;
    expect(takeSorted(doc)).toEqual(
      sortPaths([
        ['items', 0, 'n'],
        ['items', 1, 'n'],
        ['items', 2, 'n'],
      ]),
    );
    expect(doc.snapshot().items.map((i) => i.n)).toEqual([12, 23, 32]);
  });

  it('reading methods give the built-ins results', () => {
    const doc = trackDocument(newBag());
    const { nums, items } = doc.root;
    const second = items[1]!;
    expect(items.indexOf(second)).toBe(1);
    expect(items.includes(second)).toBe(true);
    expect(items.lastIndexOf(second)).toBe(1);
    expect(items.findIndex((i) => i.id === 3)).toBe(2);
    expect(items.findLast((i) => i.id < 3)?.id).toBe(2);
    expect(items.findLastIndex((i) => i.id > 5)).toBe(-1);
    expect(nums.some((n) => n > 2)).toBe(true);
    expect(nums.every((n) => n > 2)).toBe(false);
    expect(nums.reduce((a, b) => a + b)).toBe(6);
    expect(nums.reduceRight((a, b) => `${a}${b}`, '')).toBe('213');
    expect(nums.join('-')).toBe('3-1-2');
    expect([...nums.keys()]).toEqual([0, 1, 2]);
    expect([...nums.entries()]).toEqual([
      [0, 3],
      [1, 1],
      [2, 2],
    ]);
    expect(nums.includes(Number.NaN)).toBe(false);
    expect(nums.length).toBe(3);
    expect(Array.isArray(nums)).toBe(true);
    expect(JSON.stringify(nums)).toBe('[3,1,2]');
    expect([...nums]).toEqual([3, 1, 2]);
    const empty = trackDocument({ list: [] as number[] }).root.list;
    expect(() => empty.reduce((a, b) => a + b)).toThrow(TypeError);
    expect(doc.dirty).toBe(false);
  });

  it('refuses named properties on an array', () => {
    const doc = trackDocument(newBag());
    expect(() => {
      (doc.root.nums as unknown as Record<string, unknown>).label = 'x';
    }).toThrow(InvalidDocumentError);
  });
});
