// Every gamecluster dashboard with the JSON file it is written to and where its metrics come from. Dashboards
// whose metrics come from the operator are left out of the checks that read a node's /metrics and of the e2e
// suite (no node exports them; the operator will, when it lands): docs/dashboards.md says so too.
import { actorsMesh } from './dashboard-actors-mesh.ts';
import { clusterOverview } from './dashboard-cluster-overview.ts';
import { gateSessions } from './dashboard-gate-sessions.ts';
import { operator } from './dashboard-operator.ts';
import { persistence } from './dashboard-persistence.ts';
import { zones } from './dashboard-zones.ts';
import type { Dashboard } from './grafana-model.ts';

/** `node`: a game node's /metrics exports every metric the dashboard uses; `operator`: the operator's. */
export type MetricSource = 'node' | 'operator';

export interface DashboardEntry {
  /** File name under dashboards/. */
  readonly file: string;
  readonly dashboard: Dashboard;
  readonly metricSource: MetricSource;
}

export const DASHBOARDS: readonly DashboardEntry[] = [
  { file: 'cluster-overview.json', dashboard: clusterOverview, metricSource: 'node' },
  { file: 'actors-mesh.json', dashboard: actorsMesh, metricSource: 'node' },
  { file: 'gate-sessions.json', dashboard: gateSessions, metricSource: 'node' },
  { file: 'zones.json', dashboard: zones, metricSource: 'node' },
  { file: 'persistence.json', dashboard: persistence, metricSource: 'node' },
  { file: 'operator.json', dashboard: operator, metricSource: 'operator' },
];
