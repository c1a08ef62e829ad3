// A node's finished spans on their way to the exporter: queued as they end (the runtime's recorded spans and any
// SDK spans of game code), built into ReadableSpans and exported in batches, one export at a time, after a delay or
// as soon as a batch is full. A slow collector makes the queue fill, and what comes past its bound is dropped and
// counted: tracing never holds the node's memory or its message path hostage.
import { context } from '@opentelemetry/api';
import { ExportResultCode, type InstrumentationScope, suppressTracing } from '@opentelemetry/core';
import type { Resource } from '@opentelemetry/resources';
import type { ReadableSpan, SpanExporter, SpanProcessor } from '@opentelemetry/sdk-trace';
import { RecordedSpan } from './recorded-span.ts';

export interface SpanExportQueueOptions {
  readonly exporter: SpanExporter;
  /** The resource and scope of the runtime's spans (SDK spans bring their own). */
  readonly resource: Resource;
  readonly scope: InstrumentationScope;
  /** How long a finished span waits for its batch to be exported. */
  readonly exportDelayMs: number;
  /** Finished spans held while the exporter is slow; more are dropped. */
  readonly maxQueuedSpans: number;
  /** Spans per export call (at most maxQueuedSpans). */
  readonly maxExportBatchSpans: number;
  /** How long one export may take before it counts as failed and the next one starts (default: 30000). */
  readonly exportTimeoutMs?: number;
}

const DEFAULT_EXPORT_TIMEOUT_MS = 30_000;

export class SpanExportQueue {
  /** Spans dropped because the queue was full or the queue had shut down. */
  droppedSpans = 0;
  /** Export calls that failed or timed out. */
  failedExports = 0;
  /** Spans in those calls: lost too. */
  failedSpans = 0;
  /** Spans the exporter took. */
  exportedSpans = 0;
  private queued: (RecordedSpan | ReadableSpan)[] = [];
  private readonly batchSize: number;
  private timer: NodeJS.Timeout | null = null;
  private exporting: Promise<void> | null = null;
  private closed = false;

  private readonly options: SpanExportQueueOptions;

  constructor(options: SpanExportQueueOptions) {
    this.options = options;
    this.batchSize = Math.max(1, Math.min(options.maxExportBatchSpans, options.maxQueuedSpans));
  }

  /** Queues a finished span. */
  add(span: RecordedSpan | ReadableSpan): void {
    if (this.closed || this.queued.length >= this.options.maxQueuedSpans) {
      this.droppedSpans++;
      return;
    }
    this.queued.push(span);
    if (this.exporting !== null) return;
    if (this.queued.length >= this.batchSize) this.exportNext();
    else if (this.timer === null) {
      this.timer = setTimeout(() => this.exportNext(), this.options.exportDelayMs);
      this.timer.unref();
    }
  }

  /** Exports everything queued now, batch after batch; resolves when the last export finished. */
  async flush(): Promise<void> {
    while (this.exporting !== null || this.queued.length > 0) {
      if (this.exporting === null) this.exportNext();
      await this.exporting;
    }
  }

  /** Exports what is queued, then shuts the exporter down; spans that end later are dropped. */
  async shutdown(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.flush();
    await this.options.exporter.shutdown();
  }

  /** A span processor that hands the SDK spans of a tracer provider (game code's own spans) to this queue. */
  processor(): SpanProcessor {
    return {
      onStart: () => {},
      onEnd: (span) => this.add(span),
      forceFlush: () => this.flush(),
      // The queue's owner shuts it down (and the exporter with it) after the provider.
      shutdown: () => Promise.resolve(),
    };
  }

  private exportNext(): void {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.exporting !== null || this.queued.length === 0) return;
    const taken = this.queued.length <= this.batchSize ? this.queued : this.queued.splice(0, this.batchSize);
    if (taken === this.queued) this.queued = [];
    this.exporting = this.exportBatch(taken.map((span) => this.readable(span))).then(() => {
      this.exporting = null;
      // What queued up meanwhile: a full batch goes now, the rest after the delay.
      if (this.queued.length >= this.batchSize) this.exportNext();
      else if (this.queued.length > 0 && !this.closed && this.timer === null) {
        this.timer = setTimeout(() => this.exportNext(), this.options.exportDelayMs);
        this.timer.unref();
      }
    });
  }

  private readable(span: RecordedSpan | ReadableSpan): ReadableSpan {
    return span instanceof RecordedSpan ? span.toReadable(this.options.resource, this.options.scope) : span;
  }

  /** One export call; resolves (never rejects) when it reported, failed or timed out. */
  private exportBatch(spans: ReadableSpan[]): Promise<void> {
    return new Promise<void>((resolve) => {
      let settled = false;
      const settle = (ok: boolean) => {
        if (settled) return;
        settled = true;
        clearTimeout(timeout);
        if (ok) this.exportedSpans += spans.length;
        else {
          this.failedExports++;
          this.failedSpans += spans.length;
        }
        resolve();
      };
      const timeout = setTimeout(() => settle(false), this.options.exportTimeoutMs ?? DEFAULT_EXPORT_TIMEOUT_MS);
      timeout.unref();
      // The exporter's own I/O (an HTTP request) is not traced.
      context.with(suppressTracing(context.active()), () => {
        try {
          this.options.exporter.export(spans, (result) => settle(result.code === ExportResultCode.SUCCESS));
        } catch {
          settle(false);
        }
      });
    });
  }
}
