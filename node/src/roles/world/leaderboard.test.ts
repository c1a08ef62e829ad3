// Leaderboards on a real cluster: scores spread over the shards, top merges them in rank order, rank counts the
// higher scores on every shard (ties share a rank), a new submission replaces the old score, bad input is refused,
// and the scores survive their shards moving to another node.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { GameclusterError } from '../../errors/index.ts';
import { InvalidLeaderboardInputError } from './errors.ts';
import {
  type LeaderboardEntry,
  leaderboardRank,
  leaderboardRemove,
  leaderboardSubmit,
  leaderboards,
  leaderboardTop,
} from './leaderboard.ts';
import { LEADERBOARD_SHARDS, leaderboardShardId, leaderboardShardOf } from './leaderboard-rules.ts';
import { startWorldCluster, type WorldTestCluster } from './testing-world.ts';

let cluster: WorldTestCluster;

beforeAll(async () => {
  cluster = await startWorldCluster();
});

afterAll(async () => {
  await cluster.stop();
});

/** The expected board: sorted by score, ties by id, ranked 1 + players strictly above. */
function model(scores: Map<string, number>): LeaderboardEntry[] {
  const sorted = [...scores].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1));
  return sorted.map(([playerId, score]) => ({
    playerId,
    score,
    rank: 1 + sorted.filter(([, other]) => other > score).length,
    name: `name-${playerId}`,
  }));
}

describe('leaderboardShardOf', () => {
  it('is stable and spreads player ids over every shard', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 200; i++) {
      const shard = leaderboardShardOf(`player-${i}`);
      expect(shard).toBe(leaderboardShardOf(`player-${i}`));
      expect(shard).toBeGreaterThanOrEqual(0);
      expect(shard).toBeLessThan(LEADERBOARD_SHARDS);
      seen.add(shard);
    }
    expect(seen.size).toBe(LEADERBOARD_SHARDS);
  });
});

describe('leaderboards', () => {
  it('merges every shard for top and rank, with shared ranks for ties', async () => {
    const system = cluster.gateNode.system;
    const scores = new Map<string, number>();
    for (let i = 0; i < 60; i++) scores.set(`p${i}`, (i * 37) % 25); // many ties
    await Promise.all([...scores].map(([id, score]) => leaderboardSubmit(system, 'merge', id, score, `name-${id}`)));
    const shards = new Set([...scores.keys()].map(leaderboardShardOf));
    expect(shards.size).toBeGreaterThan(4);

    const want = model(scores);
    expect(await leaderboardTop(system, 'merge', 10)).toEqual(want.slice(0, 10));
    expect(await leaderboardTop(system, 'merge', 100)).toEqual(want);
    for (const id of ['p0', 'p1', 'p7', 'p24', 'p59']) {
      const entry = want.find((e) => e.playerId === id)!;
      expect(await leaderboardRank(system, 'merge', id)).toEqual({
        board: 'merge',
        playerId: id,
        rank: entry.rank,
        score: entry.score,
        players: 60,
      });
    }
    expect(await leaderboardRank(system, 'merge', 'nobody')).toBeNull();
  });

  it('replaces a score on resubmission and forgets removed players', async () => {
    const boards = leaderboards(cluster.gateNode.system);
    await boards.submit('replace', 'a', 10);
    await boards.submit('replace', 'b', 20);
    await boards.submit('replace', 'c', 30);
    expect((await boards.rank('replace', 'a'))?.rank).toBe(3);
    await boards.submit('replace', 'a', 25);
    expect(await boards.rank('replace', 'a')).toMatchObject({ rank: 2, score: 25, players: 3 });
    expect((await boards.top('replace', 3)).map((e) => [e.rank, e.playerId, e.name])).toEqual([
      [1, 'c', null],
      [2, 'a', null],
      [3, 'b', null],
    ]);
    expect(await leaderboardRemove(cluster.gateNode.system, 'replace', 'c')).toBe(true);
    expect(await leaderboardRemove(cluster.gateNode.system, 'replace', 'c')).toBe(false);
    expect(await boards.rank('replace', 'a')).toMatchObject({ rank: 1, players: 2 });
  });

  it('refuses bad boards, scores and counts with InvalidLeaderboardInputError', async () => {
    const system = cluster.gateNode.system;
    const attempts: Promise<unknown>[] = [
      leaderboardSubmit(system, 'Bad Board', 'p', 1),
      leaderboardSubmit(system, 'ok', 'p', Number.NaN),
      leaderboardSubmit(system, 'ok', 'p', 1e16),
      leaderboardSubmit(system, 'ok', '', 1),
      leaderboardTop(system, 'ok', 0),
      leaderboardTop(system, 'ok', 101),
      leaderboardTop(system, 'ok', 2.5),
      leaderboardRank(system, '', 'p'),
    ];
    for (const attempt of attempts) {
      const error = await attempt.then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(InvalidLeaderboardInputError);
      expect((error as GameclusterError).code).toBe('GC_ERR_INVALID_LEADERBOARD_INPUT');
    }
  });

  it('keeps its scores when the shards move to another node', async () => {
    const system = cluster.gateNode.system;
    for (let i = 0; i < 20; i++) await leaderboardSubmit(system, 'durable', `d${i}`, i);
    const before = await leaderboardTop(system, 'durable', 20);
    const hosts = new Set(
      Array.from({ length: LEADERBOARD_SHARDS }, (_, s) =>
        cluster.hostOf('LeaderboardShard', leaderboardShardId('durable', s)),
      ),
    );
    const victim = [...hosts].find((node) => node !== undefined)!;
    await cluster.stopNode(victim);
    expect(await leaderboardTop(system, 'durable', 20)).toEqual(before);
    expect(await leaderboardRank(system, 'durable', 'd19')).toMatchObject({ rank: 1, players: 20 });
  });
});
