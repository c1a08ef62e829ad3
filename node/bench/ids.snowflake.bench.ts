// Benchmark `ids.snowflake`: ids/s from SnowflakeGenerator.next() on the real clock, against the format's own limit
// of 4,096,000 ids/s per worker; a generator slower than that would make the id source the bottleneck.
import { SnowflakeGenerator } from '../src/ids/index.ts';
import { benchOptionsFromArgv, bestOf, collectGarbage } from './harness/options.ts';
import { emitFigure, log } from './harness/report.ts';

const FORMAT_LIMIT_IDS_PER_S = 4_096_000;
const CHUNK = 10_000;

const { quick } = benchOptionsFromArgv();
const windowMs = quick ? 500 : 1000;
const rounds = quick ? 3 : 5;

// Consumed after each window so the JIT cannot drop the work.
let sink = 0n;
let sinkLength = 0;

function nextRate(generator: SnowflakeGenerator): number {
  collectGarbage();
  const start = performance.now();
  const end = start + windowMs;
  let count = 0;
  let now = start;
  while (now < end) {
    for (let i = 0; i < CHUNK; i++) sink ^= generator.next();
    count += CHUNK;
    now = performance.now();
  }
  return count / ((now - start) / 1000);
}

function nextStringRate(generator: SnowflakeGenerator): number {
  collectGarbage();
  const start = performance.now();
  const end = start + windowMs;
  let count = 0;
  let now = start;
  while (now < end) {
    for (let i = 0; i < CHUNK; i++) sinkLength += generator.nextString().length;
    count += CHUNK;
    now = performance.now();
  }
  return count / ((now - start) / 1000);
}

// The figure: the real clock, so the generator is capped by its own wait at 4,096 ids per ms.
const real = new SnowflakeGenerator({ workerId: 7 });
nextRate(real); // warm-up: let the JIT optimise next() before anything is timed
const nextIdsPerS = await bestOf(rounds, () => nextRate(real));
log(`next(), real clock: ${Math.round(nextIdsPerS)} ids/s`);
nextStringRate(real);
const nextStringIdsPerS = await bestOf(rounds, () => nextStringRate(real));
log(`nextString(), real clock: ${Math.round(nextStringIdsPerS)} ids/s`);

// The headroom under the cap: the real clock read plus one ms per 4,096 calls, so the sequence never runs out and
// nothing waits; this is what one next() costs.
let calls = 0;
const unthrottled = new SnowflakeGenerator({ workerId: 7, now: () => Date.now() + (++calls >>> 12) });
nextRate(unthrottled);
const unthrottledIdsPerS = await bestOf(rounds, () => nextRate(unthrottled));
nextStringRate(unthrottled);
const unthrottledStringIdsPerS = await bestOf(rounds, () => nextStringRate(unthrottled));
log(
  `unthrottled: next() ${(1e9 / unthrottledIdsPerS).toFixed(1)} ns, nextString() ${(1e9 / unthrottledStringIdsPerS).toFixed(1)} ns ` +
    `(sink ${sink & 1n}/${sinkLength & 1})`,
);

emitFigure({
  bench: 'ids.snowflake',
  value: nextIdsPerS,
  unit: 'ids/s',
  baseline: 'format limit 4,096,000 ids/s per worker',
  baselineValue: FORMAT_LIMIT_IDS_PER_S,
  better: 'higher',
  nextStringIdsPerS,
  unthrottledNextNs: 1e9 / unthrottledIdsPerS,
  unthrottledNextStringNs: 1e9 / unthrottledStringIdsPerS,
});
