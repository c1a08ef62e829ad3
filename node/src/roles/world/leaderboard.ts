// Leaderboards as plain functions any server code can call with a ref maker (an actor's `this.ctx`, or an
// ActorSystem): submit writes to the player's shard; top merges every shard's top n; rank counts the players
// with a strictly higher score across all shards. Ties share a rank (1, 2, 2, 4); top lists tied players by id.
import type { RefMaker } from '../../gate/index.ts';
import { compareRank } from './leaderboard-index.ts';
import {
  checkBoard,
  checkLeaderboardPlayer,
  checkScore,
  checkTopCount,
  DEFAULT_TOP,
  LEADERBOARD_SHARDS,
  leaderboardShardId,
  leaderboardShardOf,
} from './leaderboard-rules.ts';
import { LeaderboardShard, type ShardEntry } from './leaderboard-shard.ts';

export interface LeaderboardEntry {
  /** 1 + the players with a strictly higher score. */
  readonly rank: number;
  readonly playerId: string;
  readonly score: number;
  /** The name the player submitted with its score, if any. */
  readonly name: string | null;
}

export interface LeaderboardRank {
  readonly board: string;
  readonly playerId: string;
  readonly rank: number;
  readonly score: number;
  /** Players on the board. */
  readonly players: number;
}

/** Sets `playerId`'s score on `board` (the last submission wins; `name` is shown beside it in top lists). */
export async function leaderboardSubmit(
  refs: RefMaker,
  board: string,
  playerId: string,
  score: number,
  name?: string,
): Promise<void> {
  checkBoard(board);
  checkLeaderboardPlayer(playerId);
  checkScore(score);
  return shardRef(refs, board, leaderboardShardOf(playerId)).submit(playerId, score, name ?? null);
}

/** Removes `playerId` from `board`; false when it had no score there. */
export async function leaderboardRemove(refs: RefMaker, board: string, playerId: string): Promise<boolean> {
  checkBoard(board);
  checkLeaderboardPlayer(playerId);
  return shardRef(refs, board, leaderboardShardOf(playerId)).remove(playerId);
}

/** The first `n` (1-100, default 10) of `board` in rank order. */
export async function leaderboardTop(refs: RefMaker, board: string, n = DEFAULT_TOP): Promise<LeaderboardEntry[]> {
  checkBoard(board);
  checkTopCount(n);
  const lists = await Promise.all(allShards((shard) => shardRef(refs, board, shard).top(n)));
  return rankEntries(lists.flat().sort(compareRank).slice(0, n));
}

/** Where `playerId` stands on `board`, or null when it has no score there. */
export async function leaderboardRank(
  refs: RefMaker,
  board: string,
  playerId: string,
): Promise<LeaderboardRank | null> {
  checkBoard(board);
  checkLeaderboardPlayer(playerId);
  const score = await shardRef(refs, board, leaderboardShardOf(playerId)).scoreOf(playerId);
  if (score === null) return null;
  const standings = await Promise.all(allShards((shard) => shardRef(refs, board, shard).standing(score)));
  let above = 0;
  let players = 0;
  for (const standing of standings) {
    above += standing.above;
    players += standing.players;
  }
  return { board, playerId, rank: above + 1, score, players };
}

/** The three calls bound to one ref maker: `leaderboards(this.ctx).top('rating', 10)`. */
export function leaderboards(refs: RefMaker): {
  submit(board: string, playerId: string, score: number, name?: string): Promise<void>;
  top(board: string, n?: number): Promise<LeaderboardEntry[]>;
  rank(board: string, playerId: string): Promise<LeaderboardRank | null>;
} {
  return {
    submit: (board, playerId, score, name) => leaderboardSubmit(refs, board, playerId, score, name),
    top: (board, n) => leaderboardTop(refs, board, n),
    rank: (board, playerId) => leaderboardRank(refs, board, playerId),
  };
}

/** Ranks a list already in rank order that holds everyone above its last entry: ties share the first tie's rank. */
export function rankEntries(sorted: readonly ShardEntry[]): LeaderboardEntry[] {
  const ranked: LeaderboardEntry[] = [];
  for (const [i, entry] of sorted.entries()) {
    const previous = ranked[i - 1];
    const rank = previous !== undefined && previous.score === entry.score ? previous.rank : i + 1;
    ranked.push({ rank, playerId: entry.playerId, score: entry.score, name: entry.name });
  }
  return ranked;
}

function shardRef(refs: RefMaker, board: string, shard: number) {
  return refs.ref(LeaderboardShard, leaderboardShardId(board, shard));
}

function allShards<T>(each: (shard: number) => Promise<T>): Promise<T>[] {
  return Array.from({ length: LEADERBOARD_SHARDS }, (_, shard) => each(shard));
}
