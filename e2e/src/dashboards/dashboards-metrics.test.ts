// Every metric a node dashboard uses exists in a real node's /metrics: `npm start` (one process, every role)
// is started and its exposition read. The operator dashboard is left out on purpose: its metrics come from the
// operator process, not from a node (docs/dashboards.md); this test pins which names those are.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DASHBOARDS, dashboardMetricNames, missingMetrics, readDashboardFile } from '../../../dashboards/src/index.ts';
import { type LocalProcess, startLocalProcess } from '../../../node/src/launch/local-process.ts';

const OPERATOR_METRICS = [
  'gamecluster_operator_drains_total',
  'gamecluster_operator_queue_depth',
  'gamecluster_operator_reconcile_duration_seconds_bucket',
  'gamecluster_operator_reconcile_errors_total',
  'gamecluster_operator_reconciles_total',
  'gamecluster_operator_scale_decisions_total',
];

let dataDir: string;
let node: LocalProcess | undefined;
let exposition: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'gamecluster-dashboards-metrics-'));
  node = await startLocalProcess({ dataDir, host: '127.0.0.86' });
  exposition = await fetch(String(node.ready.metrics)).then((r) => r.text());
}, 90_000);

afterAll(async () => {
  await node?.interrupt();
  rmSync(dataDir, { recursive: true, force: true });
}, 30_000);

describe('metrics the dashboards use', () => {
  it.each(DASHBOARDS.filter((e) => e.metricSource === 'node').map((entry) => ({ file: entry.file, entry })))(
    '$file: every metric is in a node’s /metrics',
    ({ entry }) => {
      const used = dashboardMetricNames(readDashboardFile(entry));
      expect(used.length).toBeGreaterThan(3);
      expect(missingMetrics(used, exposition)).toEqual([]);
    },
  );

  it('operator.json reads only the operator’s metrics, which no node exports', () => {
    const entry = DASHBOARDS.find((e) => e.metricSource === 'operator')!;
    const used = dashboardMetricNames(readDashboardFile(entry));
    expect(used).toEqual(OPERATOR_METRICS);
    expect(missingMetrics(used, exposition)).toEqual(OPERATOR_METRICS);
  });

  it('finds a metric missing when a node does not export it', () => {
    expect(missingMetrics(['gamecluster_actor_activations', 'gamecluster_no_such_metric_total'], exposition)).toEqual([
      'gamecluster_no_such_metric_total',
    ]);
  });
});
