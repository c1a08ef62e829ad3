// The spans the runtime records on the message path (turns, activations, client calls, flushes), as plain objects:
// ids as numbers until someone reads them, times as performance.now() readings, attributes as given. An
// OpenTelemetry SDK span costs microseconds in a busy node (its validation, context and id strings); this costs
// about what a message does. The export queue builds the SDK's ReadableSpan from it, off the message path.
import { type SpanContext, SpanKind, SpanStatusCode, TraceFlags } from '@opentelemetry/api';
import { addHrTimes, type InstrumentationScope, millisToHrTime } from '@opentelemetry/core';
import type { Resource } from '@opentelemetry/resources';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import type { SpanAttributes, TraceContext } from '../actor/actor-tracer.ts';

const UNSET_STATUS = Object.freeze({ code: SpanStatusCode.UNSET });
// Epoch time of performance.now() = 0, as OpenTelemetry's HrTime: readings are added to it at export.
const TIME_ORIGIN = millisToHrTime(performance.timeOrigin);

/** A 32-bit random word; two make a span id, four a trace id. */
function randomWord(): number {
  return (Math.random() * 0x1_0000_0000) >>> 0;
}

const HEX_BYTES = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

function hex8(word: number): string {
  return (
    HEX_BYTES[word >>> 24]! +
    HEX_BYTES[(word >>> 16) & 0xff]! +
    HEX_BYTES[(word >>> 8) & 0xff]! +
    HEX_BYTES[word & 0xff]!
  );
}

/**
 * A trace's id, shared by reference by every span of the trace recorded here: four random words, formatted as 32
 * lowercase hex digits the first time someone reads it (a log line, a traceparent, the export).
 */
export class TraceId {
  private text: string | null;
  private readonly words: readonly number[];

  private constructor(text: string | null, words: readonly number[]) {
    this.text = text;
    this.words = words;
  }

  /** A new random id, not all zero (W3C trace context). */
  static random(): TraceId {
    const words = [randomWord(), randomWord(), randomWord(), randomWord() || 1];
    return new TraceId(null, words);
  }

  /** The id a traceparent from another process carries. */
  static of(text: string): TraceId {
    return new TraceId(text, []);
  }

  toString(): string {
    if (this.text === null) this.text = this.words.map(hex8).join('');
    return this.text;
  }
}

/** The trace id of a span as a shared TraceId: a recorded span's own, or one for a context from elsewhere. */
export function traceIdOf(span: TraceContext): TraceId {
  return span instanceof RecordedSpan || span instanceof RemoteTrace
    ? span.trace
    : TraceId.of(span.spanContext().traceId);
}

/** A sampled span context from another process (a traceparent); the parent of the turns it starts here. */
export class RemoteTrace implements TraceContext {
  readonly trace: TraceId;
  private readonly context: SpanContext;

  constructor(traceId: string, spanId: string) {
    this.trace = TraceId.of(traceId);
    this.context = { traceId, spanId, traceFlags: TraceFlags.SAMPLED, isRemote: true };
  }

  spanContext(): SpanContext {
    return this.context;
  }
}

/** One recorded span: started at construction, ended by end(). */
export class RecordedSpan implements TraceContext {
  readonly trace: TraceId;
  /** Milliseconds (performance.now()) at start and end; end is -1 while running. */
  readonly startMs: number;
  endMs = -1;
  failed = false;
  errorType = '';
  errorMessage = '';
  // The span id as two random words, formatted only when read (most spans are only exported, in batches).
  private readonly idHigh: number;
  private readonly idLow: number;
  private context: SpanContext | null = null;

  readonly name: string;
  readonly kind: SpanKind;
  /** The span this one is a child of (a RecordedSpan here, a RemoteTrace from another process), or null. */
  readonly parent: TraceContext | null;
  readonly attributes: SpanAttributes;

  /** `trace`: the parent's (traceIdOf), or TraceId.random() for a root span. */
  constructor(name: string, kind: SpanKind, parent: TraceContext | null, attributes: SpanAttributes, trace: TraceId) {
    this.name = name;
    this.kind = kind;
    this.parent = parent;
    this.attributes = attributes;
    this.trace = trace;
    this.startMs = performance.now();
    const high = randomWord();
    // A span id is never all zero (W3C trace context): a zero high word makes the low one non-zero.
    this.idHigh = high;
    this.idLow = high === 0 ? randomWord() | 1 : randomWord();
  }

  /** A turn's span: its actor id is its one attribute. */
  static turn(name: string, ask: boolean, parent: TraceContext, actorId: string): RecordedSpan {
    return new RecordedSpan(
      name,
      ask ? SpanKind.SERVER : SpanKind.CONSUMER,
      parent,
      { 'gamecluster.actor.id': actorId },
      traceIdOf(parent),
    );
  }

  spanContext(): SpanContext {
    if (this.context === null) {
      this.context = {
        traceId: this.trace.toString(),
        spanId: hex8(this.idHigh) + hex8(this.idLow),
        traceFlags: TraceFlags.SAMPLED,
      };
    }
    return this.context;
  }

  end(failed: boolean, errorType: string, errorMessage: string): void {
    this.endMs = performance.now();
    if (failed) {
      this.failed = true;
      this.errorType = errorType;
      this.errorMessage = errorMessage;
    }
  }

  private parentSpanContext(): SpanContext | undefined {
    if (this.parent === null) return undefined;
    if (this.parent instanceof RemoteTrace || this.parent instanceof RecordedSpan) return this.parent.spanContext();
    const { traceId, spanId } = this.parent.spanContext();
    return { traceId, spanId, traceFlags: TraceFlags.SAMPLED };
  }

  /** The SDK's view of this span, for exporters; `resource` and `scope` are the tracer's (shared by its spans). */
  toReadable(resource: Resource, scope: InstrumentationScope): ReadableSpan {
    const startTime = addHrTimes(TIME_ORIGIN, millisToHrTime(this.startMs));
    const durationMs = Math.max(0, this.endMs - this.startMs);
    const endTime = addHrTimes(startTime, millisToHrTime(durationMs));
    return {
      name: this.name,
      kind: this.kind,
      spanContext: () => this.spanContext(),
      parentSpanContext: this.parentSpanContext(),
      startTime,
      endTime,
      duration: millisToHrTime(durationMs),
      status: this.failed ? { code: SpanStatusCode.ERROR, message: this.errorMessage } : UNSET_STATUS,
      // A copy: callers may pass one constant object to many spans, and exporters own what they are given.
      attributes: this.failed ? { ...this.attributes, 'error.type': this.errorType } : { ...this.attributes },
      links: [],
      events: [],
      ended: true,
      resource,
      instrumentationScope: scope,
      droppedAttributesCount: 0,
      droppedEventsCount: 0,
      droppedLinksCount: 0,
    };
  }
}
