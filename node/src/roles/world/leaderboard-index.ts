// One leaderboard shard's scores in rank order, in memory: a sorted array (score descending, then player id
// ascending, so ties have a stable order) beside a map of each player's score. Rebuilt from the saved scores when
// the shard activates. Pure data structure: inserts and removals are a binary search plus a splice.

export interface ScoredPlayer {
  readonly playerId: string;
  readonly score: number;
}

export class ScoreIndex {
  private readonly sorted: ScoredPlayer[] = [];
  private readonly scores = new Map<string, number>();

  get size(): number {
    return this.sorted.length;
  }

  score(playerId: string): number | undefined {
    return this.scores.get(playerId);
  }

  /** Sets the player's score (replacing the old one). */
  set(playerId: string, score: number): void {
    this.remove(playerId);
    const entry = { playerId, score };
    this.sorted.splice(this.positionOf(entry), 0, entry);
    this.scores.set(playerId, score);
  }

  /** Removes the player; false when it had no score. */
  remove(playerId: string): boolean {
    const score = this.scores.get(playerId);
    if (score === undefined) return false;
    this.sorted.splice(this.positionOf({ playerId, score }), 1);
    this.scores.delete(playerId);
    return true;
  }

  /** The first `n` in rank order. */
  top(n: number): ScoredPlayer[] {
    return this.sorted.slice(0, n);
  }

  /** Players whose score is strictly higher than `score`. */
  countAbove(score: number): number {
    let low = 0;
    let high = this.sorted.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.sorted[mid]!.score > score) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** Where `entry` is or would go: the first position not ranked before it. */
  private positionOf(entry: ScoredPlayer): number {
    let low = 0;
    let high = this.sorted.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (ranksBefore(this.sorted[mid]!, entry)) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}

/** The rank order: higher score first; equal scores by player id. */
export function ranksBefore(a: ScoredPlayer, b: ScoredPlayer): boolean {
  return a.score > b.score || (a.score === b.score && a.playerId < b.playerId);
}

/** Sort comparator of the rank order. */
export function compareRank(a: ScoredPlayer, b: ScoredPlayer): number {
  if (a.score !== b.score) return b.score - a.score;
  return a.playerId < b.playerId ? -1 : a.playerId > b.playerId ? 1 : 0;
}
