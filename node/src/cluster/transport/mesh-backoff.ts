// Reconnect delays of a dialer: exponential from reconnectInitialMs, capped at reconnectMaxMs, with jitter so
// the nodes that lost the same peer do not all dial it in the same millisecond. Pure: the random draw is passed in.

/**
 * Delay before reconnect attempt `attempt` (1 = first retry): a uniform draw from the upper half of
 * min(max, initial * 2^(attempt-1)), so it never falls below half the nominal delay.
 */
export function reconnectDelayMs(attempt: number, initialMs: number, maxMs: number, random: number): number {
  const nominal = Math.min(maxMs, initialMs * 2 ** Math.min(Math.max(attempt - 1, 0), 30));
  return Math.round(nominal / 2 + (nominal / 2) * random);
}
