// Table tests of the ages `kubectl get` prints (apimachinery HumanDuration's thresholds).

import { describe, expect, it } from '@jest/globals';
import { humanDuration } from './human-duration.ts';

const s = 1000;
describe('humanDuration', () => {
  it.each([
    { ms: -5 * s, want: '<invalid>' },
    { ms: 0, want: '0s' },
    { ms: 119 * s, want: '119s' },
    { ms: 125 * s, want: '2m5s' },
    { ms: 180 * s, want: '3m' },
    { ms: 30 * 60 * s, want: '30m' },
    { ms: 4 * 3600 * s + 60 * s, want: '4h1m' },
    { ms: 20 * 3600 * s, want: '20h' },
    { ms: 3 * 86400 * s + 3600 * s, want: '3d1h' },
    { ms: 100 * 86400 * s, want: '100d' },
    { ms: 3 * 365 * 86400 * s, want: '3y' },
  ])('$ms ms is $want', ({ ms, want }) => {
    expect(humanDuration(ms)).toBe(want);
  });
});
