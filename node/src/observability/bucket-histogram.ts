// A histogram a hot path can feed: fixed upper bounds, per-bucket counts in a Float64Array, a sum and a count.
// observe() is a short scan and three additions, no allocation and no labels; the admin side reads it at scrape
// time and writes Prometheus buckets (cumulative) from it. Layers keep one per thing they measure.
import { InvalidMetricError } from './errors.ts';

export class BucketHistogram {
  /** Upper bounds, increasing; the last bucket (+Inf) is implicit. */
  readonly bounds: Float64Array;
  /** Observations per bucket (not cumulative): counts[i] for bounds[i-1] < v <= bounds[i], the last for +Inf. */
  readonly counts: Float64Array;
  sum = 0;
  count = 0;

  constructor(bounds: readonly number[]) {
    checkBounds(bounds);
    this.bounds = Float64Array.from(bounds);
    this.counts = new Float64Array(bounds.length + 1);
  }

  /**
   * Records `value`; `weight` > 1 when the caller times one event in `weight` (a sampled hot path), so the count
   * and sum still estimate every event.
   */
  observe(value: number, weight = 1): void {
    const bounds = this.bounds;
    let i = 0;
    while (i < bounds.length && value > bounds[i]!) i++;
    this.counts[i]! += weight;
    this.sum += value * weight;
    this.count += weight;
  }

  /** Cumulative counts per bound, +Inf last: what Prometheus `_bucket` series carry. */
  cumulative(): number[] {
    const out = new Array<number>(this.counts.length);
    let running = 0;
    for (let i = 0; i < this.counts.length; i++) {
      running += this.counts[i]!;
      out[i] = running;
    }
    return out;
  }
}

function checkBounds(bounds: readonly number[]): void {
  if (!Array.isArray(bounds) || bounds.length === 0) {
    throw new InvalidMetricError('a histogram needs at least one bucket bound');
  }
  for (let i = 0; i < bounds.length; i++) {
    const bound = bounds[i];
    if (typeof bound !== 'number' || !Number.isFinite(bound) || (i > 0 && bound <= bounds[i - 1]!)) {
      throw new InvalidMetricError(
        `histogram bounds must be finite and increasing; bound ${i} is ${String(bound)} in [${bounds.join(', ')}]`,
      );
    }
  }
}
