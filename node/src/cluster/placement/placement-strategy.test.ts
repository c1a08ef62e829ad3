// Tests of the placement strategies: least-loaded with pending placements between load updates, and random.
import { NoEligibleMemberError } from '../errors.ts';
import type { MemberInfo } from '../member.ts';
import { LeastLoadedPlacement } from './placement-least-loaded.ts';
import { RandomPlacement } from './placement-random.ts';

function member(id: string, load: number): MemberInfo {
  return { id, name: id, roles: ['zone'], address: '127.0.0.1:1', status: 'active', load, workerId: 0, joinedAt: 0 };
}

/** A deterministic sequence of numbers in [0, 1). */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

function countPicks(picks: readonly MemberInfo[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const m of picks) counts[m.id] = (counts[m.id] ?? 0) + 1;
  return counts;
}

describe('LeastLoadedPlacement', () => {
  it('picks the member with the lowest published load', () => {
    const strategy = new LeastLoadedPlacement();
    const candidates = [member('a', 30), member('b', 10), member('c', 20)];
    expect(strategy.pick(candidates, 'Scene', 's1').id).toBe('b');
  });

  it('spreads a burst between load updates by counting its own placements', () => {
    const strategy = new LeastLoadedPlacement({ random: seededRandom(1) });
    const candidates = [member('a', 0), member('b', 2), member('c', 5)];
    const picks = Array.from({ length: 8 }, (_, i) => strategy.pick(candidates, 'Scene', `s${i}`));
    // Levelled to 5 each (load + pending): a gets 5, b gets 3, c, already at 5, gets none.
    expect(countPicks(picks)).toEqual({ a: 5, b: 3 });
  });

  it('starts counting afresh when a member publishes a new load', () => {
    const strategy = new LeastLoadedPlacement({ random: seededRandom(2) });
    const before = [member('a', 0), member('b', 3)];
    for (let i = 0; i < 3; i++) expect(strategy.pick(before, 'Scene', `s${i}`).id).toBe('a');
    // a now counts 0 + 3 pending = 3, equal to b; a reports the 3 activations as load 3 (pending resets).
    const after = [member('a', 3), member('b', 3)];
    const counts = countPicks(Array.from({ length: 4 }, (_, i) => strategy.pick(after, 'Scene', `t${i}`)));
    expect(counts).toEqual({ a: 2, b: 2 });
  });

  it('breaks ties at random among the tied members only', () => {
    const strategy = new LeastLoadedPlacement({ random: seededRandom(3) });
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      // New load values every round, so pending counts reset and a, b, c stay tied below d.
      const candidates = [member('a', i), member('b', i), member('c', i), member('d', i + 1)];
      seen.add(strategy.pick(candidates, 'Scene', `s${i}`).id);
    }
    expect([...seen].sort()).toEqual(['a', 'b', 'c']);
  });

  it('rejects an empty candidate list with NoEligibleMemberError', () => {
    expect(() => new LeastLoadedPlacement().pick([], 'Scene', 's1')).toThrow(NoEligibleMemberError);
  });
});

describe('RandomPlacement', () => {
  it('picks every candidate, roughly uniformly', () => {
    const strategy = new RandomPlacement({ random: seededRandom(4) });
    const candidates = [member('a', 0), member('b', 0), member('c', 0), member('d', 0)];
    const counts = countPicks(Array.from({ length: 4000 }, (_, i) => strategy.pick(candidates, 'Scene', `s${i}`)));
    for (const id of ['a', 'b', 'c', 'd']) expect(counts[id]).toBeGreaterThan(850);
  });

  it('uses the given random source', () => {
    const candidates = [member('a', 0), member('b', 0), member('c', 0)];
    expect(new RandomPlacement({ random: () => 0.99 }).pick(candidates, 'Scene', 's1').id).toBe('c');
    expect(new RandomPlacement({ random: () => 0 }).pick(candidates, 'Scene', 's1').id).toBe('a');
  });

  it('rejects an empty candidate list with NoEligibleMemberError', () => {
    expect(() => new RandomPlacement().pick([], 'Scene', 's1')).toThrow(NoEligibleMemberError);
  });
});
