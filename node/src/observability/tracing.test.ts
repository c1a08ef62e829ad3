// Tracing in one process: a call through two nodes (real gRPC mesh on a memory cluster) is one trace with the right
// parents; activations and flushes are spans; untraced and unsampled calls carry nothing; error lines written in
// a traced turn carry its trace id.
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { SpanKind, SpanStatusCode, TraceFlags, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace';
import { Actor } from '../actor/actor.ts';
import { ActorSystem } from '../actor/actor-system.ts';
import { currentTraceId, enterAmbientTrace, type TraceContext } from '../actor/actor-tracer.ts';
import { ClusterNode } from '../cluster/cluster-node.ts';
import { MemoryCluster, MemoryClusterProvider } from '../cluster/memory/index.ts';
import { nextTestHost } from '../gate/testing-gate.ts';
import { DirectBackend, Persistence, PersistentActor } from '../state/persistence/index.ts';
import { MemoryStateStore } from '../state/stores/index.ts';
import { activeTraceContext, NodeTracing } from './tracing.ts';

class Back extends Actor {
  step(n: number): { n: number; traceId: string | undefined } {
    return { n: n + 1, traceId: currentTraceId() };
  }

  fail(reason: string): void {
    throw new Error(reason);
  }
}

class Front extends Actor {
  async work(n: number): Promise<{ n: number; traceId: string | undefined }> {
    return this.ctx.ref(Back, 'b').step(n);
  }
}

class Wallet extends PersistentActor<{ gold: number }> {
  override state = { gold: 0 };

  async add(amount: number): Promise<number> {
    this.state.gold += amount;
    await this.persist();
    return this.state.gold;
  }
}

interface TracedNode {
  readonly node: ClusterNode;
  readonly tracing: NodeTracing | null;
  readonly spans: InMemorySpanExporter;
}

let started: TracedNode[] = [];
let systems: ActorSystem[] = [];

afterEach(async () => {
  await Promise.all(started.map((n) => n.node.stop()));
  await Promise.all(started.map((n) => n.tracing?.shutdown()));
  await Promise.all(systems.map((s) => s.stop()));
  started = [];
  systems = [];
});

/** A 'front' and a 'back' node; `traced` says which of them trace (each with its own exporter). */
async function startNodes(traced: { front: boolean; back: boolean }, sampleRatio = 1): Promise<TracedNode[]> {
  const cluster = new MemoryCluster();
  const nodes = (['front', 'back'] as const).map((role): TracedNode => {
    const node = new ClusterNode({
      name: role,
      roles: [role],
      provider: new MemoryClusterProvider({ cluster, leaseTtlMs: 2_000 }),
      mesh: { host: nextTestHost(), port: 0 },
      systemOptions: { askTimeoutMs: 3_000 },
      log: () => {},
    });
    node.system.register(Front, { placement: 'directory', roles: ['front'] });
    node.system.register(Back, { placement: 'directory', roles: ['back'] });
    const spans = new InMemorySpanExporter();
    const tracing = traced[role] ? tracingFor(role, spans, sampleRatio).install(node.system) : null;
    return { node, tracing, spans };
  });
  started.push(...nodes);
  await Promise.all(nodes.map((n) => n.node.start()));
  return nodes;
}

function tracingFor(name: string, exporter: InMemorySpanExporter, sampleRatio = 1): NodeTracing {
  return new NodeTracing({ exporter, sampleRatio, instanceId: name, exportDelayMs: 50 });
}

/** Runs `call` as a client call would: inside a new root span, which ends when the call settles. */
async function rootCall<T>(tracing: NodeTracing, call: () => Promise<T>): Promise<{ result: T; root: TraceContext }> {
  const root = tracing.startSpan('test call', null, {}, true);
  if (root === null) throw new Error('the root span was not sampled');
  const outside = enterAmbientTrace(root);
  const answer = call();
  enterAmbientTrace(outside);
  const result = await answer;
  tracing.endSpan(root, false, undefined);
  return { result, root };
}

async function finished(nodes: readonly TracedNode[]): Promise<ReadableSpan[]> {
  await Promise.all(nodes.map((n) => n.tracing?.forceFlush()));
  return nodes.flatMap((n) => n.spans.getFinishedSpans());
}

function named(spans: readonly ReadableSpan[], name: string): ReadableSpan {
  const matching = spans.filter((span) => span.name === name);
  if (matching.length !== 1) throw new Error(`expected one span ${name}, got ${spans.map((s) => s.name).join(', ')}`);
  return matching[0]!;
}

describe('tracing across nodes', () => {
  it('makes a call through two nodes one trace with the right parents and instances', async () => {
    const [front, back] = await startNodes({ front: true, back: true });
    const { result, root } = await rootCall(front!.tracing!, () => front!.node.system.ref(Front, 'f').work(1));
    const traceId = root.spanContext().traceId;
    expect(result).toEqual({ n: 2, traceId });

    const spans = await finished([front!, back!]);
    expect(new Set(spans.map((span) => span.spanContext().traceId))).toEqual(new Set([traceId]));
    const rootSpan = named(spans, 'test call');
    const work = named(spans, 'Front.work');
    const step = named(spans, 'Back.step');
    expect(work.parentSpanContext?.spanId).toBe(rootSpan.spanContext().spanId);
    expect(named(spans, 'activate Front').parentSpanContext?.spanId).toBe(rootSpan.spanContext().spanId);
    expect(step.parentSpanContext?.spanId).toBe(work.spanContext().spanId);
    expect(step.parentSpanContext?.isRemote).toBe(true);
    expect(named(spans, 'activate Back').parentSpanContext?.spanId).toBe(work.spanContext().spanId);
    expect(step.kind).toBe(SpanKind.SERVER);
    expect(step.attributes).toEqual({ 'gamecluster.actor.id': 'b' });
    expect(work.resource.attributes['service.instance.id']).toBe('front');
    expect(step.resource.attributes['service.instance.id']).toBe('back');
  });

  it('records a failed turn as an error span, and its error line carries the trace id', async () => {
    const [front, back] = await startNodes({ front: true, back: true });
    const lines: string[] = [];
    const write = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    try {
      const { root } = await rootCall(front!.tracing!, async () => front!.node.system.ref(Back, 'b').tell.fail('boom'));
      const traceId = root.spanContext().traceId;
      const until = Date.now() + 5_000;
      while (!lines.some((line) => line.includes('boom')) && Date.now() < until) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      const errorLine = JSON.parse(lines.find((line) => line.includes('boom'))!) as Record<string, unknown>;
      expect(errorLine).toMatchObject({ level: 'error', traceId });
      const failed = named(await finished([front!, back!]), 'Back.fail');
      expect(failed.spanContext().traceId).toBe(traceId);
      expect(failed.kind).toBe(SpanKind.CONSUMER);
      expect(failed.status).toEqual({ code: SpanStatusCode.ERROR, message: 'boom' });
    } finally {
      write.mockRestore();
    }
  });

  it('carries nothing from a node that does not trace', async () => {
    const [front, back] = await startNodes({ front: false, back: true });
    // A trace on the stack of a node without tracing: its messages still go untraced.
    const { result } = await rootCall(back!.tracing!, () => front!.node.system.ref(Front, 'f').work(1));
    expect(result).toEqual({ n: 2, traceId: undefined });
    const names = (await finished([back!])).map((span) => span.name);
    expect(names).toContain('test call');
    expect(names).not.toContain('Back.step');
  });

  it('records nothing for an unsampled call', async () => {
    const [front, back] = await startNodes({ front: true, back: true }, 0);
    expect(front!.tracing!.startSpan('a call', null, {}, true)).toBeNull();
    expect(await front!.node.system.ref(Front, 'f').work(1)).toEqual({ n: 2, traceId: undefined });
    expect(await finished([front!, back!])).toEqual([]);
  });
});

describe('tracing in one actor system', () => {
  it('keeps the trace through forced serialization', async () => {
    const spans = new InMemorySpanExporter();
    const tracing = tracingFor('solo', spans);
    const serialized = new ActorSystem({ forceSerialization: true });
    tracing.install(serialized);
    systems.push(serialized);
    serialized.register(Back);
    const { result, root } = await rootCall(tracing, () => serialized.ref(Back, 'b').step(1));
    expect(result.traceId).toBe(root.spanContext().traceId);
    await tracing.forceFlush();
    const step = named(spans.getFinishedSpans(), 'Back.step');
    expect(step.parentSpanContext?.spanId).toBe(root.spanContext().spanId);
    await tracing.shutdown();
  });

  it('records a flush asked for by a traced turn as its child', async () => {
    const spans = new InMemorySpanExporter();
    const tracing = tracingFor('solo', spans);
    const system = new ActorSystem();
    systems.push(system);
    tracing.install(system);
    const persistence = new Persistence({ backend: new DirectBackend(new MemoryStateStore()) }).attachTo(system);
    system.register(Wallet);
    try {
      const { result, root } = await rootCall(tracing, () => system.ref(Wallet, 'w').add(5));
      expect(result).toBe(5);
      await tracing.forceFlush();
      const finishedSpans = spans.getFinishedSpans();
      const add = named(finishedSpans, 'Wallet.add');
      const flush = named(finishedSpans, 'flush Wallet');
      expect(named(finishedSpans, 'activate Wallet').parentSpanContext?.spanId).toBe(root.spanContext().spanId);
      expect(add.parentSpanContext?.spanId).toBe(root.spanContext().spanId);
      expect(flush.parentSpanContext?.spanId).toBe(add.spanContext().spanId);
      expect(flush.attributes).toMatchObject({ 'gamecluster.actor.id': 'w', 'gamecluster.document.version': 1 });
    } finally {
      persistence.stop();
      await tracing.shutdown();
    }
  });

  it('costs untraced messages nothing: no trace is attached without a tracer', async () => {
    const system = new ActorSystem();
    systems.push(system);
    system.register(Back);
    const spans = new InMemorySpanExporter();
    const tracing = tracingFor('elsewhere', spans);
    // Even with a trace on the stack, a system without a tracer sends untraced messages.
    const { result } = await rootCall(tracing, () => system.ref(Back, 'b').step(1));
    expect(result.traceId).toBeUndefined();
    await tracing.shutdown();
  });
});

describe('NodeTracing', () => {
  const tracing = new NodeTracing({ exporter: new InMemorySpanExporter() });

  it('writes and reads W3C traceparents of sampled contexts only', () => {
    const span = tracing.startSpan('x', null, {})!;
    const { traceId, spanId } = span.spanContext();
    const traceparent = tracing.toTraceparent(span);
    expect(traceparent).toBe(`00-${traceId}-${spanId}-01`);
    expect(tracing.fromTraceparent(traceparent)?.spanContext()).toMatchObject({ traceId, spanId, isRemote: true });
    expect(tracing.fromTraceparent(`00-${traceId}-${spanId}-00`)).toBeNull();
    expect(tracing.fromTraceparent(`00-${'0'.repeat(32)}-${spanId}-01`)).toBeNull();
    expect(tracing.fromTraceparent('garbage')).toBeNull();
    tracing.endSpan(span, false, undefined);
  });

  it('samples new traces at its ratio', () => {
    let next = 0;
    const draws = [0.005, 0.5, 0.0099, 0.99];
    const sampled = new NodeTracing({
      exporter: new InMemorySpanExporter(),
      sampleRatio: 0.01,
      random: () => draws[next++]!,
    });
    const decisions = draws.map(() => sampled.startSpan('call', null, {}) !== null);
    expect(decisions).toEqual([true, false, true, false]);
  });

  it('refuses a ratio outside 0..1', () => {
    expect(() => new NodeTracing({ exporter: new InMemorySpanExporter(), sampleRatio: 1.5 })).toThrow(/from 0 to 1/);
  });

  it('gives code outside turns the current span as an OpenTelemetry context', () => {
    const span = tracing.startSpan('outer', null, {})!;
    const outside = enterAmbientTrace(span);
    const context = activeTraceContext();
    enterAmbientTrace(outside);
    expect(trace.getSpanContext(context)).toMatchObject({
      traceId: span.spanContext().traceId,
      spanId: span.spanContext().spanId,
      traceFlags: TraceFlags.SAMPLED,
    });
    expect(trace.getSpan(activeTraceContext())).toBeUndefined();
    tracing.endSpan(span, false, undefined);
  });

  it("exports game code's own spans with the runtime's, as children of the running span", async () => {
    const exporter = new InMemorySpanExporter();
    const own = new NodeTracing({ exporter, instanceId: 'game-node' });
    const span = own.startSpan('gate Player.collect', null, {}, true)!;
    const outside = enterAmbientTrace(span);
    own.tracer('my-game').startSpan('pathfinding', {}, activeTraceContext()).end();
    enterAmbientTrace(outside);
    own.endSpan(span, false, undefined);
    await own.forceFlush();
    const finished = exporter.getFinishedSpans();
    const pathfinding = named(finished, 'pathfinding');
    expect(pathfinding.parentSpanContext?.spanId).toBe(span.spanContext().spanId);
    expect(pathfinding.spanContext().traceId).toBe(span.spanContext().traceId);
    expect(pathfinding.resource.attributes['service.instance.id']).toBe('game-node');
    expect(named(finished, 'gate Player.collect').kind).toBe(SpanKind.SERVER);
    await own.shutdown();
  });
});
