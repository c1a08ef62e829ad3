// Property: for any sequence of mutations of an actor's state, with saves at arbitrary points, what the store holds
// after the last save equals the in-memory document — through the real document codec and store statements
// (the memory store, and PGlite with the same SQL as PostgreSQL).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { StateStore } from '../state-store.ts';
import { MemoryStateStore, PGliteStateStore } from '../stores/index.ts';
import { Persistence, type PersistentTarget } from './persistence.ts';
import { DirectBackend } from './state-backend.ts';

interface Player {
  gold: number;
  name: string;
  inventory: string[];
  items: Map<string, { count: number }>;
  tags: Set<string>;
  stats: { moves: number; last?: { x: number; y: number } };
}

const initial = (): Player => ({
  gold: 0,
  name: 'p',
  inventory: [],
  items: new Map(),
  tags: new Set(),
  stats: { moves: 0 },
});

type Step = (player: Player) => void;

const item = fc.constantFrom('sword', 'shield', 'potion', 'gem');
const step: fc.Arbitrary<{ apply: Step; save: boolean }> = fc
  .tuple(
    fc.oneof(
      fc.integer({ min: -50, max: 50 }).map(
        (n): Step =>
          (p) => {
            p.gold += n;
          },
      ),
      fc.string({ maxLength: 4 }).map(
        (s): Step =>
          (p) => {
            p.name = s;
          },
      ),
      item.map(
        (i): Step =>
          (p) => {
            p.inventory.push(i);
          },
      ),
      fc.nat({ max: 5 }).map(
        (at): Step =>
          (p) => {
            p.inventory.splice(at, 1);
          },
      ),
      fc.tuple(item, fc.nat({ max: 9 })).map(
        ([i, count]): Step =>
          (p) => {
            p.items.set(i, { count });
          },
      ),
      item.map(
        (i): Step =>
          (p) => {
            const entry = p.items.get(i);
            if (entry !== undefined) entry.count++;
          },
      ),
      item.map(
        (i): Step =>
          (p) => {
            p.items.delete(i);
          },
      ),
      item.map(
        (i): Step =>
          (p) => {
            p.tags.add(i);
          },
      ),
      item.map(
        (i): Step =>
          (p) => {
            p.tags.delete(i);
          },
      ),
      fc.tuple(fc.integer(), fc.integer()).map(
        ([x, y]): Step =>
          (p) => {
            p.stats.moves++;
            p.stats.last = { x, y };
          },
      ),
      fc.constant<Step>((p) => {
        delete p.stats.last;
      }),
      fc.constant<Step>((p) => {
        p.inventory.sort();
      }),
    ),
    fc.boolean(),
  )
  .map(([apply, save]) => ({ apply, save }));

function target(id: string, epoch: number): PersistentTarget {
  return { state: initial(), ctx: { kind: 'Player', id, epoch, deactivate: () => {} } };
}

async function checkStore(store: StateStore, runs: number): Promise<void> {
  const service = new Persistence({ backend: new DirectBackend(store), flushIntervalMs: 60_000 });
  let n = 0;
  try {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 25 }), async (steps) => {
        const id = `p${n++}`;
        const mirror = initial();
        const actor = target(id, 10);
        await service.activate(actor);
        for (const { apply, save } of steps) {
          apply(actor.state as Player);
          apply(mirror);
          if (save) await service.persist(actor);
        }
        await service.deactivate(actor);
        const next = target(id, 11);
        await service.activate(next);
        expect(next.state).toEqual(mirror);
        const reloaded = next.state as Player;
        expect(reloaded.items).toBeInstanceOf(Map);
        expect(reloaded.tags).toBeInstanceOf(Set);
        await service.deactivate(next);
      }),
      { numRuns: runs },
    );
  } finally {
    service.stop();
  }
}

describe('saved document equals the in-memory document', () => {
  const pglite = new PGliteStateStore({});
  beforeAll(() => pglite.start(), 30_000);
  afterAll(() => pglite.close());

  it('through the memory store', async () => {
    await checkStore(new MemoryStateStore(), 150);
  });

  it('through PGlite (the PostgreSQL statements)', async () => {
    await checkStore(pglite, 40);
  }, 60_000);
});
