// The measurement loop shared by the tell benchmarks: batches of 10 messages to each of 1000 actors (10k in
// flight), completion counted by the handlers, so both sides are measured at work rather than at keeping a
// million-message backlog alive through the garbage collector.
import { collectGarbage } from './options.ts';
import { emitFigure, log } from './report.ts';

export const TELL_ACTORS = 1000;
export const TELL_BATCH = TELL_ACTORS * 10;

let handled = 0;
let target = 0;
let done: () => void = () => {};

/** Called by every benchmark handler once per message. */
export function countHandled(): void {
  if (++handled === target) done();
}

/**
 * Messages per second for `total` messages sent by `send(i)` in batches of TELL_BATCH. There is one copy of
 * this loop per side (runtimeTellRound, naiveTellRound) so each `send(i)` call site stays monomorphic: a
 * shared one sees both sides' closures, goes polymorphic and deoptimizes when the side changes, which costs
 * both sides the same time per message and so drags the ratio toward 1, and adds noise between processes.
 */
export async function runtimeTellRound(total: number, send: (i: number) => void): Promise<number> {
  const start = startRound();
  for (let sent = 0; sent < total; sent += TELL_BATCH) {
    const batch = startBatch();
    for (let i = 0; i < TELL_BATCH; i++) send(i);
    await batch;
  }
  return total / ((performance.now() - start) / 1000);
}

/** runtimeTellRound's twin for the naive baseline (same body, its own call site). */
export async function naiveTellRound(total: number, send: (i: number) => void): Promise<number> {
  const start = startRound();
  for (let sent = 0; sent < total; sent += TELL_BATCH) {
    const batch = startBatch();
    for (let i = 0; i < TELL_BATCH; i++) send(i);
    await batch;
  }
  return total / ((performance.now() - start) / 1000);
}

function startRound(): number {
  collectGarbage();
  return performance.now();
}

function startBatch(): Promise<void> {
  handled = 0;
  target = TELL_BATCH;
  return new Promise<void>((resolve) => {
    done = resolve;
  });
}

/**
 * Warms both sides, alternates `rounds` rounds so neither gets the quieter machine, and prints the best of each
 * as one figure named `bench`.
 */
export async function reportTellComparison(
  bench: string,
  handler: string,
  rounds: number,
  runtimeRound: () => Promise<number>,
  naiveRound: () => Promise<number>,
): Promise<void> {
  await runtimeRound();
  await naiveRound();
  let value = 0;
  let baselineValue = 0;
  for (let i = 0; i < rounds; i++) {
    value = Math.max(value, await runtimeRound());
    baselineValue = Math.max(baselineValue, await naiveRound());
  }
  log(`${bench}: ${TELL_ACTORS} actors, ${TELL_BATCH} messages in flight, best of ${rounds}`);
  emitFigure({
    bench,
    value,
    unit: 'msgs/s',
    baseline: 'naive per-actor array queue, async loop with one await per message',
    baselineValue,
    better: 'higher',
    handler,
    actors: TELL_ACTORS,
    inFlight: TELL_BATCH,
  });
}
