// `--tracing console`: finished spans come out as one JSON line each, with the ids a log line's traceId matches.
import { describe, expect, it } from '@jest/globals';
import { NodeTracing } from './tracing.ts';
import { JsonLineSpanExporter } from './tracing-console-exporter.ts';

describe('JsonLineSpanExporter', () => {
  it('writes one JSON line per finished span, child and parent linked', async () => {
    const lines: string[] = [];
    const tracing = new NodeTracing({
      exporter: new JsonLineSpanExporter((line) => lines.push(line)),
      instanceId: 'n1',
    });
    const parent = tracing.startSpan('gate Player.collect', null, { 'rpc.method': 'collect' }, true)!;
    const child = tracing.startTurn(parent, 'Player.collect', 'p1', true);
    tracing.endSpan(child, true, new TypeError('no such coin'));
    tracing.endSpan(parent, false, undefined);
    await tracing.shutdown();

    expect(lines).toHaveLength(2);
    expect(lines.every((line) => line.endsWith('\n') && !line.slice(0, -1).includes('\n'))).toBe(true);
    const [turn, call] = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const { traceId, spanId } = parent.spanContext();
    expect(call).toMatchObject({ event: 'span', name: 'gate Player.collect', traceId, spanId, instance: 'n1' });
    expect(call!.parentSpanId).toBeUndefined();
    expect(turn).toMatchObject({
      name: 'Player.collect',
      traceId,
      parentSpanId: spanId,
      status: 2,
      error: 'no such coin',
      attributes: { 'gamecluster.actor.id': 'p1', 'error.type': 'TypeError' },
    });
    expect(typeof turn!.durationMs).toBe('number');
  });
});
