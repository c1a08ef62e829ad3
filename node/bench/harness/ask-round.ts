// The measurement loop shared by the ask benchmarks: batches of one ask to each of 1000 actors, awaited together.
// As in tell-round.ts, each side has its own copy of the loop so its `ask(i, x)` call site stays monomorphic.
import { collectGarbage } from './options.ts';

export const ASK_ACTORS = 1000;
// Untimed batches after the forced GC: right after a full GC the runtime runs measurably slower for a while,
// and a server never sees forced full GCs, so the timed part is steady state (both sides get the same).
const WARM_BATCHES = 30;

export type Ask = (actor: number, x: number) => Promise<unknown>;

/** Asks/s for `total` asks sent by `ask(actor, x)`; the handler doubles x, which the checksum verifies. */
export async function runtimeAskRound(total: number, ask: Ask): Promise<number> {
  const pending = new Array<Promise<unknown>>(ASK_ACTORS);
  collectGarbage();
  for (let b = 0; b < WARM_BATCHES; b++) {
    for (let i = 0; i < ASK_ACTORS; i++) pending[i] = ask(i, i);
    await Promise.all(pending);
  }
  let checksum = 0;
  const start = performance.now();
  for (let sent = 0; sent < total; sent += ASK_ACTORS) {
    for (let i = 0; i < ASK_ACTORS; i++) pending[i] = ask(i, i);
    checksum += ((await Promise.all(pending)) as number[])[ASK_ACTORS - 1]!;
  }
  return rateOf(total, start, checksum);
}

/** runtimeAskRound's twin for the naive baseline (same body, its own call site). */
export async function naiveAskRound(total: number, ask: Ask): Promise<number> {
  const pending = new Array<Promise<unknown>>(ASK_ACTORS);
  collectGarbage();
  for (let b = 0; b < WARM_BATCHES; b++) {
    for (let i = 0; i < ASK_ACTORS; i++) pending[i] = ask(i, i);
    await Promise.all(pending);
  }
  let checksum = 0;
  const start = performance.now();
  for (let sent = 0; sent < total; sent += ASK_ACTORS) {
    for (let i = 0; i < ASK_ACTORS; i++) pending[i] = ask(i, i);
    checksum += ((await Promise.all(pending)) as number[])[ASK_ACTORS - 1]!;
  }
  return rateOf(total, start, checksum);
}

function rateOf(total: number, start: number, checksum: number): number {
  const rate = total / ((performance.now() - start) / 1000);
  if (checksum !== (total / ASK_ACTORS) * (ASK_ACTORS - 1) * 2) throw new Error(`wrong answers: checksum ${checksum}`);
  return rate;
}

/** Best rate of each side over `rounds` alternating rounds (neither gets the quieter machine), after a warm-up. */
export async function compareAskRounds(
  rounds: number,
  total: number,
  runtime: Ask,
  baseline: Ask,
): Promise<{ value: number; baselineValue: number }> {
  await runtimeAskRound(total, runtime);
  await naiveAskRound(total, baseline);
  let value = 0;
  let baselineValue = 0;
  for (let i = 0; i < rounds; i++) {
    value = Math.max(value, await runtimeAskRound(total, runtime));
    baselineValue = Math.max(baselineValue, await naiveAskRound(total, baseline));
  }
  return { value, baselineValue };
}
