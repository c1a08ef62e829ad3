// The measurement loop shared by the tell benchmarks: batches of 10 messages to each of 1000 actors (10k in
// flight), completion counted by the handlers, so both sides are measured at work rather than at keeping a
// million-message backlog alive through the garbage collector.
import { collectGarbage } from './options.ts';

export const TELL_ACTORS = 1000;
export const TELL_BATCH = TELL_ACTORS * 10;

let handled = 0;
let target = 0;
let done: () => void = () => {};

/** Called by every benchmark handler once per message. */
export function countHandled(): void {
  if (++handled === target) done();
}

/** Messages per second for `total` messages sent by `send(i)` in batches of TELL_BATCH. */
export async function tellRound(total: number, send: (i: number) => void): Promise<number> {
  collectGarbage();
  const start = performance.now();
  for (let sent = 0; sent < total; sent += TELL_BATCH) {
    handled = 0;
    target = TELL_BATCH;
    const batch = new Promise<void>((resolve) => {
      done = resolve;
    });
    for (let i = 0; i < TELL_BATCH; i++) send(i);
    await batch;
  }
  return total / ((performance.now() - start) / 1000);
}
