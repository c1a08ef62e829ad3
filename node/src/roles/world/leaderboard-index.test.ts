// The in-memory score index against a brute-force model: random sets and removals keep the same order and counts.
import { describe, expect, it } from '@jest/globals';
import { compareRank, ScoreIndex } from './leaderboard-index.ts';

describe('ScoreIndex', () => {
  it('orders by score descending, ties by player id', () => {
    const index = new ScoreIndex();
    index.set('c', 5);
    index.set('a', 5);
    index.set('b', 9);
    index.set('d', 1);
    expect(index.top(10)).toEqual([
      { playerId: 'b', score: 9 },
      { playerId: 'a', score: 5 },
      { playerId: 'c', score: 5 },
      { playerId: 'd', score: 1 },
    ]);
    expect(index.countAbove(5)).toBe(1);
    expect(index.countAbove(4)).toBe(3);
    expect(index.countAbove(9)).toBe(0);
  });

  it('replaces a score and removes players', () => {
    const index = new ScoreIndex();
    index.set('a', 1);
    index.set('b', 2);
    index.set('a', 3);
    expect(index.top(2).map((e) => e.playerId)).toEqual(['a', 'b']);
    expect(index.size).toBe(2);
    expect(index.remove('a')).toBe(true);
    expect(index.remove('a')).toBe(false);
    expect(index.top(5)).toEqual([{ playerId: 'b', score: 2 }]);
    expect(index.score('a')).toBeUndefined();
  });

  it('matches a brute-force model over random updates', () => {
    let seed = 42;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const index = new ScoreIndex();
    const model = new Map<string, number>();
    for (let step = 0; step < 3000; step++) {
      const playerId = `p${random(200)}`;
      if (random(5) === 0) {
        expect(index.remove(playerId)).toBe(model.delete(playerId));
      } else {
        const score = random(50) - 10;
        index.set(playerId, score);
        model.set(playerId, score);
      }
      if (step % 100 === 0) {
        const want = [...model].map(([id, score]) => ({ playerId: id, score })).sort(compareRank);
        expect(index.top(1000)).toEqual(want);
        const probe = random(60) - 15;
        expect(index.countAbove(probe)).toBe(want.filter((e) => e.score > probe).length);
      }
    }
  });
});
