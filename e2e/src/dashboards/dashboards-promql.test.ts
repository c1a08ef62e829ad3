// Every PromQL expression of every dashboard (panel queries and variable selectors, the operator's too) parses
// with Prometheus's own parser: `promtool check rules` from Debian's prometheus package.
import { describe, expect, it } from '@jest/globals';
import {
  CHECK_VARIABLES,
  checkPromql,
  DASHBOARDS,
  DashboardQueryError,
  dashboardExpressions,
  expandVariables,
  readDashboardFile,
} from '../../../dashboards/src/index.ts';

describe('dashboard PromQL', () => {
  it('parses with promtool, every expression of every dashboard', async () => {
    const expressions = DASHBOARDS.flatMap((entry) =>
      dashboardExpressions(readDashboardFile(entry)).map((e) => ({
        id: `${entry.file} ${e.id} (${e.panelTitle})`,
        expr: expandVariables(e.expr, CHECK_VARIABLES),
      })),
    );
    expect(expressions.length).toBeGreaterThan(80);
    expect(await checkPromql(expressions)).toEqual([]);
  });

  it('reports each expression promtool cannot parse, with its error, and only those', async () => {
    const problems = await checkPromql([
      { id: 'good', expr: 'sum(rate(a_total[1m]))' },
      { id: 'unclosed', expr: 'sum(rate(a_total[1m])' },
      { id: 'good too', expr: 'histogram_quantile(0.9, sum by (le) (rate(b_bucket{x=~".*"}[1m])))' },
      { id: 'bad range', expr: 'rate(a_total[$__rate_interval])' },
    ]);
    expect(problems.map((p) => p.id)).toEqual(['unclosed', 'bad range']);
    expect(problems[0]!.error).toMatch(/unclosed left parenthesis/);
  });

  it('says how to install promtool when it is missing', async () => {
    await expect(checkPromql([{ id: 'a', expr: 'a' }], '/nonexistent/promtool')).rejects.toThrow(DashboardQueryError);
    await expect(checkPromql([{ id: 'a', expr: 'a' }], '/nonexistent/promtool')).rejects.toThrow(
      /apt-get install prometheus/,
    );
  });
});
