// A node's distributed tracing with OpenTelemetry: a tracer provider whose resource names this node, a batch span
// processor feeding an exporter, and the ActorTracer through which the runtime (turns, activations), the gate
// (client calls) and write-behind (flushes) record spans. One per node, so a test process may run several.
import {
  type Context,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  TraceFlags,
  type Tracer,
  trace,
} from '@opentelemetry/api';
import { parseTraceParent } from '@opentelemetry/core';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { AlwaysOnSampler, BatchSpanProcessor, type SpanExporter, TracerProvider } from '@opentelemetry/sdk-trace';
import type { ActorSystem } from '../actor/actor-system.ts';
import { type ActorTracer, currentTrace, type SpanAttributes, type TraceContext } from '../actor/actor-tracer.ts';
import { InvalidClusterConfigError } from '../cluster/errors.ts';

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
  readonly provider: TracerProvider;
  readonly sampleRatio: number;
  private readonly tracer: Tracer;
  private readonly random: () => number;
  // The context of the last parent a turn span had: the tells and asks of one turn or call share their parent,
  // and the context is an allocation (a copied map) per span otherwise.
  private lastParent: TraceContext | null = null;
  private lastParentContext: Context = ROOT_CONTEXT;

  constructor(options: NodeTracingOptions) {
    const ratio = options.sampleRatio ?? DEFAULT_SAMPLE_RATIO;
    if (!(ratio >= 0 && ratio <= 1)) {
      throw new InvalidClusterConfigError(
        `sampleRatio ${ratio} must be a number from 0 to 1 (0.01 records one new trace in a hundred)`,
      );
    }
    this.sampleRatio = ratio;
    this.random = options.random ?? Math.random;
    this.provider = new TracerProvider({
      resource: resourceFromAttributes({
        'service.name': SERVICE_NAME,
        'service.instance.id': options.instanceId ?? 'node',
        ...options.resourceAttributes,
      }),
      // The ratio decision is made once per new trace, before any span exists (see startSpan): an unsampled call
      // costs one random number, not a span. What reaches the SDK is recorded.
      sampler: new AlwaysOnSampler(),
      spanProcessors: [
        new BatchSpanProcessor({
          exporter: options.exporter,
          scheduledDelayMillis: options.exportDelayMs ?? DEFAULT_EXPORT_DELAY_MS,
          maxQueueSize: options.maxQueuedSpans ?? DEFAULT_MAX_QUEUED_SPANS,
          maxExportBatchSize: Math.min(
            options.maxExportBatchSpans ?? DEFAULT_MAX_EXPORT_BATCH_SPANS,
            options.maxQueuedSpans ?? DEFAULT_MAX_QUEUED_SPANS,
          ),
        }),
      ],
    });
    this.tracer = this.provider.getTracer(TRACER_NAME);
  }

  /** Makes this the tracer of `system`'s messages; install before the node starts. */
  install(system: ActorSystem): this {
    system.tracer = this;
    return this;
  }

  // ---- ActorTracer ----

  startTurn(parent: TraceContext, kind: string, id: string, method: string, ask: boolean): TraceContext {
    // The kind is in the name; one attribute, as each costs a validation pass on every recorded turn.
    return this.tracer.startSpan(
      `${kind}.${method}`,
      { kind: ask ? SpanKind.SERVER : SpanKind.CONSUMER, attributes: { 'gamecluster.actor.id': id } },
      this.contextOf(parent),
    );
  }

  startSpan(name: string, parent: TraceContext | null, attributes: SpanAttributes, entry = false): TraceContext | null {
    if (parent === null && !this.sampleNewTrace()) return null;
    return this.tracer.startSpan(
      name,
      { kind: entry ? SpanKind.SERVER : SpanKind.INTERNAL, attributes },
      parent === null ? ROOT_CONTEXT : this.contextOf(parent),
    );
  }

  endSpan(span: TraceContext, failed: boolean, error: unknown): void {
    const otel = span as Span;
    if (failed) {
      const described = describeError(error);
      otel.setStatus({ code: SpanStatusCode.ERROR, message: described.message });
      otel.setAttribute('error.type', described.type);
    }
    otel.end();
  }

  toTraceparent(context: TraceContext): string {
    const { traceId, spanId } = context.spanContext();
    // Only sampled contexts travel (an unsampled trace has no spans to continue).
    return `00-${traceId}-${spanId}-01`;
  }

  fromTraceparent(traceparent: string): TraceContext | null {
    const context = parseTraceParent(traceparent);
    if (context === null || (context.traceFlags & TraceFlags.SAMPLED) === 0) return null;
    return trace.wrapSpanContext({ ...context, isRemote: true });
  }

  // ---- lifecycle ----

  /** Exports every finished span now. */
  forceFlush(): Promise<void> {
    return this.provider.forceFlush();
  }

  /** Exports what is left and stops; spans ended later are dropped. Call after the node stopped. */
  shutdown(): Promise<void> {
    return this.provider.shutdown();
  }

  private contextOf(parent: TraceContext): Context {
    if (parent !== this.lastParent) {
      this.lastParent = parent;
      this.lastParentContext = trace.setSpan(ROOT_CONTEXT, parent as Span);
    }
    return this.lastParentContext;
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
  return current === null ? ROOT_CONTEXT : trace.setSpan(ROOT_CONTEXT, current as Span);
}

/** A span's error status: the typed error's code (or the error's name) and its message. */
function describeError(error: unknown): { type: string; message: string } {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return { type: typeof code === 'string' ? code : error.name, message: error.message };
  }
  return { type: typeof error, message: String(error) };
}
