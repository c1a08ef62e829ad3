// The chart's copies of the CRD and the dashboards, and its RBAC rules, are what their sources say now: a stale
// copy would install an old CRD or grant the wrong verbs. Fix a failure with `npm run chart:sync`.
import { describe, expect, it } from '@jest/globals';
import { chartFileDrift } from '../../../operator/src/chart/chart-files.ts';

describe('helm/gamecluster files copied or generated from the repository', () => {
  it('equal their sources (run `npm run chart:sync` after changing crds/, dashboards/ or permissions.ts)', () => {
    const drift = chartFileDrift().map(({ file, problem }) => `${file}: ${problem} (run \`npm run chart:sync\`)`);
    expect(drift).toEqual([]);
  });
});
