// `--tracing console`: each finished span as one JSON line on stderr, beside the node's logs. The SDK's own console
// exporter prints multi-line objects to stdout, where a node keeps its one machine-read line (`node.ready`).
import { type ExportResult, ExportResultCode, hrTimeToMilliseconds } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';

export type WriteLine = (line: string) => void;

export class JsonLineSpanExporter implements SpanExporter {
  private readonly write: WriteLine;

  /** `write` receives each line with its newline (default: process.stderr). */
  constructor(write: WriteLine = (line) => process.stderr.write(line)) {
    this.write = write;
  }

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    for (const span of spans) this.write(`${JSON.stringify(spanLine(span))}\n`);
    resultCallback({ code: ExportResultCode.SUCCESS });
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

/** The fields of one span line: ids (so a log line's traceId finds it), timing, outcome and attributes. */
export function spanLine(span: ReadableSpan): Record<string, unknown> {
  const context = span.spanContext();
  return {
    time: new Date(hrTimeToMilliseconds(span.startTime)).toISOString(),
    event: 'span',
    name: span.name,
    traceId: context.traceId,
    spanId: context.spanId,
    parentSpanId: span.parentSpanContext?.spanId,
    kind: span.kind,
    durationMs: hrTimeToMilliseconds(span.duration),
    status: span.status.code,
    error: span.status.message,
    attributes: span.attributes,
    instance: span.resource.attributes['service.instance.id'],
  };
}
