// `npm run chart:sync`: copies crds/*.yaml and dashboards/*.json into the Helm chart (helm/gamecluster), which
// can read only its own files, and writes its RBAC rules from the operator's permission list. Run it after changing
// the CRD, the dashboards or permissions.ts; CI fails until you do.
import { CHART_SOURCES, chartFileDrift, syncChartFiles } from './chart-files.ts';

try {
  const changed = syncChartFiles();
  for (const { file, problem } of changed) {
    process.stdout.write(`${problem === 'extra' ? 'removed' : 'wrote'} ${file}\n`);
  }
  if (chartFileDrift().length > 0) throw new Error('the chart still differs from its sources after syncing');
  const folders = CHART_SOURCES.copies.map((copy) => `${copy.from}/*${copy.suffix}`).join(' and ');
  process.stdout.write(
    changed.length === 0 ? `the chart's copies of ${folders} and its generated RBAC rules are up to date\n` : '',
  );
} catch (error) {
  const code = (error as { code?: unknown }).code;
  process.stderr.write(`chart:sync: ${typeof code === 'string' ? `${code}: ` : ''}${(error as Error).message}\n`);
  process.exitCode = 1;
}
