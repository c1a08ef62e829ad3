// values.schema.json refuses bad values before anything renders: wrong types, out-of-range numbers, unknown keys
// at any level (a typo would otherwise be silently ignored). And README.md documents every value there is.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { kubeTools } from '../harness/kube-tools.ts';
import { CHART_DIR, runHelm, templateArgs } from './helm-chart.ts';

let helm: string;

beforeAll(async () => {
  ({ helm } = await kubeTools());
}, 300_000);

describe('values.schema.json', () => {
  const cases: { desc: string; set: string; path: string }[] = [
    { desc: 'a negative replicaCount', set: 'replicaCount=-1', path: '/replicaCount' },
    { desc: 'an unknown top-level key', set: 'replicas=2', path: "additional properties 'replicas'" },
    { desc: 'an unknown nested key', set: 'metrics.service.port=80', path: '/metrics/service' },
    { desc: 'a pull policy Kubernetes does not know', set: 'image.pullPolicy=Sometimes', path: '/image/pullPolicy' },
    {
      desc: 'a Lease shorter than the operator accepts',
      set: 'leaderElection.leaseDurationSeconds=1',
      path: '/leaderElection/leaseDurationSeconds',
    },
    { desc: 'a port out of range', set: 'metrics.port=70000', path: '/metrics/port' },
    {
      desc: 'a scrape interval that is not a duration',
      set: 'metrics.serviceMonitor.interval=soon',
      path: '/metrics/serviceMonitor/interval',
    },
    {
      desc: 'a non-string label value',
      set: 'dashboards.labels.grafana_dashboard=1',
      path: '/dashboards/labels/grafana_dashboard',
    },
    { desc: 'a namespace that is not a DNS label', set: 'watchNamespace=Games_A', path: '/watchNamespace' },
    {
      desc: 'a resource quantity that is not one',
      set: 'resources.limits.memory=lots',
      path: '/resources/limits/memory',
    },
  ];

  it.each(cases)('refuses $desc', async ({ set, path }) => {
    const result = await runHelm(helm, templateArgs({ set: [set] }));
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain("values don't meet the specifications of the schema");
    expect(result.stderr).toContain(path);
  });

  it('accepts the defaults (so each refusal above is the bad value alone)', async () => {
    const result = await runHelm(helm, templateArgs());
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
  });
});

describe('README.md', () => {
  const readme = readFileSync(join(CHART_DIR, 'README.md'), 'utf8');
  const values = parse(readFileSync(join(CHART_DIR, 'values.yaml'), 'utf8')) as Record<string, unknown>;

  /** Dotted paths of values.yaml down to the maps and lists people fill in themselves. */
  function valuePaths(node: Record<string, unknown>, prefix = ''): string[] {
    return Object.entries(node).flatMap(([key, value]) => {
      const path = `${prefix}${key}`;
      const isGroup =
        value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length > 0;
      const freeForm = ['resources', 'labels', 'annotations'].includes(key);
      return isGroup && !freeForm ? valuePaths(value as Record<string, unknown>, `${path}.`) : [path];
    });
  }

  it('documents every value in its values table', () => {
    const undocumented = valuePaths(values).filter((path) => !readme.includes(`| \`${path}\` |`));
    expect(undocumented).toEqual([]);
  });
});
