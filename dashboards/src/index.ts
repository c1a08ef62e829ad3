// The gamecluster Grafana dashboards as code, and the tools the checks and the e2e suite use on them.

// The dashboards
export { DASHBOARDS, type DashboardEntry, type MetricSource } from './dashboard-catalog.ts';
export { DASHBOARDS_DIR, readDashboardFile, renderDashboard } from './dashboard-files.ts';
export { dashboardMetricNames } from './dashboard-metrics.ts';

// Reading queries out of a dashboard
export {
  type DashboardExpression,
  dashboardExpressions,
  type PanelQueries,
  type PanelQuery,
  panelQueries,
  type VariableQuery,
  variableQueries,
} from './dashboard-queries.ts';
export { SCOPE_VARIABLES } from './dashboard-variables.ts';
export { DashboardQueryError, DashboardShapeError } from './errors.ts';
// Checks
export { exposedFamilies, isExposed, missingMetrics, SCRAPE_SERIES } from './metrics-exposition.ts';
export { checkPromql, type ExpressionToCheck, PROMTOOL, type PromqlProblem } from './promql-check.ts';
export { metricNamesOf } from './promql-metric-names.ts';
export { CHECK_VARIABLES, expandVariables, type VariableValues } from './promql-variables.ts';
