// The StateStore contract as a jest suite, run against every store (memory, PGlite, PostgreSQL) by its test file:
// round trips, the fencing rules, batches with mixed outcomes, bad input. Each test uses its own kind, so one
// store serves the whole suite.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { InvalidDocumentError, StoreUnavailableError } from '../errors.ts';
import type { LoadResult, SaveRequest, SaveResult, StateStore } from '../state-store.ts';

/** Opens a started store; the suite closes it. */
export type OpenStateStore = () => Promise<StateStore>;

const OK: SaveResult = { ok: true };

export function describeStateStoreContract(label: string, open: OpenStateStore): void {
  describe(`${label}: StateStore contract`, () => {
    let store: StateStore;
    let kinds = 0;
    /** A kind no other test uses. */
    const freshKind = (): string => `Kind${++kinds}`;

    beforeAll(async () => {
      store = await open();
    });

    afterAll(async () => {
      await store?.close();
    });

    it('loads a document never saved as undefined at version 0', async () => {
      const kind = freshKind();
      expect(await store.load([{ kind, id: 'p1', epoch: 3 }])).toEqual([{ ok: true, doc: undefined, version: 0 }]);
    });

    it('round-trips Map, Set, bigint, Date, bytes and nesting, and hands out copies', async () => {
      const kind = freshKind();
      const doc = {
        name: 'Ayla',
        gold: 1250,
        ratio: 0.25,
        id: 2n ** 62n + 7n,
        small: 3n,
        bornAt: new Date('2024-05-01T12:00:00.000Z'),
        avatar: new Uint8Array([1, 2, 254]),
        inventory: new Map<unknown, unknown>([
          ['sword', { count: 1, enchant: new Set(['fire', 'ice']) }],
          [42, [1, { deep: new Map([['x', 1n]]) }]],
        ]),
        friends: new Set(['b', 'c']),
        quests: [{ id: 'q1', steps: [true, false, null] }],
        empty: { list: [], map: new Map(), set: new Set() },
      };
      expect(await store.load([{ kind, id: 'p1', epoch: 5 }])).toEqual([{ ok: true, doc: undefined, version: 0 }]);
      expect(await store.save([{ kind, id: 'p1', epoch: 5, version: 1, doc }])).toEqual([OK]);
      doc.gold = 0; // a change after save must not reach the store
      (doc.inventory.get('sword') as { count: number }).count = 99;

      const [first] = await store.load([{ kind, id: 'p1', epoch: 5 }]);
      const [second] = await store.load([{ kind, id: 'p1', epoch: 5 }]);
      expect(first).toEqual({ ok: true, version: 1, doc: { ...doc, gold: 1250, inventory: expect.any(Map) } });
      const loaded = (first as { doc: typeof doc }).doc;
      expect(loaded.inventory).toEqual(
        new Map<unknown, unknown>([
          ['sword', { count: 1, enchant: new Set(['fire', 'ice']) }],
          [42, [1, { deep: new Map([['x', 1n]]) }]],
        ]),
      );
      expect(loaded.inventory.has(42)).toBe(true); // number keys stay numbers
      expect(typeof loaded.small).toBe('bigint');
      expect(loaded.bornAt).toBeInstanceOf(Date);
      expect((second as { doc: unknown }).doc).not.toBe(loaded);
      expect((second as { doc: unknown }).doc).toEqual(loaded);
    });

    it('accepts only increasing versions within an epoch', async () => {
      const kind = freshKind();
      await store.load([{ kind, id: 'p', epoch: 5 }]);
      expect(await store.save([{ kind, id: 'p', epoch: 5, version: 1, doc: { v: 1 } }])).toEqual([OK]);
      expect(await store.save([{ kind, id: 'p', epoch: 5, version: 3, doc: { v: 3 } }])).toEqual([OK]);
      expect(await store.save([{ kind, id: 'p', epoch: 5, version: 2, doc: { v: 2 } }])).toEqual([
        { ok: false, reason: 'stale', storedEpoch: 5, storedVersion: 3 },
      ]);
      // The same version again is not newer: a repeated save is refused, not applied twice.
      expect(await store.save([{ kind, id: 'p', epoch: 5, version: 3, doc: { v: 'again' } }])).toEqual([
        { ok: false, reason: 'stale', storedEpoch: 5, storedVersion: 3 },
      ]);
      expect(await store.load([{ kind, id: 'p', epoch: 5 }])).toEqual([{ ok: true, doc: { v: 3 }, version: 3 }]);
    });

    it('lets a higher epoch win and restart versions at 1', async () => {
      const kind = freshKind();
      await store.load([{ kind, id: 'p', epoch: 5 }]);
      await store.save([{ kind, id: 'p', epoch: 5, version: 7, doc: { by: 5 } }]);
      // The new activation sees the old document; its own versions start over.
      expect(await store.load([{ kind, id: 'p', epoch: 9 }])).toEqual([{ ok: true, doc: { by: 5 }, version: 0 }]);
      expect(await store.save([{ kind, id: 'p', epoch: 9, version: 1, doc: { by: 9 } }])).toEqual([OK]);
      expect(await store.load([{ kind, id: 'p', epoch: 9 }])).toEqual([{ ok: true, doc: { by: 9 }, version: 1 }]);
      // A save of a higher epoch wins even without a load first (it carries the newer fence itself).
      expect(await store.save([{ kind, id: 'p', epoch: 12, version: 1, doc: { by: 12 } }])).toEqual([OK]);
      expect(await store.save([{ kind, id: 'p', epoch: 9, version: 2, doc: { by: 9 } }])).toEqual([
        { ok: false, reason: 'stale', storedEpoch: 12, storedVersion: 1 },
      ]);
    });

    it('rejects a save of an older epoch with the stored epoch and version', async () => {
      const kind = freshKind();
      await store.save([{ kind, id: 'p', epoch: 9, version: 4, doc: { by: 9 } }]);
      expect(await store.save([{ kind, id: 'p', epoch: 5, version: 100, doc: { by: 5 } }])).toEqual([
        { ok: false, reason: 'stale', storedEpoch: 9, storedVersion: 4 },
      ]);
      expect(await store.load([{ kind, id: 'p', epoch: 9 }])).toEqual([{ ok: true, doc: { by: 9 }, version: 4 }]);
    });

    it('fences a zombie: after B (epoch 9) loads, A (epoch 5) can neither save nor load', async () => {
      const kind = freshKind();
      expect(await store.load([{ kind, id: 'p', epoch: 5 }])).toEqual([{ ok: true, doc: undefined, version: 0 }]);
      expect(await store.load([{ kind, id: 'p', epoch: 9 }])).toEqual([{ ok: true, doc: undefined, version: 0 }]);
      expect(await store.save([{ kind, id: 'p', epoch: 5, version: 1, doc: { by: 'A' } }])).toEqual([
        { ok: false, reason: 'stale', storedEpoch: 9, storedVersion: 0 },
      ]);
      expect(await store.load([{ kind, id: 'p', epoch: 5 }])).toEqual([{ ok: false, reason: 'stale', storedEpoch: 9 }]);
      expect(await store.save([{ kind, id: 'p', epoch: 9, version: 1, doc: { by: 'B' } }])).toEqual([OK]);
      expect(await store.load([{ kind, id: 'p', epoch: 9 }])).toEqual([{ ok: true, doc: { by: 'B' }, version: 1 }]);
    });

    it('keeps the version a reload by the same epoch reached', async () => {
      const kind = freshKind();
      await store.load([{ kind, id: 'p', epoch: 4 }]);
      await store.save([{ kind, id: 'p', epoch: 4, version: 6, doc: { n: 6 } }]);
      expect(await store.load([{ kind, id: 'p', epoch: 4 }])).toEqual([{ ok: true, doc: { n: 6 }, version: 6 }]);
      expect(await store.save([{ kind, id: 'p', epoch: 4, version: 7, doc: { n: 7 } }])).toEqual([OK]);
    });

    it('saves and loads batches of many keys with mixed outcomes, in request order', async () => {
      const kind = freshKind();
      const count = 300;
      const ids = Array.from({ length: count }, (_, i) => `p${(i * 7919) % count}`); // not in key order
      // Every third key is held by a newer activation (epoch 20), every fifth was saved at epoch 10 version 5.
      await store.load(ids.filter((_, i) => i % 3 === 0).map((id) => ({ kind, id, epoch: 20 })));
      await store.save(
        ids.filter((_, i) => i % 5 === 0 && i % 3 !== 0).map((id) => ({ kind, id, epoch: 10, version: 5, doc: 'old' })),
      );
      const batch: SaveRequest[] = ids.map((id, i) => ({
        kind,
        id,
        epoch: 10,
        version: i % 2 === 0 ? 9 : 4,
        doc: { i },
      }));
      const expected = ids.map((_, i): SaveResult => {
        if (i % 3 === 0) return { ok: false, reason: 'stale', storedEpoch: 20, storedVersion: 0 };
        if (i % 5 === 0 && i % 2 === 1) return { ok: false, reason: 'stale', storedEpoch: 10, storedVersion: 5 };
        return OK;
      });
      expect(await store.save(batch)).toEqual(expected);

      const loads = ids.map((id, i) => ({ kind, id, epoch: i % 4 === 0 ? 30 : 10 }));
      const loaded = await store.load(loads);
      const expectedLoads = ids.map((_, i): LoadResult => {
        const heldBy20 = i % 3 === 0;
        if (i % 4 !== 0 && heldBy20) return { ok: false, reason: 'stale', storedEpoch: 20 };
        const doc = heldBy20 ? undefined : i % 5 === 0 && i % 2 === 1 ? 'old' : { i };
        const version = i % 4 === 0 ? 0 : i % 5 === 0 && i % 2 === 1 ? 5 : i % 2 === 0 ? 9 : 4;
        return { ok: true, doc, version };
      });
      expect(loaded).toEqual(expectedLoads);
    });

    it('merges a key repeated in a load batch: the highest epoch takes it, lower ones are stale', async () => {
      const kind = freshKind();
      expect(
        await store.load([
          { kind, id: 'p', epoch: 3 },
          { kind, id: 'q', epoch: 1 },
          { kind, id: 'p', epoch: 8 },
          { kind, id: 'p', epoch: 8 },
        ]),
      ).toEqual([
        { ok: false, reason: 'stale', storedEpoch: 8 },
        { ok: true, doc: undefined, version: 0 },
        { ok: true, doc: undefined, version: 0 },
        { ok: true, doc: undefined, version: 0 },
      ]);
    });

    it('rejects a save batch that repeats a key, writing nothing', async () => {
      const kind = freshKind();
      const batch = [
        { kind, id: 'a', epoch: 1, version: 1, doc: 1 },
        { kind, id: 'b', epoch: 1, version: 1, doc: 2 },
        { kind, id: 'a', epoch: 1, version: 2, doc: 3 },
      ];
      const error = await store.save(batch).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidDocumentError);
      expect((error as Error).message).toContain(`${kind}/a more than once`);
      expect(await store.load([{ kind, id: 'b', epoch: 1 }])).toEqual([{ ok: true, doc: undefined, version: 0 }]);
    });

    it('answers empty batches with empty results', async () => {
      expect(await store.save([])).toEqual([]);
      expect(await store.load([])).toEqual([]);
    });

    it('refuses a document holding a function, naming the key and path, writing nothing of the batch', async () => {
      const kind = freshKind();
      const batch = [
        { kind, id: 'fine', epoch: 1, version: 1, doc: { ok: true } },
        { kind, id: 'bad', epoch: 1, version: 1, doc: { stats: { onLevel: () => 1 } } },
      ];
      const error = await store.save(batch).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidDocumentError);
      expect((error as InvalidDocumentError).code).toBe('GC_ERR_INVALID_DOCUMENT');
      expect((error as Error).message).toContain(`${kind}/bad at stats.onLevel holds a function`);
      expect((error as InvalidDocumentError).details).toMatchObject({ kind, id: 'bad' });
      expect(await store.load([{ kind, id: 'fine', epoch: 1 }])).toEqual([{ ok: true, doc: undefined, version: 0 }]);
    });

    it('refuses symbols, cycles, bad counters and NUL in keys as InvalidDocumentError', async () => {
      const kind = freshKind();
      const cyclic: Record<string, unknown> = {};
      cyclic.self = cyclic;
      const bad: SaveRequest[] = [
        { kind, id: 's', epoch: 1, version: 1, doc: { tag: Symbol('x') } },
        { kind, id: 'c', epoch: 1, version: 1, doc: cyclic },
        { kind, id: 'e', epoch: Number.NaN, version: 1, doc: {} },
        { kind, id: 'v', epoch: 1, version: -1, doc: {} },
        { kind, id: 'n\u0000', epoch: 1, version: 1, doc: {} },
      ];
      for (const request of bad) {
        await expect(store.save([request])).rejects.toBeInstanceOf(InvalidDocumentError);
      }
      await expect(store.load([{ kind, id: 'x', epoch: 1.5 }])).rejects.toBeInstanceOf(InvalidDocumentError);
    });

    it('keeps keys with quotes, backslashes, braces, commas, spaces and non-ASCII apart', async () => {
      const kind = freshKind();
      const ids = ['', 'a"b', 'a\\b', '{x,y}', 'NULL', ' spaced ', 'ünïcødé 🎮', "it's"];
      const saved = await store.save(ids.map((id, i) => ({ kind, id, epoch: 2, version: 1, doc: { i, id } })));
      expect(saved).toEqual(ids.map(() => OK));
      const loaded = await store.load(ids.map((id) => ({ kind, id, epoch: 2 })));
      expect(loaded).toEqual(ids.map((id, i) => ({ ok: true, doc: { i, id }, version: 1 })));
    });

    it('stores epochs and versions up to 2^53-1', async () => {
      const kind = freshKind();
      const epoch = Number.MAX_SAFE_INTEGER;
      expect(await store.save([{ kind, id: 'p', epoch, version: epoch, doc: 1 }])).toEqual([OK]);
      expect(await store.save([{ kind, id: 'p', epoch: epoch - 1, version: 1, doc: 2 }])).toEqual([
        { ok: false, reason: 'stale', storedEpoch: epoch, storedVersion: epoch },
      ]);
    });

    it('lets the highest epoch win when activations save one key concurrently', async () => {
      const kind = freshKind();
      const epochs = [13, 4, 21, 8, 17, 2, 25, 11, 19, 6, 23, 15];
      const results = await Promise.all(
        epochs.flatMap((epoch) =>
          ['a', 'b', 'c'].map((id) => store.save([{ kind, id, epoch, version: 1, doc: { epoch } }])),
        ),
      );
      expect(results.flat().some((result) => result.ok)).toBe(true);
      const loaded = await store.load(['a', 'b', 'c'].map((id) => ({ kind, id, epoch: 25 })));
      expect(loaded).toEqual(['a', 'b', 'c'].map(() => ({ ok: true, doc: { epoch: 25 }, version: 1 })));
    });

    it('refuses work once closed', async () => {
      const closing = await open();
      await closing.close();
      await expect(closing.save([{ kind: 'K', id: 'x', epoch: 1, version: 1, doc: 1 }])).rejects.toBeInstanceOf(
        StoreUnavailableError,
      );
      await expect(closing.load([{ kind: 'K', id: 'x', epoch: 1 }])).rejects.toBeInstanceOf(StoreUnavailableError);
    });
  });
}
