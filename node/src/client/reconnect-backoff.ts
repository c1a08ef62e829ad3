// How long to wait before reconnect attempt `attempt` (0-based): exponential backoff with "equal jitter", so a
// gate that drops thousands of clients at once is not hit by all of them at the same instant.

/** Between half and all of min(maxMs, baseMs * 2^attempt); `random` is in [0, 1). */
export function reconnectDelayMs(attempt: number, baseMs: number, maxMs: number, random: number): number {
  const cap = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 30));
  return Math.round(cap / 2 + (cap / 2) * random);
}
