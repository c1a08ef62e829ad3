// One shard of one leaderboard (id `<board>:<shard>`): the scores of the players that hash to it, saved as a
// document, and a sorted in-memory index rebuilt from them on activation. leaderboard.ts merges the shards.
import type { KindOptions } from '../../actor/kind-options.ts';
import { PersistentActor } from '../../state/persistence/persistent-actor.ts';
import { InvalidLeaderboardInputError } from './errors.ts';
import { ScoreIndex } from './leaderboard-index.ts';
import { checkLeaderboardPlayer, checkScore, LEADERBOARD_SHARDS, MAX_TOP } from './leaderboard-rules.ts';
import { BOARD_NAME_PATTERN } from './world-options.ts';
import { WORLD_ROLE } from './world-role.ts';

export const LEADERBOARD_SHARD_KIND = 'LeaderboardShard';

export interface LeaderboardShardDocument {
  /** Score by player id. */
  scores: Map<string, number>;
  /** Display name by player id, as of the player's last submission (when it gave one). */
  names: Map<string, string>;
}

/** A shard's entry, before the merge gives it a rank. */
export interface ShardEntry {
  readonly playerId: string;
  readonly score: number;
  readonly name: string | null;
}

/** Where a score stands in one shard. */
export interface ShardStanding {
  /** Players with a strictly higher score. */
  readonly above: number;
  readonly players: number;
}

export const LEADERBOARD_SHARD_KIND_OPTIONS = {
  name: LEADERBOARD_SHARD_KIND,
  placement: 'directory',
  roles: [WORLD_ROLE],
} as const satisfies KindOptions;

const MAX_NAME_LENGTH = 64;

export class LeaderboardShard extends PersistentActor<LeaderboardShardDocument> {
  override state: LeaderboardShardDocument = { scores: new Map(), names: new Map() };
  #index = new ScoreIndex();

  override async onActivate(): Promise<void> {
    const colon = this.ctx.id.lastIndexOf(':');
    const board = this.ctx.id.slice(0, colon);
    const shard = Number(this.ctx.id.slice(colon + 1));
    if (colon < 0 || !BOARD_NAME_PATTERN.test(board) || !Number.isInteger(shard) || shard >= LEADERBOARD_SHARDS) {
      throw new InvalidLeaderboardInputError(
        `leaderboard shard ids are <board>:<0-${LEADERBOARD_SHARDS - 1}>, got ${JSON.stringify(this.ctx.id)}`,
      );
    }
    await super.onActivate();
    this.#index = new ScoreIndex();
    for (const [playerId, score] of this.state.scores) this.#index.set(playerId, score);
  }

  /** Sets the player's score (the last submission wins) and, when given, the name shown beside it. */
  submit(playerId: string, score: number, name?: string | null): void {
    checkLeaderboardPlayer(playerId);
    checkScore(score);
    this.state.scores.set(playerId, score);
    if (typeof name === 'string' && name.length > 0) this.state.names.set(playerId, name.slice(0, MAX_NAME_LENGTH));
    this.#index.set(playerId, score);
  }

  /** Removes the player from this board; false when it had no score. */
  remove(playerId: string): boolean {
    this.state.names.delete(playerId);
    if (!this.state.scores.delete(playerId)) return false;
    return this.#index.remove(playerId);
  }

  /** This shard's first `n` (at most MAX_TOP) in rank order. */
  top(n: number): ShardEntry[] {
    const count = Math.max(0, Math.min(MAX_TOP, Math.floor(n)));
    return this.#index.top(count).map((entry) => ({
      playerId: entry.playerId,
      score: entry.score,
      name: this.state.names.get(entry.playerId) ?? null,
    }));
  }

  /** The player's score here, or null. */
  scoreOf(playerId: string): number | null {
    return this.#index.score(playerId) ?? null;
  }

  /** How many players here score strictly higher than `score`, and how many there are. */
  standing(score: number): ShardStanding {
    checkScore(score);
    return { above: this.#index.countAbove(score), players: this.#index.size };
  }
}
