// The variables every gamecluster dashboard has: the Prometheus data source, then cluster, role and pod, each
// listing the label values of one metric every scraped process exports, narrowed by the variables before it.
import { VariableHide, VariableRefresh, VariableSort } from '@grafana/schema';
import { PROMETHEUS, type VariableModel } from './grafana-model.ts';

/** The names of the scope variables, in the order they narrow each other. */
export const SCOPE_VARIABLES = ['cluster', 'role', 'pod'] as const;

const DATASOURCE: VariableModel = {
  type: 'datasource',
  name: 'datasource',
  label: 'Data source',
  query: 'prometheus',
  refresh: VariableRefresh.onDashboardLoad,
  hide: VariableHide.dontHide,
  includeAll: false,
  multi: false,
};

/** datasource, cluster, role and pod, read from the label values of `metric`. */
export function scopeVariables(metric: string): VariableModel[] {
  return [
    DATASOURCE,
    labelVariable('cluster', 'Cluster', `label_values(${metric}, cluster)`, false),
    labelVariable('role', 'Role', `label_values(${metric}{cluster=~"$cluster"}, role)`, true),
    labelVariable('pod', 'Pod', `label_values(${metric}{cluster=~"$cluster", role=~"$role"}, pod)`, true),
  ];
}

function labelVariable(name: string, label: string, query: string, all: boolean): VariableModel {
  const variable: VariableModel = {
    type: 'query',
    name,
    label,
    datasource: PROMETHEUS,
    query,
    refresh: VariableRefresh.onTimeRangeChanged,
    sort: VariableSort.alphabeticalAsc,
    hide: VariableHide.dontHide,
    includeAll: all,
    multi: all,
  };
  // "All" as the regex `.*`, not as the list of values Grafana saw last (which misses pods that came later).
  return all ? { ...variable, allValue: '.*', current: { text: 'All', value: '$__all' } } : variable;
}
