// When each client of a draining gate should reconnect (MIGRATE.retryAfterMs): spread evenly over the window so
// the gates that take them over see a ramp, not a spike. Pure.

/** `count` delays in [0, spreadMs), evenly spaced, in connection order. */
export function spreadRetryDelays(count: number, spreadMs: number): number[] {
  const delays = new Array<number>(count);
  for (let i = 0; i < count; i++) delays[i] = Math.floor((i * spreadMs) / count);
  return delays;
}
