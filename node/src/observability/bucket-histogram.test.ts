// BucketHistogram: where observations land (bounds are inclusive upper bounds), weights, cumulative counts, and
// bounds it refuses.
import { describe, expect, it } from '@jest/globals';
import { BucketHistogram } from './bucket-histogram.ts';
import { InvalidMetricError } from './errors.ts';

describe('BucketHistogram', () => {
  const cases: { desc: string; values: number[]; want: number[] }[] = [
    { desc: 'nothing observed', values: [], want: [0, 0, 0, 0] },
    { desc: 'a value on a bound goes in that bucket', values: [1, 2, 5], want: [1, 1, 1, 0] },
    { desc: 'below the first bound', values: [0, -3, 0.5], want: [3, 0, 0, 0] },
    { desc: 'above the last bound goes to +Inf', values: [5.01, 1e9], want: [0, 0, 0, 2] },
    { desc: 'between bounds', values: [1.5, 3, 4.99], want: [0, 1, 2, 0] },
  ];
  it.each(cases)('counts per bucket: $desc', ({ values, want }) => {
    const histogram = new BucketHistogram([1, 2, 5]);
    for (const value of values) histogram.observe(value);
    expect([...histogram.counts]).toEqual(want);
    expect(histogram.count).toBe(values.length);
    expect(histogram.sum).toBeCloseTo(values.reduce((a, b) => a + b, 0));
  });

  it('counts a weighted observation as that many', () => {
    const histogram = new BucketHistogram([1, 2]);
    histogram.observe(1.5, 64);
    histogram.observe(0.5);
    expect([...histogram.counts]).toEqual([1, 64, 0]);
    expect(histogram.count).toBe(65);
    expect(histogram.sum).toBeCloseTo(96.5);
  });

  it('answers cumulative counts, +Inf last', () => {
    const histogram = new BucketHistogram([1, 2, 5]);
    for (const value of [0.5, 1.5, 1.7, 3, 9]) histogram.observe(value);
    expect(histogram.cumulative()).toEqual([1, 3, 4, 5]);
  });

  const refused: { desc: string; bounds: number[] }[] = [
    { desc: 'no bounds', bounds: [] },
    { desc: 'decreasing', bounds: [1, 0.5] },
    { desc: 'repeated', bounds: [1, 1] },
    { desc: 'not finite', bounds: [1, Number.POSITIVE_INFINITY] },
    { desc: 'NaN', bounds: [Number.NaN] },
  ];
  it.each(refused)('refuses bounds: $desc', ({ bounds }) => {
    expect(() => new BucketHistogram(bounds)).toThrow(InvalidMetricError);
  });
});
