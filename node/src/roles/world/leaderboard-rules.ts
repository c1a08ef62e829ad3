// The fixed rules of leaderboards: how many shards a board has, which shard a player's score lives in (FNV-1a of
// the player id), the shard actor ids, and what board names, scores and counts are accepted. The shard count is
// part of where data lives: changing it moves players to other shards, so it is a constant, not an option.
import { InvalidLeaderboardInputError } from './errors.ts';
import { BOARD_NAME_PATTERN } from './world-options.ts';

export const LEADERBOARD_SHARDS = 8;
export const DEFAULT_TOP = 10;
export const MAX_TOP = 100;
/** Scores are kept exact: whole or fractional, within ±1e15. */
export const MAX_ABS_SCORE = 1e15;
const MAX_PLAYER_ID_LENGTH = 256;

/** The shard (0..LEADERBOARD_SHARDS-1) holding `playerId`'s scores on every board. */
export function leaderboardShardOf(playerId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < playerId.length; i++) {
    hash ^= playerId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % LEADERBOARD_SHARDS;
}

/** The actor id of shard `shard` of `board`. */
export function leaderboardShardId(board: string, shard: number): string {
  return `${board}:${shard}`;
}

export function checkBoard(board: unknown): string {
  if (typeof board !== 'string' || !BOARD_NAME_PATTERN.test(board)) {
    throw new InvalidLeaderboardInputError(`board must match ${BOARD_NAME_PATTERN}, got ${JSON.stringify(board)}`);
  }
  return board;
}

export function checkLeaderboardPlayer(playerId: unknown): string {
  if (typeof playerId !== 'string' || playerId.length === 0 || playerId.length > MAX_PLAYER_ID_LENGTH) {
    throw new InvalidLeaderboardInputError(`playerId must be 1-${MAX_PLAYER_ID_LENGTH} characters`);
  }
  return playerId;
}

export function checkScore(score: unknown): number {
  if (typeof score !== 'number' || !Number.isFinite(score) || Math.abs(score) > MAX_ABS_SCORE) {
    throw new InvalidLeaderboardInputError(`score must be a finite number within ±${MAX_ABS_SCORE}, got ${score}`);
  }
  return score;
}

export function checkTopCount(n: unknown): number {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > MAX_TOP) {
    throw new InvalidLeaderboardInputError(`n must be a whole number from 1 to ${MAX_TOP}, got ${String(n)}`);
  }
  return n;
}
