// MIGRATE.retryAfterMs of a draining gate's clients: evenly spread, in connection order.
import { describe, expect, it } from '@jest/globals';
import { spreadRetryDelays } from './drain-spread.ts';

describe('spreadRetryDelays', () => {
  const cases: { count: number; spreadMs: number; want: number[] }[] = [
    { count: 0, spreadMs: 1000, want: [] },
    { count: 1, spreadMs: 1000, want: [0] },
    { count: 4, spreadMs: 1000, want: [0, 250, 500, 750] },
    { count: 3, spreadMs: 100, want: [0, 33, 66] },
    { count: 3, spreadMs: 0, want: [0, 0, 0] },
  ];
  it.each(cases)('$count clients over $spreadMs ms', ({ count, spreadMs, want }) => {
    expect(spreadRetryDelays(count, spreadMs)).toEqual(want);
  });
});
