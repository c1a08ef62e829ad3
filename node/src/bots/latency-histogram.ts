// Latency percentiles without keeping every sample: log-spaced buckets 1% apart from 1 µs to ~17 minutes, so a
// long bot run at high rates costs a fixed ~2 000 counters and any percentile is within 1% of the true value.

const MIN_MS = 0.001;
const GROWTH = 1.01;
const BUCKETS = Math.ceil(Math.log(1_000_000 / MIN_MS) / Math.log(GROWTH)) + 1;

export class LatencyHistogram {
  private readonly counts = new Float64Array(BUCKETS);
  private total = 0;

  get count(): number {
    return this.total;
  }

  record(ms: number): void {
    const index = ms <= MIN_MS ? 0 : Math.min(BUCKETS - 1, Math.ceil(Math.log(ms / MIN_MS) / Math.log(GROWTH)));
    this.counts[index]! += 1;
    this.total++;
  }

  /** The latency below which `percent`% of the samples fall (upper bound of its bucket); 0 when empty. */
  percentile(percent: number): number {
    if (this.total === 0) return 0;
    const rank = Math.max(1, Math.ceil((percent / 100) * this.total));
    let seen = 0;
    for (let index = 0; index < BUCKETS; index++) {
      seen += this.counts[index]!;
      if (seen >= rank) return MIN_MS * GROWTH ** index;
    }
    return MIN_MS * GROWTH ** (BUCKETS - 1);
  }

  reset(): void {
    this.counts.fill(0);
    this.total = 0;
  }
}
