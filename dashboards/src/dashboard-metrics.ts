// The metric names a dashboard reads: from every panel query and variable selector, variables expanded.
import { dashboardExpressions } from './dashboard-queries.ts';
import { metricNamesOf } from './promql-metric-names.ts';
import { CHECK_VARIABLES, expandVariables } from './promql-variables.ts';

/** Distinct metric names (histogram series as written, e.g. `x_bucket`), sorted. */
export function dashboardMetricNames(dashboard: unknown): string[] {
  const names = new Set<string>();
  for (const expression of dashboardExpressions(dashboard)) {
    for (const name of metricNamesOf(expandVariables(expression.expr, CHECK_VARIABLES))) names.add(name);
  }
  return [...names].sort();
}
