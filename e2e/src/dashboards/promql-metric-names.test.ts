// The metric-name reader behind the "every metric a dashboard uses exists" check: table tests of the PromQL
// shapes the dashboards use, of what must not count as a metric, and of what it refuses.
import { describe, expect, it } from '@jest/globals';
import { DashboardQueryError, metricNamesOf } from '../../../dashboards/src/index.ts';

describe('metricNamesOf', () => {
  const cases: { desc: string; expr: string; want: string[] }[] = [
    { desc: 'a bare name', expr: 'up', want: ['up'] },
    { desc: 'a selector with matchers', expr: 'x_total{cluster=~"a|b", pod!="p"}', want: ['x_total'] },
    { desc: 'a range and a rate', expr: 'rate(x_total{a="1"}[5m])', want: ['x_total'] },
    {
      desc: 'an aggregation with by before',
      expr: 'sum by (kind, le) (rate(h_bucket{a="b"}[1m]))',
      want: ['h_bucket'],
    },
    { desc: 'an aggregation with by after', expr: 'sum(rate(c_total[1m])) by (pod)', want: ['c_total'] },
    { desc: 'without', expr: 'max without (instance) (g)', want: ['g'] },
    {
      desc: 'histogram_quantile with a number',
      expr: 'histogram_quantile(0.99, sum by (le) (rate(d_seconds_bucket[1m])))',
      want: ['d_seconds_bucket'],
    },
    {
      desc: 'a division of two series',
      expr: 'sum(rate(h_sum[1m])) / sum(rate(h_count[1m]))',
      want: ['h_sum', 'h_count'],
    },
    { desc: 'arithmetic with a number', expr: 'sum(1 - lease_healthy{a="1"})', want: ['lease_healthy'] },
    { desc: 'vector matching', expr: 'a * on (pod) group_left (role) b', want: ['a', 'b'] },
    { desc: 'set operators', expr: 'a and b or c unless d', want: ['a', 'b', 'c', 'd'] },
    { desc: 'comparison with bool', expr: 'a > bool 0', want: ['a'] },
    { desc: 'offset and exponent numbers', expr: 'a offset 5m + 1e-3 * b', want: ['a', 'b'] },
    { desc: 'a label value that looks like a metric', expr: 'a{name="not_a_metric", x=~"{b}"}', want: ['a'] },
    { desc: 'a subquery', expr: 'max_over_time(rate(a[1m])[10m:1m])', want: ['a'] },
    { desc: 'a name used twice', expr: 'a + a', want: ['a'] },
    { desc: 'a colon name', expr: 'job:requests:rate5m', want: ['job:requests:rate5m'] },
    { desc: 'vector() and time()', expr: 'vector(1) + time()', want: [] },
  ];
  it.each(cases)('reads $desc', ({ expr, want }) => {
    expect(metricNamesOf(expr)).toEqual(want);
  });

  const refused: { desc: string; expr: string; want: RegExp }[] = [
    { desc: 'a __name__ matcher', expr: '{__name__="a"}', want: /__name__ matcher/ },
    { desc: 'an unterminated string', expr: 'a{b="c}', want: /unterminated string|unclosed/ },
    { desc: 'an unclosed brace', expr: 'a{b="c"', want: /unclosed \{/ },
  ];
  it.each(refused)('refuses $desc', ({ expr, want }) => {
    expect(() => metricNamesOf(expr)).toThrow(DashboardQueryError);
    expect(() => metricNamesOf(expr)).toThrow(want);
  });
});
