// The operator: reconciles (rate, time, errors), its work queue, drains it started and the autoscaler's scale
// decisions. Its metrics come with the operator (issue 5); until then these panels have no data, and the checks
// that need a metric in /metrics leave this dashboard out (dashboard-catalog.ts).
import { buildDashboard } from './dashboard-builder.ts';
import type { Dashboard } from './grafana-model.ts';
import { quantile, rateBy, sumBy } from './label-selector.ts';
import { timeseries } from './panel-timeseries.ts';

export const operator: Dashboard = buildDashboard({
  uid: 'gamecluster-operator',
  title: 'gamecluster / Operator',
  description: 'Reconciles, work queue, drains and scale decisions of the gamecluster operator.',
  variablesFrom: 'gamecluster_operator_reconciles_total',
  rows: [
    {
      title: 'Reconcile',
      panels: [
        timeseries({
          title: 'Reconciles',
          description: 'Reconciles per second, and the ones that failed (they are retried with backoff).',
          unit: 'ops',
          queries: [
            { expr: rateBy('gamecluster_operator_reconciles_total', []), legend: 'reconciles' },
            { expr: rateBy('gamecluster_operator_reconcile_errors_total', []), legend: 'errors' },
          ],
        }),
        timeseries({
          title: 'Reconcile duration',
          description: 'Time one reconcile takes, median and 99th percentile.',
          unit: 's',
          queries: [
            { expr: quantile(0.5, 'gamecluster_operator_reconcile_duration_seconds', []), legend: 'p50' },
            { expr: quantile(0.99, 'gamecluster_operator_reconcile_duration_seconds', []), legend: 'p99' },
          ],
        }),
        timeseries({
          title: 'Work queue depth',
          description: 'GameClusters waiting to be reconciled.',
          unit: 'short',
          queries: [{ expr: sumBy('gamecluster_operator_queue_depth', ['pod']), legend: '{{pod}}' }],
        }),
      ],
    },
    {
      title: 'Drains and scaling',
      panels: [
        timeseries({
          title: 'Drains started',
          description: 'Pod drains the operator started per second (rolling updates, scale-down, deletion).',
          unit: 'ops',
          queries: [{ expr: rateBy('gamecluster_operator_drains_total', []), legend: 'drains' }],
        }),
        timeseries({
          title: 'Scale decisions',
          description: 'Zone autoscaler decisions per second.',
          unit: 'ops',
          queries: [{ expr: rateBy('gamecluster_operator_scale_decisions_total', []), legend: 'decisions' }],
        }),
      ],
    },
  ],
});
