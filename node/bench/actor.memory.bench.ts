// actor.memory: V8 heap bytes per idle activated actor with empty state (100,000 actors, each activated by one
// plain no-op message), against the same ids held as naive actors in a Map: what holding many idle players or
// rooms costs. Extra: the same for actors that ran an `async` handler (they also hold an AsyncResource frame).
import { Actor, ActorSystem } from '../src/actor/index.ts';
import { NaiveActor } from './harness/naive-actor.ts';
import { benchOptionsFromArgv, collectGarbage } from './harness/options.ts';
import { emitFigure, log } from './harness/report.ts';

const options = benchOptionsFromArgv();
const ACTORS = 100_000;
const WARMUP_ACTORS = 2_000;
// Full runs repeat each measurement on fresh objects and keep the lowest (least disturbed) figure.
const repeats = options.quick ? 1 : 3;

let handled = 0;

class Empty extends Actor {
  touch(): void {
    handled++;
  }
}

class EmptyAsync extends Actor {
  async touch(): Promise<void> {
    handled++;
  }
}

class Plain {
  touch(): void {
    handled++;
  }
}

/** Resolves once `count` handlers ran since `handled` was reset, leaving the event loop turns to the runtime. */
async function allHandled(count: number): Promise<void> {
  while (handled < count) await new Promise((resolve) => setImmediate(resolve));
  // Let the last turns finish (continuations after the handlers) before measuring.
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
}

async function settledHeap(): Promise<number> {
  for (let i = 0; i < 4; i++) {
    collectGarbage();
    await new Promise((resolve) => setImmediate(resolve));
  }
  return process.memoryUsage().heapUsed;
}

/** Heap bytes per actor that `activate(n)` keeps alive; `release` drops them afterwards. */
async function bytesPerActor(
  n: number,
  activate: (n: number) => void,
  release: () => Promise<void> | void,
): Promise<number> {
  const before = await settledHeap();
  handled = 0;
  activate(n);
  await allHandled(n);
  const after = await settledHeap();
  await release();
  return (after - before) / n;
}

/** The runtime: n activations of `kind` in a fresh system, each activated by one tell; refs are not kept. */
async function runtimeBytes(kind: typeof Empty | typeof EmptyAsync, n: number): Promise<number> {
  let system: ActorSystem | undefined = new ActorSystem();
  system.register(kind, { idleTimeoutMs: 0 });
  const bytes = await bytesPerActor(
    n,
    (count) => {
      for (let i = 0; i < count; i++) system!.ref(kind, `p${i}`).tell.touch();
    },
    async () => {
      if (system!.activationCount(kind) !== n) throw new Error(`expected ${n} activations`);
      await system!.stop();
      system = undefined;
    },
  );
  return bytes;
}

/** The baseline: n naive actors in a Map keyed by the same ids, each sent one message. */
async function naiveBytes(n: number): Promise<number> {
  let actors: Map<string, NaiveActor<Plain>> | undefined = new Map();
  return bytesPerActor(
    n,
    (count) => {
      for (let i = 0; i < count; i++) {
        const actor = new NaiveActor(new Plain());
        actors!.set(`p${i}`, actor);
        actor.tell('touch');
      }
    },
    () => {
      if (actors!.size !== n) throw new Error(`expected ${n} naive actors`);
      actors = undefined;
    },
  );
}

// Warm up every path (code and feedback vectors live on the heap too), then measure.
await naiveBytes(WARMUP_ACTORS);
await runtimeBytes(Empty, WARMUP_ACTORS);
await runtimeBytes(EmptyAsync, WARMUP_ACTORS);
let value = Number.POSITIVE_INFINITY;
let asyncValue = Number.POSITIVE_INFINITY;
let baselineValue = Number.POSITIVE_INFINITY;
for (let r = 0; r < repeats; r++) {
  baselineValue = Math.min(baselineValue, await naiveBytes(ACTORS));
  value = Math.min(value, await runtimeBytes(Empty, ACTORS));
  asyncValue = Math.min(asyncValue, await runtimeBytes(EmptyAsync, ACTORS));
}

log(`${ACTORS} idle actors with empty state, one message each; heapUsed after GC, lowest of ${repeats}`);
log(`actors that ran an async handler: ${Math.round(asyncValue)} bytes each`);
emitFigure({
  bench: 'actor.memory',
  value,
  unit: 'bytes/actor',
  baseline: 'naive actor (array queue, target object) in a Map keyed by the same id, after one message',
  baselineValue,
  better: 'lower',
  handler: 'plain method',
  actors: ACTORS,
  asyncHandlerValue: Math.round(asyncValue),
  includes: 'id string and map entry on both sides',
});
