// Failed admin-key checks per address: the limit within a window, its end, addresses apart, bounded memory.
import { describe, expect, it } from '@jest/globals';
import { AuthFailureWindow } from './auth-failure-window.ts';

describe('AuthFailureWindow', () => {
  it('blocks an address at its limit until its window ends, and says for how long', () => {
    const window = new AuthFailureWindow({ failuresPerWindow: 3, windowMs: 10_000 });
    for (let i = 0; i < 3; i++) {
      expect(window.blockedForSeconds('a', 1_000 + i)).toBe(0);
      window.recordFailure('a', 1_000 + i);
    }
    expect(window.blockedForSeconds('a', 1_003)).toBe(10);
    expect(window.blockedForSeconds('a', 10_500)).toBe(1);
    expect(window.blockedForSeconds('b', 1_003)).toBe(0);
    expect(window.blockedForSeconds('a', 11_000)).toBe(0);
    window.recordFailure('a', 11_000);
    expect(window.blockedForSeconds('a', 11_001)).toBe(0);
  });

  it('forgets expired windows and keeps at most maxTrackedAddresses', () => {
    const window = new AuthFailureWindow({ failuresPerWindow: 1, windowMs: 1_000, maxTrackedAddresses: 2 });
    window.recordFailure('a', 0);
    window.recordFailure('b', 10);
    window.recordFailure('c', 20);
    expect(window.trackedAddresses).toBe(2);
    expect(window.blockedForSeconds('a', 30)).toBe(0);
    expect(window.blockedForSeconds('c', 30)).toBe(1);
    window.recordFailure('d', 5_000);
    expect(window.trackedAddresses).toBe(1);
  });
});
