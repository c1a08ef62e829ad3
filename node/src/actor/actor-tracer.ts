// The runtime's hook for distributed tracing: what a message carries (the sender's trace context), what a traced
// turn reports (a span), and where the trace of the code running now lives. The observability layer implements
// ActorTracer with OpenTelemetry; an ActorSystem without one (the default) pays one field check per message.
import { currentTurnOwner } from './turn-context.ts';

/**
 * A sampled trace context as the runtime carries it: an OpenTelemetry span to the tracer, opaque here except for
 * the ids that log lines and the envelope need.
 */
export interface TraceContext {
  spanContext(): { readonly traceId: string; readonly spanId: string };
}

/** Attribute values a span takes (OpenTelemetry's primitive attribute values). */
export type SpanAttributes = Readonly<Record<string, string | number | boolean>>;

export interface ActorTracer {
  /**
   * Starts the span of a traced message's turn on actor `id`, as a child of the context the message carried;
   * `name` is the method's `<Kind>.<method>`.
   */
  startTurn(parent: TraceContext, name: string, id: string, ask: boolean): TraceContext;
  /**
   * Starts a span of runtime work (an activation, a flush, a gate request): a child of `parent`, or without one a
   * new trace subject to the sample ratio; null when that trace is not sampled (nothing is recorded or carried).
   * `entry`: the span is where a client's call enters the cluster (a server span).
   */
  startSpan(
    name: string,
    parent: TraceContext | null,
    attributes: SpanAttributes,
    entry?: boolean,
  ): TraceContext | null;
  /** Ends a span this tracer started; `failed` with what was thrown. */
  endSpan(span: TraceContext, failed: boolean, error: unknown): void;
  /** The W3C traceparent of a context, for the mesh envelope. */
  toTraceparent(trace: TraceContext): string;
  /** The sampled context a traceparent from another node names; null when malformed or not sampled. */
  fromTraceparent(traceparent: string): TraceContext | null;
}

// The trace of code outside any actor turn that is running now (a gate request handing a call to the runtime).
// Set and restored around synchronous calls only, like the turn context's sync owner, so it never outlives them.
let ambient: TraceContext | null = null;

/** Makes `trace` the current one outside turns for a synchronous call; returns the previous one to restore. */
export function enterAmbientTrace(trace: TraceContext | null): TraceContext | null {
  const previous = ambient;
  ambient = trace;
  return previous;
}

/** The trace context of the code running now: the running turn's, else the ambient one; null when untraced. */
export function currentTrace(): TraceContext | null {
  const owner = currentTurnOwner();
  return owner === undefined ? ambient : owner.turnTrace;
}

/** The trace id of the code running now, for log lines; undefined when untraced. */
export function currentTraceId(): string | undefined {
  return currentTrace()?.spanContext().traceId;
}

/** The trace of the code outside turns running now (what a message sent from outside a turn carries). */
export function ambientTrace(): TraceContext | null {
  return ambient;
}
