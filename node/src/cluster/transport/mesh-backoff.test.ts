// Table tests of the reconnect delay: doubling from the initial delay, capped, jittered within the upper half.
import { describe, expect, it } from '@jest/globals';
import { reconnectDelayMs } from './mesh-backoff.ts';

describe('reconnectDelayMs', () => {
  it.each([
    { desc: 'first retry, least jitter', attempt: 1, random: 0, want: 25 },
    { desc: 'first retry, most jitter', attempt: 1, random: 1, want: 50 },
    { desc: 'doubles per attempt', attempt: 3, random: 1, want: 200 },
    { desc: 'half-way jitter', attempt: 3, random: 0.5, want: 150 },
    { desc: 'capped at the max', attempt: 10, random: 1, want: 2000 },
    { desc: 'cap holds for huge attempts', attempt: 10_000, random: 0, want: 1000 },
    { desc: 'attempt 0 counts as the first', attempt: 0, random: 1, want: 50 },
  ])('$desc', ({ attempt, random, want }) => {
    expect(reconnectDelayMs(attempt, 50, 2000, random)).toBe(want);
  });
});
