// Percentiles from the log-bucket histogram are within 1% of the exact ones.
import { describe, expect, it } from '@jest/globals';
import { LatencyHistogram } from './latency-histogram.ts';

describe('LatencyHistogram', () => {
  it('is empty at first', () => {
    expect(new LatencyHistogram().percentile(50)).toBe(0);
  });

  it('finds percentiles within 1%', () => {
    const histogram = new LatencyHistogram();
    for (let ms = 1; ms <= 1000; ms++) histogram.record(ms / 10); // 0.1 .. 100 ms
    const cases = [
      { percent: 50, exact: 50 },
      { percent: 99, exact: 99 },
      { percent: 100, exact: 100 },
    ];
    for (const { percent, exact } of cases) {
      const got = histogram.percentile(percent);
      expect(got).toBeGreaterThanOrEqual(exact * 0.99);
      expect(got).toBeLessThanOrEqual(exact * 1.01);
    }
    expect(histogram.count).toBe(1000);
  });

  it('clamps tiny and huge samples, and resets', () => {
    const histogram = new LatencyHistogram();
    histogram.record(0);
    histogram.record(1e12);
    expect(histogram.percentile(1)).toBeCloseTo(0.001);
    expect(histogram.percentile(100)).toBeGreaterThan(900_000);
    histogram.reset();
    expect(histogram.count).toBe(0);
  });
});
