// `npx node dashboards/src/generate.ts`: writes every dashboard of the catalog to its JSON file under dashboards/.
// A test fails when a committed file differs from what this writes, so edit the TypeScript and run this.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DASHBOARDS } from './dashboard-catalog.ts';
import { DASHBOARDS_DIR, renderDashboard } from './dashboard-files.ts';

for (const entry of DASHBOARDS) {
  writeFileSync(join(DASHBOARDS_DIR, entry.file), renderDashboard(entry.dashboard));
  process.stdout.write(`wrote dashboards/${entry.file}\n`);
}
