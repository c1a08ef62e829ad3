// Table test of the reconnect delay: doubling per attempt, capped, jittered between half and all of the cap.
import { describe, expect, it } from '@jest/globals';
import { reconnectDelayMs } from './reconnect-backoff.ts';

describe('reconnectDelayMs', () => {
  const cases = [
    { desc: 'first attempt, no jitter', attempt: 0, random: 0, want: 125 },
    { desc: 'first attempt, most jitter', attempt: 0, random: 0.999, want: 250 },
    { desc: 'third attempt doubles twice', attempt: 2, random: 0.5, want: 750 },
    { desc: 'capped at the maximum', attempt: 10, random: 0, want: 5_000 },
    { desc: 'huge attempt stays capped', attempt: 5_000, random: 0.999, want: 9_995 },
  ];
  it.each(cases)('$desc', ({ attempt, random, want }) => {
    expect(reconnectDelayMs(attempt, 250, 10_000, random)).toBe(want);
  });
});
