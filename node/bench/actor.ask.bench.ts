// actor.ask: ask round trips/s to 1000 actors (one ask to each per batch, awaited with Promise.all) against the
// naive promise-per-ask baseline running the same handler body. Every runtime ask also carries a deadline entry
// on the timing wheel (the baseline has none). Extras: `async` handlers, and closed-loop latency at low concurrency.
import { Actor, ActorSystem } from '../src/actor/index.ts';
import { NaiveActor } from './harness/naive-actor.ts';
import { benchOptionsFromArgv, collectGarbage } from './harness/options.ts';
import { emitFigure, log } from './harness/report.ts';

const options = benchOptionsFromArgv();
const ACTORS = 1000;
const asksPerRound = options.quick ? 500_000 : 1_000_000;
const rounds = options.quick ? 8 : 10;
const asyncRounds = options.quick ? 3 : 6;
const WARM_BATCHES = 30;
// Latency: LATENCY_CALLERS callers, each awaiting its own asks one after another (a closed loop).
const LATENCY_CALLERS = 10;
const latencyAsks = options.quick ? 100_000 : 300_000;

class Doubler extends Actor {
  double(x: number): number {
    return x * 2;
  }
}

class AsyncDoubler extends Actor {
  async double(x: number): Promise<number> {
    return x * 2;
  }
}

class PlainDoubler {
  double(x: number): number {
    return x * 2;
  }
}

class PlainAsyncDoubler {
  async double(x: number): Promise<number> {
    return x * 2;
  }
}

type Ask = (actor: number, x: number) => Promise<unknown>;

/**
 * Asks/s for `total` asks: batches of one ask to each of the ACTORS actors, each batch awaited. The forced GC
 * (so a round does not pay for the last) is followed by untimed batches: right after a full GC the runtime runs
 * measurably slower for a while, and a server never sees forced full GCs, so the timed part is steady state.
 */
async function askRound(total: number, ask: Ask): Promise<number> {
  collectGarbage();
  const pending = new Array<Promise<unknown>>(ACTORS);
  for (let b = 0; b < WARM_BATCHES; b++) {
    for (let i = 0; i < ACTORS; i++) pending[i] = ask(i, i);
    await Promise.all(pending);
  }
  let checksum = 0;
  const start = performance.now();
  for (let sent = 0; sent < total; sent += ACTORS) {
    for (let i = 0; i < ACTORS; i++) pending[i] = ask(i, i);
    const results = (await Promise.all(pending)) as number[];
    checksum += results[ACTORS - 1]!;
  }
  const rate = total / ((performance.now() - start) / 1000);
  if (checksum !== (total / ACTORS) * (ACTORS - 1) * 2) throw new Error(`wrong answers: checksum ${checksum}`);
  return rate;
}

/** Per-ask latency percentiles (ms) with LATENCY_CALLERS callers each keeping one ask outstanding. */
async function latency(total: number, ask: Ask): Promise<{ p50Ms: number; p99Ms: number }> {
  collectGarbage();
  const samples = new Float64Array(total);
  let next = 0;
  const caller = async (actor: number): Promise<void> => {
    while (next < total) {
      const at = next++;
      const start = performance.now();
      await ask(actor, at);
      samples[at] = performance.now() - start;
    }
  };
  await Promise.all(Array.from({ length: LATENCY_CALLERS }, (_, c) => caller(c)));
  samples.sort();
  return { p50Ms: samples[Math.floor(total * 0.5)]!, p99Ms: samples[Math.floor(total * 0.99)]! };
}

const system = new ActorSystem();
system.register(Doubler, { idleTimeoutMs: 0 });
system.register(AsyncDoubler, { idleTimeoutMs: 0 });
const refs = Array.from({ length: ACTORS }, (_, i) => system.ref(Doubler, `d${i}`));
const asyncRefs = Array.from({ length: ACTORS }, (_, i) => system.ref(AsyncDoubler, `d${i}`));
const naive = Array.from({ length: ACTORS }, () => new NaiveActor(new PlainDoubler()));
const naiveAsync = Array.from({ length: ACTORS }, () => new NaiveActor(new PlainAsyncDoubler()));

const runtimeAsk: Ask = (i, x) => refs[i]!.double(x);
const naiveAsk: Ask = (i, x) => naive[i]!.ask('double', x);
const runtimeAsyncAsk: Ask = (i, x) => asyncRefs[i]!.double(x);
const naiveAsyncAsk: Ask = (i, x) => naiveAsync[i]!.ask('double', x);

/** Best rate of each side over `n` alternating rounds (neither side gets the quieter machine), after a warm-up. */
async function compare(n: number, runtime: Ask, baseline: Ask): Promise<[number, number]> {
  await askRound(asksPerRound, runtime);
  await askRound(asksPerRound, baseline);
  let value = 0;
  let baselineValue = 0;
  for (let i = 0; i < n; i++) {
    value = Math.max(value, await askRound(asksPerRound, runtime));
    baselineValue = Math.max(baselineValue, await askRound(asksPerRound, baseline));
  }
  return [value, baselineValue];
}

const [value, baselineValue] = await compare(rounds, runtimeAsk, naiveAsk);
const [asyncValue, asyncBaselineValue] = await compare(asyncRounds, runtimeAsyncAsk, naiveAsyncAsk);
await latency(latencyAsks / 4, runtimeAsk);
await latency(latencyAsks / 4, naiveAsk);
const runtimeLatency = await latency(latencyAsks, runtimeAsk);
const naiveLatency = await latency(latencyAsks, naiveAsk);

log(`${asksPerRound} asks per round to ${ACTORS} actors, ${ACTORS} in flight, best of ${rounds}`);
log(`async handlers: ${Math.round(asyncValue)} vs ${Math.round(asyncBaselineValue)} asks/s`);
log(
  `latency, ${LATENCY_CALLERS} callers in a closed loop: runtime p50 ${runtimeLatency.p50Ms.toFixed(4)} ms ` +
    `p99 ${runtimeLatency.p99Ms.toFixed(4)} ms; naive p50 ${naiveLatency.p50Ms.toFixed(4)} ms p99 ` +
    `${naiveLatency.p99Ms.toFixed(4)} ms`,
);
emitFigure({
  bench: 'actor.ask',
  value,
  unit: 'asks/s',
  baseline: 'naive per-actor array queue, async loop with one await per message, one promise per ask, no deadline',
  baselineValue,
  better: 'higher',
  handler: 'plain method',
  actors: ACTORS,
  inFlight: ACTORS,
  asyncHandlerValue: Math.round(asyncValue),
  asyncHandlerBaselineValue: Math.round(asyncBaselineValue),
  asyncHandlerRatio: Number((asyncValue / asyncBaselineValue).toFixed(3)),
  latencyCallers: LATENCY_CALLERS,
  p50Ms: Number(runtimeLatency.p50Ms.toFixed(6)),
  p99Ms: Number(runtimeLatency.p99Ms.toFixed(6)),
  baselineP50Ms: Number(naiveLatency.p50Ms.toFixed(6)),
  baselineP99Ms: Number(naiveLatency.p99Ms.toFixed(6)),
});
await system.stop();
