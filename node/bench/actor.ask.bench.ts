// actor.ask: ask round trips/s to 1000 actors (one ask to each per batch, awaited with Promise.all) against the
// naive promise-per-ask baseline running the same handler body (a plain method). Every runtime ask also carries
// a deadline on the timing wheel (the baseline has none). Extra: closed-loop latency at low concurrency.
// actor.ask.async.bench.ts measures `async` handlers, in its own process.
import { Actor, ActorSystem } from '../src/actor/index.ts';
import { ASK_ACTORS, type Ask, compareAskRounds } from './harness/ask-round.ts';
import { NaiveActor } from './harness/naive-actor.ts';
import { benchOptionsFromArgv, collectGarbage } from './harness/options.ts';
import { emitFigure, log } from './harness/report.ts';

const options = benchOptionsFromArgv();
const asksPerRound = options.quick ? 500_000 : 1_000_000;
const rounds = options.quick ? 8 : 10;
// Latency: LATENCY_CALLERS callers, each awaiting its own asks one after another (a closed loop).
const LATENCY_CALLERS = 10;
const latencyAsks = options.quick ? 100_000 : 300_000;

class Doubler extends Actor {
  double(x: number): number {
    return x * 2;
  }
}

class PlainDoubler {
  double(x: number): number {
    return x * 2;
  }
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
const refs = Array.from({ length: ASK_ACTORS }, (_, i) => system.ref(Doubler, `d${i}`));
const naive = Array.from({ length: ASK_ACTORS }, () => new NaiveActor(new PlainDoubler()));
const runtimeAsk: Ask = (i, x) => refs[i]!.double(x);
const naiveAsk: Ask = (i, x) => naive[i]!.ask('double', x);

const { value, baselineValue } = await compareAskRounds(rounds, asksPerRound, runtimeAsk, naiveAsk);
await latency(latencyAsks / 4, runtimeAsk);
await latency(latencyAsks / 4, naiveAsk);
const runtimeLatency = await latency(latencyAsks, runtimeAsk);
const naiveLatency = await latency(latencyAsks, naiveAsk);

log(`${asksPerRound} asks per round to ${ASK_ACTORS} actors, ${ASK_ACTORS} in flight, best of ${rounds}`);
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
  actors: ASK_ACTORS,
  inFlight: ASK_ACTORS,
  latencyCallers: LATENCY_CALLERS,
  p50Ms: Number(runtimeLatency.p50Ms.toFixed(6)),
  p99Ms: Number(runtimeLatency.p99Ms.toFixed(6)),
  baselineP50Ms: Number(naiveLatency.p50Ms.toFixed(6)),
  baselineP99Ms: Number(naiveLatency.p99Ms.toFixed(6)),
});
await system.stop();
