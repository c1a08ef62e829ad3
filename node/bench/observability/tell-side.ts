// A process of observability.overhead: an actor system with 1000 counters, the runtime's metrics always on, and
// tracing as each slice says: sampled at 1%, on with nothing sampled, or off (no tracer installed). The modes take
// turns on the same actors, heap and code, so a difference between them is tracing's and not the process's. A
// slice sends its messages as client requests of REQUEST_TELLS tells each and answers with its time. Spans go in
// batches to an in-memory exporter, emptied by `drain` (untimed).
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace';
import { type ActorTracer, enterAmbientTrace } from '../../src/actor/actor-tracer.ts';
import { Actor, type ActorRef, ActorSystem } from '../../src/actor/index.ts';
import { NodeTracing } from '../../src/observability/tracing.ts';
import { configFromArgv, serveParent } from '../harness/bench-child-ipc.ts';

export type TracingMode = 'sampled' | 'unsampled' | 'off';

export interface TellSideConfig {
  readonly sampleRatio: number;
  readonly requestTells: number;
}

const ACTORS = 1000;
/** Messages in flight per batch: 10 to each actor, as in actor.tell. */
const BATCH = ACTORS * 10;
const REQUEST_ATTRIBUTES = { 'rpc.system': 'gamecluster', 'rpc.method': 'bench' } as const;

const config = configFromArgv<TellSideConfig>();
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

const exporter = new InMemorySpanExporter();
const sampling = new NodeTracing({ exporter, sampleRatio: config.sampleRatio, instanceId: 'bench' });
const unsampled = new NodeTracing({ exporter: new InMemorySpanExporter(), sampleRatio: 0, instanceId: 'bench' });
const tracers: Record<TracingMode, ActorTracer | null> = { sampled: sampling, unsampled, off: null };
const system = new ActorSystem();
system.register(Counter, { idleTimeoutMs: 0 });
const refs: ActorRef<Counter>[] = Array.from({ length: ACTORS }, (_, i) => system.ref(Counter, `c${i}`));
const requestTells = config.requestTells;
/** The tracer of the running slice: what the node has installed, and what its gate calls. */
let tracer: ActorTracer | null = null;

/**
 * One request as the gate makes it (gate/client-calls.ts): the new trace's sampling decision (a span when
 * sampled), then its tells, sent with that span as the ambient trace.
 */
function request(first: number): void {
  const span = tracer === null ? null : tracer.startSpan('gate Counter.add', null, REQUEST_ATTRIBUTES, true);
  const outside = span === null ? null : enterAmbientTrace(span);
  for (let i = first; i < first + requestTells; i++) refs[i % ACTORS]!.tell.add(1);
  if (span !== null) {
    enterAmbientTrace(outside);
    tracer?.endSpan(span, false, undefined);
  }
}

/** Sends `messages` in batches of BATCH with tracing as `mode` says; resolves with the milliseconds it took. */
async function slice(mode: TracingMode, messages: number): Promise<number> {
  tracer = tracers[mode];
  system.tracer = tracer;
  const start = performance.now();
  for (let sent = 0; sent < messages; sent += BATCH) {
    handled = 0;
    target = BATCH;
    const batch = new Promise<void>((resolve) => {
      done = resolve;
    });
    for (let i = 0; i < BATCH; i += requestTells) request(i);
    await batch;
  }
  return performance.now() - start;
}

/** Exports what the last slices recorded and empties the sink; answers how many spans were tell turns. */
async function drain(): Promise<number> {
  await sampling.forceFlush();
  const turns = exporter.getFinishedSpans().filter((span) => span.name === 'Counter.add').length;
  exporter.reset();
  return turns;
}

serveParent(null, {
  slice: ({ mode, messages }: { mode: TracingMode; messages: number }) => slice(mode, messages),
  drain: () => drain(),
  stop: async () => {
    await system.stop();
    await sampling.shutdown();
    await unsampled.shutdown();
  },
});
