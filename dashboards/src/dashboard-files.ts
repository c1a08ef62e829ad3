// Where the dashboard JSON files live and how they are written and read: two-space JSON with a final newline,
// the form Grafana exports and the Helm chart's ConfigMaps embed.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DashboardEntry } from './dashboard-catalog.ts';
import type { Dashboard } from './grafana-model.ts';

/** The dashboards/ folder. */
export const DASHBOARDS_DIR = fileURLToPath(new URL('..', import.meta.url));

/** The file's text for a dashboard. */
export function renderDashboard(dashboard: Dashboard): string {
  return `${JSON.stringify(dashboard, null, 2)}\n`;
}

/** The committed JSON of an entry (what people load into Grafana), parsed. */
export function readDashboardFile(entry: DashboardEntry, dir: string = DASHBOARDS_DIR): unknown {
  const path = `${dir.endsWith('/') ? dir : `${dir}/`}${entry.file}`;
  return JSON.parse(readFileSync(path, 'utf8')) as unknown;
}
