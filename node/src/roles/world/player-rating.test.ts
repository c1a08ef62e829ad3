// Table tests of the Elo update.
import { describe, expect, it } from '@jest/globals';
import { type MatchOutcome, nextRating } from './player-rating.ts';

describe('nextRating', () => {
  const cases: { desc: string; rating: number; outcome: MatchOutcome; want: number }[] = [
    { desc: 'a win against an equal gains K/2', rating: 1000, outcome: { won: true }, want: 1016 },
    { desc: 'a loss against an equal costs K/2', rating: 1000, outcome: { won: false }, want: 984 },
    { desc: 'a draw against an equal changes nothing', rating: 1000, outcome: { won: false, draw: true }, want: 1000 },
    {
      desc: 'beating a much stronger opponent gains almost K',
      rating: 1000,
      outcome: { won: true, opponentRating: 1400 },
      want: 1029,
    },
    {
      desc: 'beating a much weaker opponent gains little',
      rating: 1400,
      outcome: { won: true, opponentRating: 1000 },
      want: 1403,
    },
    { desc: 'never below zero', rating: 5, outcome: { won: false, opponentRating: 0 }, want: 0 },
  ];
  it.each(cases)('$desc', ({ rating, outcome, want }) => {
    expect(nextRating(rating, outcome)).toBe(want);
  });
});
