// The Elo rating update of a finished match, pure. Without an opponent rating the opponent is taken to be as
// strong as the player (expected score 0.5), so a win gains K/2 and a loss costs K/2.

/** How far one match moves a rating. */
export const RATING_K = 32;

export interface MatchOutcome {
  readonly won: boolean;
  readonly draw?: boolean;
  /** The opponents' (average) rating; default: the player's own. */
  readonly opponentRating?: number;
}

/** The rating after `outcome`: whole, never below 0. */
export function nextRating(rating: number, outcome: MatchOutcome, k = RATING_K): number {
  const opponent = outcome.opponentRating ?? rating;
  const expected = 1 / (1 + 10 ** ((opponent - rating) / 400));
  const actual = outcome.draw === true ? 0.5 : outcome.won ? 1 : 0;
  return Math.max(0, Math.round(rating + k * (actual - expected)));
}
