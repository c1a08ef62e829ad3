// observability.overhead: one-way messages/s to 1000 actors with tracing on (1% of requests sampled) against the
// same workload with tracing off, in one process, rounds alternating. A "request" is what a client call is to the
// gate: a new trace's sampling decision, then REQUEST_TELLS tells sent inside it, so 1% of all messages are traced
// (the worst case: every message belongs to a client call). A sampled request records its own span and one span
// per tell's turn, batched to a real exporter with an in-memory sink (emptied between rounds). A third side has
// tracing on with nothing sampled: what every message pays. The runtime's metrics (issue 7: counters and 1-in-64
// timed turns) are always on, so all sides pay them; a scrape reads them off the message path and is not looped.
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace';
import { type ActorTracer, enterAmbientTrace } from '../src/actor/actor-tracer.ts';
import { Actor, type ActorRef, ActorSystem } from '../src/actor/index.ts';
import { NodeTracing } from '../src/observability/tracing.ts';
import { benchOptionsFromArgv, collectGarbage } from './harness/options.ts';
import { emitFigure, log } from './harness/report.ts';

const options = benchOptionsFromArgv();
const messagesPerRound = options.quick ? 1_000_000 : 4_000_000;
const rounds = options.quick ? 5 : 10;
const ACTORS = 1000;
/** Messages in flight per batch: 10 to each actor, as in actor.tell. */
const BATCH = ACTORS * 10;
/** Share of new traces recorded. */
const SAMPLE_RATIO = 0.01;
/** Tells one request sends (a client call fans out to a few actor messages). */
const REQUEST_TELLS = 10;
const REQUEST_ATTRIBUTES = { 'rpc.system': 'gamecluster', 'rpc.method': 'bench' } as const;

let handled = 0;
let target = 0;
let done: () => void = () => {};

class Counter extends Actor {
  total = 0;
  add(amount: number): void {
    this.total += amount;
    if (++handled === target) done();
  }
}

function startBatch(): Promise<void> {
  handled = 0;
  target = BATCH;
  return new Promise<void>((resolve) => {
    done = resolve;
  });
}

/** An actor system with 1000 counters; with `tracing`, installed on it. */
function side(tracing: NodeTracing | null): { tracer: ActorTracer | null; refs: ActorRef<Counter>[] } {
  const system = new ActorSystem();
  tracing?.install(system);
  system.register(Counter, { idleTimeoutMs: 0 });
  systems.push(system);
  return { tracer: tracing, refs: Array.from({ length: ACTORS }, (_, i) => system.ref(Counter, `c${i}`)) };
}

const systems: ActorSystem[] = [];
const spans = new InMemorySpanExporter();
const sampling = new NodeTracing({ exporter: spans, sampleRatio: SAMPLE_RATIO, instanceId: 'bench' });
const idle = new NodeTracing({ exporter: new InMemorySpanExporter(), sampleRatio: 0, instanceId: 'bench-idle' });
const traced = side(sampling);
const unsampled = side(idle);
const plain = side(null);

// One copy of the request and of the loop per side, so each side's call sites stay monomorphic (see
// harness/tell-round.ts): shared, they would see every side's ref classes and slow all sides alike.

/**
 * One request as the gate makes it (gate/client-calls.ts): the new trace's sampling decision (a span when
 * sampled), then its tells, sent with that span as the ambient trace; the tracer is null on a node without one.
 */
function tracedRequest(tracer: ActorTracer | null, refs: ActorRef<Counter>[], first: number): void {
  const span = tracer === null ? null : tracer.startSpan('gate Counter.add', null, REQUEST_ATTRIBUTES, true);
  const outside = span === null ? null : enterAmbientTrace(span);
  for (let i = first; i < first + REQUEST_TELLS; i++) refs[i % ACTORS]!.tell.add(1);
  if (span !== null) {
    enterAmbientTrace(outside);
    tracer?.endSpan(span, false, undefined);
  }
}

function unsampledRequest(tracer: ActorTracer | null, refs: ActorRef<Counter>[], first: number): void {
  const span = tracer === null ? null : tracer.startSpan('gate Counter.add', null, REQUEST_ATTRIBUTES, true);
  const outside = span === null ? null : enterAmbientTrace(span);
  for (let i = first; i < first + REQUEST_TELLS; i++) refs[i % ACTORS]!.tell.add(1);
  if (span !== null) {
    enterAmbientTrace(outside);
    tracer?.endSpan(span, false, undefined);
  }
}

function plainRequest(tracer: ActorTracer | null, refs: ActorRef<Counter>[], first: number): void {
  const span = tracer === null ? null : tracer.startSpan('gate Counter.add', null, REQUEST_ATTRIBUTES, true);
  const outside = span === null ? null : enterAmbientTrace(span);
  for (let i = first; i < first + REQUEST_TELLS; i++) refs[i % ACTORS]!.tell.add(1);
  if (span !== null) {
    enterAmbientTrace(outside);
    tracer?.endSpan(span, false, undefined);
  }
}

async function tracedRound(): Promise<number> {
  collectGarbage();
  const start = performance.now();
  for (let sent = 0; sent < messagesPerRound; sent += BATCH) {
    const batch = startBatch();
    for (let i = 0; i < BATCH; i += REQUEST_TELLS) tracedRequest(traced.tracer, traced.refs, i);
    await batch;
  }
  return messagesPerRound / ((performance.now() - start) / 1000);
}

async function unsampledRound(): Promise<number> {
  collectGarbage();
  const start = performance.now();
  for (let sent = 0; sent < messagesPerRound; sent += BATCH) {
    const batch = startBatch();
    for (let i = 0; i < BATCH; i += REQUEST_TELLS) unsampledRequest(unsampled.tracer, unsampled.refs, i);
    await batch;
  }
  return messagesPerRound / ((performance.now() - start) / 1000);
}

async function plainRound(): Promise<number> {
  collectGarbage();
  const start = performance.now();
  for (let sent = 0; sent < messagesPerRound; sent += BATCH) {
    const batch = startBatch();
    for (let i = 0; i < BATCH; i += REQUEST_TELLS) plainRequest(plain.tracer, plain.refs, i);
    await batch;
  }
  return messagesPerRound / ((performance.now() - start) / 1000);
}

/** Exports what the last round recorded; returns how many of its spans were tell turns, and empties the sink. */
async function drainSpans(): Promise<number> {
  await sampling.forceFlush();
  const turns = spans.getFinishedSpans().filter((span) => span.name === 'Counter.add').length;
  spans.reset();
  return turns;
}

const sides = [tracedRound, unsampledRound, plainRound];
for (const round of sides) await round();
await drainSpans();
const best = [0, 0, 0];
let tracedTurns = 0;
for (let i = 0; i < rounds; i++) {
  // A different side first each time, so none always follows another's garbage.
  for (let k = 0; k < sides.length; k++) {
    const which = (i + k) % sides.length;
    best[which] = Math.max(best[which]!, await sides[which]!());
    if (which === 0) tracedTurns += await drainSpans();
  }
}
const [value, unsampledValue, baselineValue] = best as [number, number, number];
const tracedShare = tracedTurns / (rounds * messagesPerRound);
log(
  `observability.overhead: ${ACTORS} actors, ${BATCH} messages in flight, requests of ${REQUEST_TELLS} tells, ` +
    `${SAMPLE_RATIO * 100}% sampled (${(tracedShare * 100).toFixed(2)}% of messages traced), best of ${rounds}; ` +
    `tracing on with nothing sampled: ${Math.round(unsampledValue)} msgs/s`,
);
emitFigure({
  bench: 'observability.overhead',
  value,
  unit: 'msgs/s',
  baseline: 'same tells with tracing off (no tracer installed)',
  baselineValue,
  better: 'higher',
  tracing: `on: OpenTelemetry SDK, ${SAMPLE_RATIO} of requests sampled, batch processor to an in-memory exporter`,
  metrics: 'runtime counters and 1-in-64 timed turns, always on (all sides); no scrape in the loop',
  sampleRatio: SAMPLE_RATIO,
  requestTells: REQUEST_TELLS,
  tracedMessageShare: Number(tracedShare.toFixed(5)),
  unsampledValue: Math.round(unsampledValue),
  unsampledRatio: Number((unsampledValue / baselineValue).toFixed(3)),
  actors: ACTORS,
  inFlight: BATCH,
});
await sampling.shutdown();
await idle.shutdown();
for (const system of systems) await system.stop();
