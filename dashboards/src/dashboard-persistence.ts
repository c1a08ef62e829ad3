// Persistence: write-behind flushes (time and rate), documents waiting to be written, stale-epoch rejections (a
// write from an activation that lost its place) and store errors.
import { buildDashboard } from './dashboard-builder.ts';
import type { Dashboard } from './grafana-model.ts';
import { quantile, rateBy, sumBy } from './label-selector.ts';
import { stat } from './panel-stat.ts';
import { timeseries } from './panel-timeseries.ts';

export const persistence: Dashboard = buildDashboard({
  uid: 'gamecluster-persistence',
  title: 'gamecluster / Persistence',
  description: 'Write-behind flushes, dirty documents, fencing rejections and store errors.',
  variablesFrom: 'gamecluster_cluster_members',
  rows: [
    {
      title: 'Persistence',
      panels: [
        stat({
          title: 'Dirty documents',
          description: 'Documents changed in memory and not yet written to the store.',
          unit: 'short',
          expr: sumBy('gamecluster_persistence_dirty_documents', []),
          width: 8,
        }),
        stat({
          title: 'Stale-epoch rejections per second',
          description: 'Writes the store refused because a newer activation owns the document.',
          unit: 'ops',
          expr: rateBy('gamecluster_persistence_stale_epoch_rejections_total', []),
          redFrom: 0.001,
          width: 8,
        }),
        stat({
          title: 'Store errors per second',
          description: 'Store operations that failed (the flush retries them).',
          unit: 'ops',
          expr: rateBy('gamecluster_persistence_store_errors_total', []),
          redFrom: 0.001,
          width: 8,
        }),
        timeseries({
          title: 'Flush duration',
          description: 'Time one write-behind flush takes, median and 99th percentile, per node.',
          unit: 's',
          queries: [
            { expr: quantile(0.5, 'gamecluster_persistence_flush_duration_seconds', ['pod']), legend: '{{pod}} p50' },
            { expr: quantile(0.99, 'gamecluster_persistence_flush_duration_seconds', ['pod']), legend: '{{pod}} p99' },
          ],
        }),
        timeseries({
          title: 'Flushes',
          description: 'Write-behind flushes per second on each node.',
          unit: 'ops',
          queries: [
            { expr: rateBy('gamecluster_persistence_flush_duration_seconds_count', ['pod']), legend: '{{pod}}' },
          ],
        }),
        timeseries({
          title: 'Dirty documents per node',
          description:
            'Documents waiting for a flush on each node: a line that keeps rising means the store is behind.',
          unit: 'short',
          queries: [{ expr: sumBy('gamecluster_persistence_dirty_documents', ['pod']), legend: '{{pod}}' }],
        }),
        timeseries({
          title: 'Rejections and errors',
          description: 'Stale-epoch rejections and store errors per second on each node.',
          unit: 'ops',
          queries: [
            {
              expr: rateBy('gamecluster_persistence_stale_epoch_rejections_total', ['pod']),
              legend: '{{pod}} stale epoch',
            },
            { expr: rateBy('gamecluster_persistence_store_errors_total', ['pod']), legend: '{{pod}} store errors' },
          ],
        }),
      ],
    },
  ],
});
