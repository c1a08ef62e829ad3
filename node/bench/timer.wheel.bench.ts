// Benchmark `timer.wheel`: schedule + cancel of 1,000,000 timers on the process timing wheel vs Node's
// setTimeout + clearTimeout with the same delays, in the same run (DESIGN §7). Every ask deadline pays this cost.
import { performance } from 'node:perf_hooks';
import { TimerEntry } from '../src/timer/timer-entry.ts';
import type { TimerHandle } from '../src/timer/timer-handle.ts';
import { TimingWheel } from '../src/timer/timing-wheel.ts';
import { benchOptionsFromArgv, bestOf, collectGarbage } from './harness/options.ts';
import { emitFigure, log } from './harness/report.ts';

const TIMERS = 1_000_000;
const WARMUP_TIMERS = 200_000;
const MIN_DELAY_MS = 1;
const MAX_DELAY_MS = 10 * 60_000;

const { quick } = benchOptionsFromArgv();
const rounds = quick ? 5 : 9;

/** Log-uniform delays from 1 ms to 10 min (deterministic), so every level of the wheel is used. */
function makeDelays(count: number): Int32Array {
  const delays = new Int32Array(count);
  const span = Math.log(MAX_DELAY_MS / MIN_DELAY_MS);
  let seed = 0x2545f491;
  for (let i = 0; i < count; i++) {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    delays[i] = Math.round(MIN_DELAY_MS * Math.exp((seed / 2 ** 32) * span));
  }
  return delays;
}

const noop = (): void => {};

/** Pairs per second: allocate a handle per timer with wheel.setTimeout, then cancel them all. */
function wheelPairsPerSecond(wheel: TimingWheel, delays: Int32Array): number {
  const handles: TimerHandle[] = new Array(delays.length);
  const start = performance.now();
  for (let i = 0; i < delays.length; i++) handles[i] = wheel.setTimeout(noop, delays[i]!);
  for (let i = 0; i < delays.length; i++) handles[i]!.cancel();
  return delays.length / ((performance.now() - start) / 1000);
}

/** Same with Node's timers. */
function nodePairsPerSecond(delays: Int32Array): number {
  const handles: NodeJS.Timeout[] = new Array(delays.length);
  const start = performance.now();
  for (let i = 0; i < delays.length; i++) handles[i] = setTimeout(noop, delays[i]!);
  for (let i = 0; i < delays.length; i++) clearTimeout(handles[i]);
  return delays.length / ((performance.now() - start) / 1000);
}

/** Pre-allocated intrusive entries (how ask deadlines use the wheel): the extra figure, not the headline. */
function intrusivePairsPerSecond(wheel: TimingWheel, entries: TimerEntry[], delays: Int32Array): number {
  const start = performance.now();
  for (let i = 0; i < delays.length; i++) wheel.schedule(entries[i]!, delays[i]!);
  for (let i = 0; i < delays.length; i++) wheel.cancel(entries[i]!);
  return delays.length / ((performance.now() - start) / 1000);
}

/** One measured round: starts from a collected heap and logs its figure. */
function measured(label: string, fn: () => number): () => number {
  return () => {
    collectGarbage();
    const pairsPerSecond = fn();
    log(`  ${label}: ${Math.round(pairsPerSecond)} pairs/s`);
    return pairsPerSecond;
  };
}

const delays = makeDelays(TIMERS);
const warmupDelays = makeDelays(WARMUP_TIMERS);
const wheel = new TimingWheel();
const entries = Array.from({ length: TIMERS }, () => new TimerEntry());

log(`timer.wheel: ${TIMERS} timers, delays ${MIN_DELAY_MS} ms – ${MAX_DELAY_MS / 60_000} min, best of ${rounds}`);
// Small rounds get the code optimised; one full round each lets the GC settle its sizing and pretenuring for the
// allocation sites of both sides before anything is measured.
for (let i = 0; i < 3; i++) {
  wheelPairsPerSecond(wheel, warmupDelays);
  nodePairsPerSecond(warmupDelays);
  intrusivePairsPerSecond(wheel, entries, warmupDelays);
}
wheelPairsPerSecond(wheel, delays);
nodePairsPerSecond(delays);
intrusivePairsPerSecond(wheel, entries, delays);

const wheelBest = await bestOf(
  rounds,
  measured('wheel.setTimeout + cancel', () => wheelPairsPerSecond(wheel, delays)),
);
const nodeBest = await bestOf(
  rounds,
  measured('setTimeout + clearTimeout', () => nodePairsPerSecond(delays)),
);
const intrusiveBest = await bestOf(
  rounds,
  measured('wheel.schedule + cancel (pre-allocated)', () => intrusivePairsPerSecond(wheel, entries, delays)),
);
wheel.stop();

emitFigure({
  bench: 'timer.wheel',
  value: wheelBest,
  unit: 'schedule+cancel pairs/s',
  baseline: 'setTimeout+clearTimeout pairs/s',
  baselineValue: nodeBest,
  better: 'higher',
  requiredRatio: 5,
  timers: TIMERS,
  intrusivePairsPerSecond: Math.round(intrusiveBest),
});
