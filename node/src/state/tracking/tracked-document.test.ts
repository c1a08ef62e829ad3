// The document as a whole: dirty, revision and takeChanges() semantics, snapshots that share nothing, replace(),
// leaves stored whole, moves that keep paths right, and what the document takes ownership of.
import { describe, expect, it } from '@jest/globals';
import { InvalidDocumentError } from '../errors.ts';
import { takeSorted } from './sorted-changes.ts';
import { trackDocument } from './tracked-document.ts';

type Doc = {
  gold: number;
  stats: { moves: number };
  bag: { id: number; n: number }[];
  seenAt?: Date;
  [extra: string]: unknown;
};

const newDoc = (): Doc => ({ gold: 1, stats: { moves: 0 }, bag: [{ id: 1, n: 1 }] });

describe('tracked document', () => {
  it('starts clean; any write makes it dirty and raises the revision; takeChanges clears dirty', () => {
    const doc = trackDocument(newDoc());
    expect(doc.dirty).toBe(false);
    expect(doc.takeChanges()).toEqual([]);
    const start = doc.revision;
    doc.root.gold = 2;
    doc.root.gold = 3;
    expect(doc.dirty).toBe(true);
    expect(doc.revision).toBe(start + 2);
    expect(doc.takeChanges()).toEqual([['gold']]);
    expect(doc.dirty).toBe(false);
    expect(doc.takeChanges()).toEqual([]);
    expect(doc.revision).toBe(start + 2);
  });

  it('collapses a path under a changed ancestor', () => {
    const doc = trackDocument(newDoc());
    doc.root.stats.moves = 5;
    doc.root.bag[0]!.n = 2;
    doc.root.bag.push({ id: 2, n: 1 });
    doc.root.stats = { moves: 9 };
    expect(takeSorted(doc)).toEqual([['bag'], ['stats']]);
  });

  it('snapshot is a deep plain copy that shares nothing with the document', () => {
    const doc = trackDocument({
      ...newDoc(),
      when: new Date(5),
      bytes: Uint8Array.of(1),
      m: new Map([['a', { x: 1 }]]),
    });
    const snapshot = doc.snapshot();
    expect(snapshot).toEqual({
      gold: 1,
      stats: { moves: 0 },
      bag: [{ id: 1, n: 1 }],
      when: new Date(5),
      bytes: Uint8Array.of(1),
      m: new Map([['a', { x: 1 }]]),
    });
    expect(Object.getPrototypeOf(snapshot)).toBe(Object.prototype);
    expect(snapshot.stats).not.toBe(doc.root.stats);
    expect(snapshot.when).not.toBe(doc.root.when);
    doc.root.stats.moves = 7;
    doc.root.bag.push({ id: 2, n: 2 });
    expect(snapshot.stats.moves).toBe(0);
    expect(snapshot.bag).toHaveLength(1);
    snapshot.gold = 100;
    expect(doc.root.gold).toBe(1);
  });

  it('replace swaps the whole document, keeps the root face and records the root', () => {
    const doc = trackDocument(newDoc());
    const root = doc.root;
    const stats = root.stats;
    doc.replace({ gold: 50, stats: { moves: 3 }, bag: [] });
    expect(doc.root).toBe(root);
    expect(root.gold).toBe(50);
    expect(root.stats.moves).toBe(3);
    expect(root.stats).not.toBe(stats);
    expect(doc.takeChanges()).toEqual([[]]);
    root.stats.moves++;
    expect(doc.takeChanges()).toEqual([['stats', 'moves']]);
    doc.replace({ other: true } as unknown as Doc);
    expect(Object.keys(root)).toEqual(['other']);
    expect(doc.snapshot()).toEqual({ other: true });
  });

  it('replace refuses a root of another kind', () => {
    const doc = trackDocument(newDoc());
    expect(() => doc.replace([] as unknown as Doc)).toThrow(InvalidDocumentError);
    const list = trackDocument([1, 2]);
    list.replace([3]);
    expect(list.snapshot()).toEqual([3]);
    expect(() => list.replace({} as unknown as number[])).toThrow(InvalidDocumentError);
  });

  it('tracks an array root', () => {
    const doc = trackDocument([{ hp: 1 }]);
    doc.root[0]!.hp = 2;
    doc.root.push({ hp: 3 });
    expect(takeSorted(doc)).toEqual([[]]);
  });

  it('refuses a root that is not a plain object or an array', () => {
    expect(() => trackDocument(new Map())).toThrow(/root is a plain object or an array/);
    expect(() => trackDocument(new Date())).toThrow(InvalidDocumentError);
  });

  it('stores leaves whole: replacing one is recorded, changing one in place is not', () => {
    const doc = trackDocument({ ...newDoc(), seenAt: new Date(1), bytes: Buffer.from([1, 2]) });
    expect(doc.root.seenAt).toBeInstanceOf(Date);
    doc.root.seenAt = new Date(2);
    expect(doc.takeChanges()).toEqual([['seenAt']]);
    doc.root.seenAt.setTime(3);
    doc.root.bytes[0] = 9;
    expect(doc.dirty).toBe(false);
    expect(Buffer.isBuffer(doc.snapshot().bytes)).toBe(true);
  });

  it('a moved object is recorded at its new place', () => {
    const doc = trackDocument({ ...newDoc(), equipped: null as unknown });
    const item = doc.root.bag[0]!;
    doc.root.equipped = item;
    doc.root.bag.splice(0, 1);
    doc.takeChanges();
    item.n = 5;
    expect(doc.takeChanges()).toEqual([['equipped', 'n']]);
    expect(doc.snapshot().equipped).toEqual({ id: 1, n: 5 });
  });

  it('an object moved between keys and read through its new key is recorded there', () => {
    const doc = trackDocument(newDoc());
    doc.root.backup = doc.root.stats;
    delete (doc.root as Record<string, unknown>).stats;
    doc.takeChanges();
    (doc.root.backup as { moves: number }).moves = 4;
    expect(doc.takeChanges()).toEqual([['backup', 'moves']]);
  });

  it('a write to an object no longer in the document changes nothing stored and reports no path', () => {
    const doc = trackDocument(newDoc());
    const stats = doc.root.stats;
    doc.root.stats = { moves: 1 };
    doc.takeChanges();
    stats.moves = 99;
    expect(doc.takeChanges()).toEqual([]);
    expect(doc.snapshot().stats).toEqual({ moves: 1 });
  });

  it('an object put inside a new object is reported as the root until read through its new place', () => {
    const doc = trackDocument(newDoc());
    const stats = doc.root.stats;
    doc.root.wrapper = { inner: stats };
    doc.root.stats = { moves: 0 };
    doc.takeChanges();
    stats.moves = 5;
    expect(doc.takeChanges()).toEqual([[]]);
    expect(doc.snapshot().wrapper).toEqual({ inner: { moves: 5 } });
    (doc.root.wrapper as { inner: { moves: number } }).inner.moves = 6;
    expect(doc.takeChanges()).toEqual([['wrapper', 'inner', 'moves']]);
  });

  it('a delete on an object kept across takes and put back is applied', () => {
    const doc = trackDocument({ a: { b: { c: 1, d: 2 } } } as Record<string, { b: Record<string, number> }>);
    const a = doc.root.a!;
    const b = a.b;
    delete doc.root.a;
    doc.takeChanges();
    delete b.c;
    doc.root.again = a;
    expect(doc.snapshot()).toEqual({ again: { b: { d: 2 } } });
  });

  it('takes ownership of what it is given, copying frozen parts', () => {
    const frozen = Object.freeze({ x: 1, inner: Object.freeze([1, 2]) });
    const doc = trackDocument({ frozen } as Record<string, unknown>);
    (doc.root.frozen as { x: number }).x = 2;
    (doc.root.frozen as { inner: number[] }).inner.push(3);
    expect(doc.snapshot()).toEqual({ frozen: { x: 2, inner: [1, 2, 3] } });
    expect(frozen).toEqual({ x: 1, inner: [1, 2] });
  });

  it('copies a face of another document rather than sharing it', () => {
    const source = trackDocument(newDoc());
    const target = trackDocument({} as Record<string, unknown>);
    target.root.stats = source.root.stats;
    (target.root.stats as { moves: number }).moves = 8;
    expect(source.root.stats.moves).toBe(0);
    expect(source.dirty).toBe(false);
    expect(target.snapshot()).toEqual({ stats: { moves: 8 } });
    const copy = trackDocument(source.root);
    copy.root.gold = 2;
    expect(source.root.gold).toBe(1);
  });
});
