// Grafana variable expansion as the checks and the e2e suite do it: every syntax Grafana accepts, and an error
// (not an empty string) for a variable without a value.
import { describe, expect, it } from '@jest/globals';
import { CHECK_VARIABLES, DashboardQueryError, expandVariables } from '../../../dashboards/src/index.ts';

describe('expandVariables', () => {
  const values = { cluster: 'c1', pod: '.*', __rate_interval: '5s' };
  const cases: { desc: string; expr: string; want: string }[] = [
    { desc: '$name', expr: 'a{cluster=~"$cluster"}', want: 'a{cluster=~"c1"}' },
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Grafana variable syntax, not a JS template
    { desc: '${name}', expr: 'a{pod=~"${pod}"}', want: 'a{pod=~".*"}' },
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Grafana variable syntax, not a JS template
    { desc: '${name:format}', expr: 'a{pod=~"${pod:regex}"}', want: 'a{pod=~".*"}' },
    { desc: '[[name]]', expr: 'a{cluster="[[cluster]]"}', want: 'a{cluster="c1"}' },
    { desc: 'a built-in interval', expr: 'rate(a[$__rate_interval])', want: 'rate(a[5s])' },
    {
      desc: 'several at once',
      expr: 'a{cluster=~"$cluster",pod=~"$pod"}[$__rate_interval]',
      want: 'a{cluster=~"c1",pod=~".*"}[5s]',
    },
    { desc: 'no variables', expr: 'sum(up)', want: 'sum(up)' },
  ];
  it.each(cases)('expands $desc', ({ expr, want }) => {
    expect(expandVariables(expr, values)).toBe(want);
  });

  it('refuses a variable without a value, naming it', () => {
    expect(() => expandVariables('a{role=~"$role"}', values)).toThrow(DashboardQueryError);
    expect(() => expandVariables('a{role=~"$role"}', values)).toThrow(/\$role, which has no value/);
  });

  it('does not take a value from the object prototype', () => {
    expect(() => expandVariables('a{x="$constructor"}', values)).toThrow(/\$constructor/);
  });

  it('gives every scope variable and interval a value for the syntax checks', () => {
    expect(
      expandVariables('rate(a{cluster=~"$cluster", role=~"$role", pod=~"$pod"}[$__rate_interval])', CHECK_VARIABLES),
    ).toBe('rate(a{cluster=~".*", role=~".*", pod=~".*"}[1m])');
  });
});
