// Prometheus metrics whose values are read from the node when /metrics is scraped: the layers keep plain counters,
// gauges they can compute and BucketHistograms, and nothing on their hot paths knows about prom-client. Registered
// on a node's own prom-client Registry (never the global one: a test process runs several nodes).
import type { Metric, Registry } from 'prom-client';
import type { BucketHistogram } from './bucket-histogram.ts';
import { InvalidMetricError } from './errors.ts';

export type LabelValues = Readonly<Record<string, string>>;

/** One series of a counter or gauge. */
export interface Sample {
  readonly labels?: LabelValues;
  readonly value: number;
}

/** One series of a histogram. */
export interface HistogramSample {
  readonly labels?: LabelValues;
  readonly histogram: BucketHistogram;
}

export interface ScrapedMetricSpec {
  readonly name: string;
  readonly help: string;
  readonly type: 'counter' | 'gauge';
  readonly labelNames?: readonly string[];
  /** Runs on every scrape: the value of an unlabelled metric, or one sample per series. */
  readonly read: () => number | Iterable<Sample>;
}

export interface ScrapedHistogramSpec {
  readonly name: string;
  readonly help: string;
  readonly labelNames?: readonly string[];
  /** Runs on every scrape: the histogram of an unlabelled metric, or one per series (empty ones are left out). */
  readonly read: () => BucketHistogram | Iterable<HistogramSample>;
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

interface PromValue {
  value: number;
  labels: Record<string, string>;
  metricName?: string;
}

/** The shape prom-client's Registry reads from a metric (its `get()`); a Registry calls nothing else on a scrape. */
class ScrapedCollector {
  readonly name: string;
  readonly help: string;
  readonly type: 'counter' | 'gauge' | 'histogram';
  readonly aggregator = 'sum';
  private readonly values: () => PromValue[];

  constructor(name: string, help: string, type: ScrapedCollector['type'], values: () => PromValue[]) {
    this.name = name;
    this.help = help;
    this.type = type;
    this.values = values;
  }

  async get(): Promise<{ name: string; help: string; type: string; aggregator: string; values: PromValue[] }> {
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values: this.values() };
  }

  /** Registry.resetMetrics(): the values belong to the node's layers, which a scrape never resets. */
  reset(): void {}
}

/** Registers a counter or gauge read at scrape time. Throws InvalidMetricError for a malformed spec. */
export function registerScraped(registry: Registry, spec: ScrapedMetricSpec): void {
  checkSpec(registry, spec.name, spec.labelNames ?? []);
  const values = (): PromValue[] => {
    const read = spec.read();
    if (typeof read === 'number') return [{ value: read, labels: {} }];
    const out: PromValue[] = [];
    for (const sample of read) out.push({ value: sample.value, labels: { ...sample.labels } });
    return out;
  };
  register(registry, new ScrapedCollector(spec.name, spec.help, spec.type, values));
}

/** Registers a histogram read at scrape time from BucketHistograms. Throws InvalidMetricError for a malformed spec. */
export function registerScrapedHistogram(registry: Registry, spec: ScrapedHistogramSpec): void {
  const labelNames = spec.labelNames ?? [];
  checkSpec(registry, spec.name, labelNames);
  if (labelNames.includes('le')) throw new InvalidMetricError(`${spec.name}: 'le' is reserved for histogram buckets`);
  const values = (): PromValue[] => {
    const read = spec.read();
    const samples: Iterable<HistogramSample> = 'observe' in read ? [{ histogram: read }] : read;
    const out: PromValue[] = [];
    for (const { labels, histogram } of samples) {
      if (histogram.count === 0 && labelNames.length > 0) continue;
      appendHistogram(out, spec.name, labels ?? {}, histogram);
    }
    return out;
  };
  register(registry, new ScrapedCollector(spec.name, spec.help, 'histogram', values));
}

function appendHistogram(out: PromValue[], name: string, labels: LabelValues, histogram: BucketHistogram): void {
  const cumulative = histogram.cumulative();
  const bounds = histogram.bounds;
  for (let i = 0; i < bounds.length; i++) {
    out.push({ metricName: `${name}_bucket`, labels: { ...labels, le: String(bounds[i]) }, value: cumulative[i]! });
  }
  out.push({ metricName: `${name}_bucket`, labels: { ...labels, le: '+Inf' }, value: cumulative[bounds.length]! });
  out.push({ metricName: `${name}_sum`, labels: { ...labels }, value: histogram.sum });
  out.push({ metricName: `${name}_count`, labels: { ...labels }, value: histogram.count });
}

function checkSpec(registry: Registry, name: string, labelNames: readonly string[]): void {
  if (typeof name !== 'string' || !METRIC_NAME.test(name)) {
    throw new InvalidMetricError(
      `metric name ${JSON.stringify(name)} is not a Prometheus name ([a-zA-Z_:][a-zA-Z0-9_:]*)`,
    );
  }
  for (const label of labelNames) {
    if (!LABEL_NAME.test(label) || label.startsWith('__')) {
      throw new InvalidMetricError(`${name}: label ${JSON.stringify(label)} is not a Prometheus label name`);
    }
  }
  if (registry.getSingleMetric(name) !== undefined) {
    throw new InvalidMetricError(`${name} is already registered on this registry; register each metric once`);
  }
}

function register(registry: Registry, collector: ScrapedCollector): void {
  // prom-client types registerMetric for its own classes; its Registry reads only name, type and get() (see above).
  registry.registerMetric(collector as unknown as Metric);
}
