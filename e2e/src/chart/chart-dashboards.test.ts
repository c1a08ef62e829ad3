// Every Grafana dashboard of the repository (dashboards/*.json) reaches Grafana through the chart: one ConfigMap
// each, holding the file byte for byte and carrying the label the Grafana sidecar looks for.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { DASHBOARDS_DIR } from '../../../dashboards/src/index.ts';
import { kubeTools } from '../harness/kube-tools.ts';
import { DEFAULT_NAMESPACE, type KubeObject, renderChart } from './helm-chart.ts';

type ConfigMapShape = KubeObject & { data: Record<string, string> };

const dashboardFiles = readdirSync(DASHBOARDS_DIR)
  .filter((name) => name.endsWith('.json'))
  .sort();

let defaults: ConfigMapShape[];
let custom: ConfigMapShape[];

beforeAll(async () => {
  const { helm } = await kubeTools();
  const configMaps = (objects: KubeObject[]) => objects.filter((o) => o.kind === 'ConfigMap') as ConfigMapShape[];
  const [plain, labelled] = await Promise.all([
    renderChart(helm),
    renderChart(helm, {
      values: {
        dashboards: {
          labels: { grafana_dashboard: 'games' },
          annotations: { grafana_folder: 'Games' },
          namespace: 'monitoring',
        },
      },
    }),
  ]);
  defaults = configMaps(plain);
  custom = configMaps(labelled);
}, 300_000);

describe('the dashboards ConfigMaps', () => {
  it('exist for every dashboard in dashboards/', () => {
    expect(dashboardFiles.length).toBeGreaterThan(0);
    expect(defaults.flatMap((c) => Object.keys(c.data)).sort()).toEqual(dashboardFiles);
    expect(defaults.every((c) => Object.keys(c.data).length === 1)).toBe(true);
  });

  it.each(dashboardFiles)('hold %s byte for byte', (file) => {
    const configMap = defaults.find((c) => c.data[file] !== undefined);
    expect(configMap?.data[file]).toBe(readFileSync(join(DASHBOARDS_DIR, file), 'utf8'));
  });

  it('carry the Grafana sidecar label grafana_dashboard=1 in the release namespace by default', () => {
    for (const configMap of defaults) {
      expect(configMap.metadata.labels).toMatchObject({ grafana_dashboard: '1' });
      expect(configMap.metadata.namespace).toBe(DEFAULT_NAMESPACE);
    }
  });

  it('have distinct names', () => {
    const names = defaults.map((c) => c.metadata.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('take the labels, annotations and namespace the values give', () => {
    expect(custom).toHaveLength(dashboardFiles.length);
    for (const configMap of custom) {
      expect(configMap.metadata.labels).toMatchObject({ grafana_dashboard: 'games' });
      expect(configMap.metadata.annotations).toEqual({ grafana_folder: 'Games' });
      expect(configMap.metadata.namespace).toBe('monitoring');
    }
  });
});
