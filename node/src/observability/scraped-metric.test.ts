// Scraped metrics on a real prom-client Registry: the exposition it writes for counters, gauges and histograms
// (labels, default labels, cumulative buckets, empty series left out), values read afresh on every scrape, and the
// specs it refuses.
import { describe, expect, it } from '@jest/globals';
import { Registry } from 'prom-client';
import { BucketHistogram } from './bucket-histogram.ts';
import { InvalidMetricError } from './errors.ts';
import { registerScraped, registerScrapedHistogram } from './scraped-metric.ts';

describe('registerScraped', () => {
  it('writes an unlabelled counter and a labelled gauge, read on every scrape, with the default labels', async () => {
    const registry = new Registry();
    registry.setDefaultLabels({ role: 'zone' });
    let things = 3;
    registerScraped(registry, { name: 'x_things_total', help: 'Things.', type: 'counter', read: () => things });
    registerScraped(registry, {
      name: 'x_peers',
      help: 'Peers.',
      type: 'gauge',
      labelNames: ['state'],
      read: () => [
        { labels: { state: 'up' }, value: 2 },
        { labels: { state: 'down' }, value: 0 },
      ],
    });
    expect(await registry.metrics()).toBe(
      [
        '# HELP x_things_total Things.',
        '# TYPE x_things_total counter',
        'x_things_total{role="zone"} 3',
        '',
        '# HELP x_peers Peers.',
        '# TYPE x_peers gauge',
        'x_peers{state="up",role="zone"} 2',
        'x_peers{state="down",role="zone"} 0',
        '',
      ].join('\n'),
    );
    things = 4;
    expect(await registry.metrics()).toContain('x_things_total{role="zone"} 4');
  });

  it('writes histograms with cumulative buckets, leaving labelled series with no observations out', async () => {
    const registry = new Registry();
    const plain = new BucketHistogram([0.1, 1]);
    plain.observe(0.05);
    plain.observe(0.5);
    plain.observe(3);
    const busy = new BucketHistogram([0.1, 1]);
    busy.observe(0.2, 64);
    registerScrapedHistogram(registry, { name: 'x_seconds', help: 'Durations.', read: () => plain });
    registerScrapedHistogram(registry, {
      name: 'x_turn_seconds',
      help: 'Turns.',
      labelNames: ['kind'],
      read: () => [
        { labels: { kind: 'Busy' }, histogram: busy },
        { labels: { kind: 'Idle' }, histogram: new BucketHistogram([0.1, 1]) },
      ],
    });
    expect(await registry.metrics()).toBe(
      [
        '# HELP x_seconds Durations.',
        '# TYPE x_seconds histogram',
        'x_seconds_bucket{le="0.1"} 1',
        'x_seconds_bucket{le="1"} 2',
        'x_seconds_bucket{le="+Inf"} 3',
        'x_seconds_sum 3.55',
        'x_seconds_count 3',
        '',
        '# HELP x_turn_seconds Turns.',
        '# TYPE x_turn_seconds histogram',
        'x_turn_seconds_bucket{kind="Busy",le="0.1"} 0',
        'x_turn_seconds_bucket{kind="Busy",le="1"} 64',
        'x_turn_seconds_bucket{kind="Busy",le="+Inf"} 64',
        'x_turn_seconds_sum{kind="Busy"} 12.8',
        'x_turn_seconds_count{kind="Busy"} 64',
        '',
      ].join('\n'),
    );
  });

  it('keeps its values when the registry resets its metrics', async () => {
    const registry = new Registry();
    registerScraped(registry, { name: 'x_total', help: 'X.', type: 'counter', read: () => 7 });
    registry.resetMetrics();
    expect(await registry.metrics()).toContain('x_total 7');
  });

  const refused: { desc: string; register: (registry: Registry) => void; want: RegExp }[] = [
    {
      desc: 'a name Prometheus cannot take',
      register: (r) => registerScraped(r, { name: 'x-y', help: 'h', type: 'gauge', read: () => 0 }),
      want: /not a Prometheus name/,
    },
    {
      desc: 'a bad label name',
      register: (r) =>
        registerScraped(r, { name: 'x', help: 'h', type: 'gauge', labelNames: ['__reserved'], read: () => 0 }),
      want: /label "__reserved"/,
    },
    {
      desc: 'a histogram label named le',
      register: (r) =>
        registerScrapedHistogram(r, { name: 'x', help: 'h', labelNames: ['le'], read: () => new BucketHistogram([1]) }),
      want: /'le' is reserved/,
    },
    {
      desc: 'a name registered twice',
      register: (r) => {
        registerScraped(r, { name: 'x', help: 'h', type: 'gauge', read: () => 0 });
        registerScraped(r, { name: 'x', help: 'h', type: 'counter', read: () => 0 });
      },
      want: /already registered/,
    },
  ];
  it.each(refused)('refuses $desc', ({ register, want }) => {
    const registry = new Registry();
    let thrown: unknown;
    try {
      register(registry);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidMetricError);
    expect((thrown as InvalidMetricError).code).toBe('GC_ERR_INVALID_METRIC');
    expect((thrown as Error).message).toMatch(want);
  });
});
