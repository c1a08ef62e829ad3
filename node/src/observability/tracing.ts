// A node's distributed tracing with OpenTelemetry: the ActorTracer through which the runtime (turns, activations),
// the gate (client calls) and write-behind (flushes) record spans, an SDK tracer provider for game code's own spans,
// and one export queue feeding the exporter, under a resource that names this node. The runtime's spans are
// recorded as plain objects and become SDK spans at export (recorded-span.ts): a traced message then costs about
// what an untraced one does, not an SDK span's microseconds. One per node, so a test process may run several.
import { type Context, ROOT_CONTEXT, SpanKind, TraceFlags, type Tracer, trace } from '@opentelemetry/api';
import { type InstrumentationScope, parseTraceParent } from '@opentelemetry/core';
import { type Resource, resourceFromAttributes } from '@opentelemetry/resources';
import {
  ParentBasedSampler,
  type SpanExporter,
  TraceIdRatioBasedSampler,
  TracerProvider,
} from '@opentelemetry/sdk-trace';
import type { ActorSystem } from '../actor/actor-system.ts';
import { type ActorTracer, currentTrace, type SpanAttributes, type TraceContext } from '../actor/actor-tracer.ts';
import { InvalidClusterConfigError } from '../cluster/errors.ts';
import { RecordedSpan, RemoteTrace, TraceId, traceIdOf } from './recorded-span.ts';
import { SpanExportQueue } from './span-export-queue.ts';

export interface NodeTracingOptions {
  /** Where finished spans go (an OTLP exporter, the JSON-line console exporter, an in-memory one in tests). */
  readonly exporter: SpanExporter;
  /** Share of new traces recorded, 0 to 1 (default: 1). Spans below a recorded one are all recorded. */
  readonly sampleRatio?: number;
  /** `service.instance.id` of this node's spans: its node name (default: 'node'). */
  readonly instanceId?: string;
  /** More resource attributes (roles, cluster name); `service.name` is 'gamecluster' unless given here. */
  readonly resourceAttributes?: Readonly<Record<string, string | number>>;
  /** How long a finished span waits for its batch to be exported (default: 1000). */
  readonly exportDelayMs?: number;
  /** Finished spans held while the exporter is slow; more are dropped (default: 8192). */
  readonly maxQueuedSpans?: number;
  /** Spans per export call (default: 512). */
  readonly maxExportBatchSpans?: number;
  /** Uniform numbers in [0, 1) for the sampling decision of a new trace (default: Math.random). */
  readonly random?: () => number;
}

export const DEFAULT_SAMPLE_RATIO = 1;
export const DEFAULT_EXPORT_DELAY_MS = 1_000;
export const DEFAULT_MAX_QUEUED_SPANS = 8_192;
export const DEFAULT_MAX_EXPORT_BATCH_SPANS = 512;
export const SERVICE_NAME = 'gamecluster';
const TRACER_NAME = '@gamecluster/node';

export class NodeTracing implements ActorTracer {
  /** For spans of game code's own (`provider.getTracer('my-game')`): exported with the runtime's, same resource. */
  readonly provider: TracerProvider;
  readonly sampleRatio: number;
  private readonly queue: SpanExportQueue;
  private readonly random: () => number;

  constructor(options: NodeTracingOptions) {
    const ratio = options.sampleRatio ?? DEFAULT_SAMPLE_RATIO;
    if (!(ratio >= 0 && ratio <= 1)) {
      throw new InvalidClusterConfigError(
        `sampleRatio ${ratio} must be a number from 0 to 1 (0.01 records one new trace in a hundred)`,
      );
    }
    this.sampleRatio = ratio;
    this.random = options.random ?? Math.random;
    const resource: Resource = resourceFromAttributes({
      'service.name': SERVICE_NAME,
      'service.instance.id': options.instanceId ?? 'node',
      ...options.resourceAttributes,
    });
    const scope: InstrumentationScope = { name: TRACER_NAME };
    this.queue = new SpanExportQueue({
      exporter: options.exporter,
      resource,
      scope,
      exportDelayMs: options.exportDelayMs ?? DEFAULT_EXPORT_DELAY_MS,
      maxQueuedSpans: options.maxQueuedSpans ?? DEFAULT_MAX_QUEUED_SPANS,
      maxExportBatchSpans: options.maxExportBatchSpans ?? DEFAULT_MAX_EXPORT_BATCH_SPANS,
    });
    this.provider = new TracerProvider({
      resource,
      // Game code's spans follow the runtime's decision inside a trace and the node's ratio outside one.
      sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(ratio) }),
      spanProcessors: [this.queue.processor()],
    });
  }

  /** Makes this the tracer of `system`'s messages; install before the node starts. */
  install(system: ActorSystem): this {
    system.tracer = this;
    return this;
  }

  /** A tracer of `name` for game code's own spans; parent them with activeTraceContext(). */
  tracer(name: string, version?: string): Tracer {
    return this.provider.getTracer(name, version);
  }

  /**
   * Spans so far: exported, dropped because the export queue was full (or the tracing had shut down), and lost in
   * exports that failed or timed out (`failedExports` calls).
   */
  spanCounts(): { exported: number; dropped: number; failed: number; failedExports: number } {
    const queue = this.queue;
    return {
      exported: queue.exportedSpans,
      dropped: queue.droppedSpans,
      failed: queue.failedSpans,
      failedExports: queue.failedExports,
    };
  }

  // ---- ActorTracer ----

  startTurn(parent: TraceContext, name: string, id: string, ask: boolean): TraceContext {
    return RecordedSpan.turn(name, ask, parent, id);
  }

  startSpan(name: string, parent: TraceContext | null, attributes: SpanAttributes, entry = false): TraceContext | null {
    if (parent === null && !this.sampleNewTrace()) return null;
    return new RecordedSpan(
      name,
      entry ? SpanKind.SERVER : SpanKind.INTERNAL,
      parent,
      attributes,
      parent === null ? TraceId.random() : traceIdOf(parent),
    );
  }

  endSpan(span: TraceContext, failed: boolean, error: unknown): void {
    const recorded = span as RecordedSpan;
    if (failed) {
      const described = describeError(error);
      recorded.end(true, described.type, described.message);
    } else recorded.end(false, '', '');
    this.queue.add(recorded);
  }

  toTraceparent(context: TraceContext): string {
    const { traceId, spanId } = context.spanContext();
    // Only sampled contexts travel (an unsampled trace has no spans to continue).
    return `00-${traceId}-${spanId}-01`;
  }

  fromTraceparent(traceparent: string): TraceContext | null {
    const context = parseTraceParent(traceparent);
    if (context === null || (context.traceFlags & TraceFlags.SAMPLED) === 0) return null;
    return new RemoteTrace(context.traceId, context.spanId);
  }

  // ---- lifecycle ----

  /** Exports every finished span now. */
  async forceFlush(): Promise<void> {
    await this.provider.forceFlush();
    await this.queue.flush();
  }

  /** Exports what is left and stops; spans ended later are dropped. Call after the node stopped. */
  async shutdown(): Promise<void> {
    await this.provider.shutdown();
    await this.queue.shutdown();
  }

  private sampleNewTrace(): boolean {
    const ratio = this.sampleRatio;
    return ratio >= 1 || (ratio > 0 && this.random() < ratio);
  }
}

/**
 * The OpenTelemetry context of the code running now (the running turn's span, or the gate call's): pass it as the
 * parent of spans of your own, `tracer.startSpan(name, options, activeTraceContext())`. ROOT_CONTEXT when untraced.
 */
export function activeTraceContext(): Context {
  const current = currentTrace();
  if (current === null) return ROOT_CONTEXT;
  const { traceId, spanId } = current.spanContext();
  return trace.setSpan(ROOT_CONTEXT, trace.wrapSpanContext({ traceId, spanId, traceFlags: TraceFlags.SAMPLED }));
}

/** A span's error status: the typed error's code (or the error's name) and its message. */
function describeError(error: unknown): { type: string; message: string } {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return { type: typeof code === 'string' ? code : error.name, message: error.message };
  }
  return { type: typeof error, message: String(error) };
}
