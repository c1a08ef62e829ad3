// Reading a /metrics exposition for the "metric exists" check: families by their TYPE line, histogram and summary
// series as parts of their family, series Prometheus makes itself, and names that are absent.
import { describe, expect, it } from '@jest/globals';
import { exposedFamilies, isExposed, missingMetrics } from '../../../dashboards/src/index.ts';

const EXPOSITION = `# HELP a_total Things.
# TYPE a_total counter
a_total{role="gate"} 3
# HELP g Live things.
# TYPE g gauge
# HELP h_seconds Durations.
# TYPE h_seconds histogram
h_seconds_bucket{le="0.1"} 1
h_seconds_bucket{le="+Inf"} 2
h_seconds_sum 0.3
h_seconds_count 2
# TYPE s summary
s_sum 1
s_count 1
untyped_one 5
`;

describe('exposedFamilies', () => {
  it('lists each family with its type, a metric without samples too', () => {
    expect(Object.fromEntries(exposedFamilies(EXPOSITION))).toEqual({
      a_total: 'counter',
      g: 'gauge',
      h_seconds: 'histogram',
      s: 'summary',
      untyped_one: 'untyped',
    });
  });
});

describe('isExposed', () => {
  const families = exposedFamilies(EXPOSITION);
  const cases: { name: string; want: boolean }[] = [
    { name: 'a_total', want: true },
    { name: 'g', want: true },
    { name: 'h_seconds_bucket', want: true },
    { name: 'h_seconds_sum', want: true },
    { name: 'h_seconds_count', want: true },
    { name: 's_count', want: true },
    { name: 's_bucket', want: false },
    { name: 'a_total_count', want: false },
    { name: 'up', want: true },
    { name: 'a', want: false },
    { name: 'h_seconds_total', want: false },
  ];
  it.each(cases)('$name → $want', ({ name, want }) => {
    expect(isExposed(name, families)).toBe(want);
  });
});

describe('missingMetrics', () => {
  it('names the used metrics the exposition lacks, once each, sorted', () => {
    expect(missingMetrics(['z_total', 'g', 'b_bucket', 'z_total', 'h_seconds_bucket'], EXPOSITION)).toEqual([
      'b_bucket',
      'z_total',
    ]);
  });
});
