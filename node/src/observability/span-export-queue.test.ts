// The export queue: batches by size and by delay, one export at a time, a bound that drops and counts, failed and
// hung exports counted without stalling the queue, flush and shutdown exporting what is left.
import { afterEach, describe, expect, it } from '@jest/globals';
import { SpanKind } from '@opentelemetry/api';
import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import { resourceFromAttributes } from '@opentelemetry/resources';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';
import { RecordedSpan, TraceId } from './recorded-span.ts';
import { SpanExportQueue, type SpanExportQueueOptions } from './span-export-queue.ts';

/**
 * An exporter that records each call and answers as `script` says, one entry per call ('hang': the test answers
 * through `callbacks`, or nobody does); past the script's end it succeeds at once.
 */
class ScriptedExporter implements SpanExporter {
  readonly batches: ReadableSpan[][] = [];
  readonly callbacks: ((result: ExportResult) => void)[] = [];
  readonly script: ('ok' | 'fail' | 'hang')[] = [];
  shutdowns = 0;

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    this.batches.push(spans);
    const step = this.script.shift() ?? 'ok';
    if (step === 'hang') this.callbacks.push(resultCallback);
    else resultCallback({ code: step === 'ok' ? ExportResultCode.SUCCESS : ExportResultCode.FAILED });
  }

  shutdown(): Promise<void> {
    this.shutdowns++;
    return Promise.resolve();
  }
}

const queues: SpanExportQueue[] = [];

function queueWith(exporter: SpanExporter, options: Partial<SpanExportQueueOptions> = {}): SpanExportQueue {
  const queue = new SpanExportQueue({
    exporter,
    resource: resourceFromAttributes({ 'service.name': 'test' }),
    scope: { name: 'test' },
    exportDelayMs: 60_000,
    maxQueuedSpans: 100,
    maxExportBatchSpans: 10,
    ...options,
  });
  queues.push(queue);
  return queue;
}

function finishedSpan(name: string): RecordedSpan {
  const span = new RecordedSpan(name, SpanKind.INTERNAL, null, { n: name }, TraceId.random());
  span.end(false, '', '');
  return span;
}

afterEach(async () => {
  for (const queue of queues.splice(0)) await queue.shutdown();
});

describe('SpanExportQueue', () => {
  it('exports a full batch at once and the rest after the delay', async () => {
    const exporter = new ScriptedExporter();
    const queue = queueWith(exporter, { exportDelayMs: 50 });
    for (let i = 0; i < 13; i++) queue.add(finishedSpan(`s${i}`));
    expect(exporter.batches.map((batch) => batch.length)).toEqual([10]);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(exporter.batches.map((batch) => batch.length)).toEqual([10, 3]);
    expect(exporter.batches.flat().map((span) => span.name)).toEqual(Array.from({ length: 13 }, (_, i) => `s${i}`));
  });

  it('builds ReadableSpans an exporter can use', async () => {
    const exporter = new ScriptedExporter();
    const queue = queueWith(exporter);
    const parent = new RecordedSpan('parent', SpanKind.SERVER, null, {}, TraceId.random());
    const child = RecordedSpan.turn('Player.collect', true, parent, 'p1');
    child.end(true, 'GC_ERR_TEST', 'it broke');
    parent.end(false, '', '');
    queue.add(child);
    queue.add(parent);
    await queue.flush();
    const [readableChild, readableParent] = exporter.batches[0]!;
    expect(readableChild!.parentSpanContext?.spanId).toBe(parent.spanContext().spanId);
    expect(readableChild!.spanContext().traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(readableChild!.spanContext().traceId).toBe(readableParent!.spanContext().traceId);
    expect(readableChild!.spanContext().spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(readableChild!.kind).toBe(SpanKind.SERVER);
    expect(readableChild!.attributes).toEqual({ 'gamecluster.actor.id': 'p1', 'error.type': 'GC_ERR_TEST' });
    expect(readableChild!.status).toEqual({ code: 2, message: 'it broke' });
    expect(readableParent!.parentSpanContext).toBeUndefined();
    expect(readableParent!.resource.attributes['service.name']).toBe('test');
    // The end is not before the start, and the duration is their difference.
    const startNs = readableChild!.startTime[0] * 1e9 + readableChild!.startTime[1];
    const endNs = readableChild!.endTime[0] * 1e9 + readableChild!.endTime[1];
    expect(endNs).toBeGreaterThanOrEqual(startNs);
    expect(Math.abs(startNs / 1e6 - Date.now())).toBeLessThan(60_000);
  });

  it('drops and counts what comes past its bound while the exporter is slow', async () => {
    const exporter = new ScriptedExporter();
    exporter.script.push('hang');
    const queue = queueWith(exporter, { maxQueuedSpans: 20, maxExportBatchSpans: 10 });
    for (let i = 0; i < 35; i++) queue.add(finishedSpan(`s${i}`));
    // One export in flight (10 spans taken), 20 queued behind it, 5 dropped.
    expect(exporter.batches).toHaveLength(1);
    expect(queue.droppedSpans).toBe(5);
    exporter.callbacks.shift()!({ code: ExportResultCode.SUCCESS });
    await queue.flush();
    expect(exporter.batches.flat()).toHaveLength(30);
  });

  it('counts a failed export and a hung one, and goes on with the next batch', async () => {
    const exporter = new ScriptedExporter();
    exporter.script.push('fail', 'hang');
    const queue = queueWith(exporter, { exportTimeoutMs: 50 });
    for (let i = 0; i < 10; i++) queue.add(finishedSpan(`failed${i}`));
    for (let i = 0; i < 10; i++) queue.add(finishedSpan(`hung${i}`));
    queue.add(finishedSpan('after'));
    await queue.flush();
    expect(queue.failedExports).toBe(2);
    expect(exporter.batches.map((batch) => batch.length)).toEqual([10, 10, 1]);
  });

  it('counts an exporter that throws as a failed export', async () => {
    const queue = queueWith({
      export: () => {
        throw new Error('exporter bug');
      },
      shutdown: () => Promise.resolve(),
    });
    queue.add(finishedSpan('s'));
    await queue.flush();
    expect(queue.failedExports).toBe(1);
  });

  it('exports what is left at shutdown, shuts the exporter down once, and drops later spans', async () => {
    const exporter = new ScriptedExporter();
    const queue = queueWith(exporter);
    for (let i = 0; i < 3; i++) queue.add(finishedSpan(`s${i}`));
    await queue.shutdown();
    await queue.shutdown();
    expect(exporter.batches.flat()).toHaveLength(3);
    expect(exporter.shutdowns).toBe(1);
    queue.add(finishedSpan('late'));
    expect(queue.droppedSpans).toBe(1);
  });
});
