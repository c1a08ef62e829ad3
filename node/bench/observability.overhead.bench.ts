// observability.overhead: one-way messages/s to 1000 actors with tracing on (1% of requests sampled) against the
// same workload with tracing off. Each side is a process of its own (observability/tell-side.ts), as a node with
// or without tracing is: in one process the three would share the runtime's optimized code and each would slow
// the others' call sites. A "request" is what a client call is to the gate: a new trace's sampling decision, then
// REQUEST_TELLS tells sent inside it, so 1% of all messages are traced (the worst case: every message belongs to
// a client call). A sampled request records its own span and one per tell's turn, exported in batches to an
// in-memory exporter. A third side has tracing on with nothing sampled: what every message pays. The runtime's
// metrics (counters and 1-in-64 timed turns) are always on, so all sides pay them.
//
// One process runs at a time: the processes take turns in short slices (20k messages, a few ms) and each side's
// rate is its messages over its summed time. This shared 2-core VM switches between a fast and a slow speed
// (1.5-3x) within tens of milliseconds, and one process of the same program can run 30% slower than the next
// (code and heap placement); whole rounds per side measured those more than tracing. Short interleaved slices
// share the speed switches out evenly, and PROCESSES_PER_SIDE processes per side average out the placement.
import { fileURLToPath } from 'node:url';
import { BenchChild } from './harness/bench-child.ts';
import { benchOptionsFromArgv } from './harness/options.ts';
import { emitFigure, log } from './harness/report.ts';
import type { TellSideConfig, TracingMode } from './observability/tell-side.ts';

const options = benchOptionsFromArgv();
const SIDE_PROGRAM = fileURLToPath(new URL('./observability/tell-side.ts', import.meta.url));
/** Messages per slice: two batches of 10k in flight, 2-8 ms. */
const SLICE = 20_000;
/** Slices each process runs (timed), after WARM_UP_SLICES untimed. */
const slices = options.quick ? 60 : 200;
const WARM_UP_SLICES = 25;
const PROCESSES = 3;
/** Share of new traces recorded. */
const SAMPLE_RATIO = 0.01;
/** Tells one request sends (a client call fans out to a few actor messages). */
const REQUEST_TELLS = 10;
const ACTORS = 1000;
const IN_FLIGHT = ACTORS * 10;

const modes: readonly TracingMode[] = ['sampled', 'unsampled', 'off'];
const processes = await Promise.all(
  Array.from({ length: PROCESSES }, (_, i) =>
    BenchChild.start<null>(`tell process ${i}`, SIDE_PROGRAM, {
      sampleRatio: SAMPLE_RATIO,
      requestTells: REQUEST_TELLS,
    } satisfies TellSideConfig),
  ),
);
const slice = (process: BenchChild<null>, mode: number) =>
  process.call<number>('slice', { mode: modes[mode], messages: SLICE });

for (let i = 0; i < WARM_UP_SLICES; i++) {
  for (const process of processes) for (let mode = 0; mode < modes.length; mode++) await slice(process, mode);
}
for (const process of processes) await process.call<number>('drain');
const elapsedMs = [0, 0, 0];
let tracedTurns = 0;
for (let i = 0; i < slices; i++) {
  for (const process of processes) {
    // A different mode first each time, so none always runs after the same one.
    for (let k = 0; k < modes.length; k++) {
      const mode = (i + k) % modes.length;
      elapsedMs[mode]! += await slice(process, mode);
    }
  }
  if (i % 10 === 9 || i === slices - 1) {
    for (const process of processes) tracedTurns += await process.call<number>('drain');
  }
}
for (const process of processes) await process.stop();

const messagesPerSide = slices * SLICE * PROCESSES;
const [value, unsampledValue, baselineValue] = elapsedMs.map((ms) => messagesPerSide / (ms / 1000)) as [
  number,
  number,
  number,
];
const tracedShare = tracedTurns / messagesPerSide;
log(
  `observability.overhead: ${ACTORS} actors, ${IN_FLIGHT} messages in flight, requests of ${REQUEST_TELLS} tells, ` +
    `${SAMPLE_RATIO * 100}% sampled (${(tracedShare * 100).toFixed(2)}% of messages traced), ` +
    `${PROCESSES} processes, ${slices} slices of ${SLICE} per mode in each; tracing on with nothing sampled: ${Math.round(unsampledValue)} msgs/s`,
);
emitFigure({
  bench: 'observability.overhead',
  value,
  unit: 'msgs/s',
  baseline: 'same tells with tracing off (no tracer installed)',
  baselineValue,
  better: 'higher',
  tracing: `on: ${SAMPLE_RATIO} of requests sampled, spans exported in batches to an OpenTelemetry in-memory exporter`,
  metrics: 'runtime counters and 1-in-64 timed turns, always on (all sides); no scrape in the loop',
  sampleRatio: SAMPLE_RATIO,
  requestTells: REQUEST_TELLS,
  tracedMessageShare: Number(tracedShare.toFixed(5)),
  unsampledValue: Math.round(unsampledValue),
  unsampledRatio: Number((unsampledValue / baselineValue).toFixed(3)),
  actors: ACTORS,
  inFlight: IN_FLIGHT,
  processes: PROCESSES,
  slices,
});
