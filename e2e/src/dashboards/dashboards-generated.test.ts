// The committed dashboard JSON is exactly what the typed builders (checked against @grafana/schema's Dashboard,
// Panel and panel-option types at typecheck) generate, and each dashboard keeps the conventions people rely on:
// the scope variables, every query scoped by them, one data source, a grid that does not overlap.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import {
  DASHBOARDS,
  DASHBOARDS_DIR,
  dashboardExpressions,
  metricNamesOf,
  panelQueries,
  readDashboardFile,
  renderDashboard,
  SCOPE_VARIABLES,
} from '../../../dashboards/src/index.ts';

interface GridPanel {
  id: number;
  type: string;
  title: string;
  description?: string;
  datasource?: { type: string; uid: string };
  gridPos: { x: number; y: number; w: number; h: number };
  targets?: { datasource?: { type: string; uid: string } }[];
}

describe.each(DASHBOARDS.map((entry) => ({ file: entry.file, entry })))('dashboards/$file', ({ entry }) => {
  const committed = readDashboardFile(entry) as {
    uid: string;
    panels: GridPanel[];
    templating: { list: { name: string }[] };
  };

  it('is what dashboards/src/generate.ts writes (run it after editing the TypeScript)', () => {
    expect(`${JSON.stringify(committed, null, 2)}\n`).toBe(renderDashboard(entry.dashboard));
  });

  it('has the datasource, cluster, role and pod variables', () => {
    expect(committed.templating.list.map((v) => v.name)).toEqual(['datasource', ...SCOPE_VARIABLES]);
  });

  it('queries the chosen data source in every panel and target', () => {
    for (const panel of committed.panels.filter((p) => p.type !== 'row')) {
      // biome-ignore lint/suspicious/noTemplateCurlyInString: Grafana variable syntax, not a JS template
      expect(panel.datasource).toEqual({ type: 'prometheus', uid: '${datasource}' });
      for (const target of panel.targets ?? []) expect(target.datasource).toEqual(panel.datasource);
    }
  });

  it('scopes every selector by the cluster, role and pod variables', () => {
    for (const expression of dashboardExpressions(committed).filter((e) => !e.id.startsWith('var/'))) {
      for (const name of metricNamesOf(expression.expr)) {
        const selectors = expression.expr.match(new RegExp(`${name}\\{[^}]*\\}`, 'g')) ?? [];
        expect({ panel: expression.panelTitle, name, scoped: selectors.length > 0 }).toEqual({
          panel: expression.panelTitle,
          name,
          scoped: true,
        });
        for (const selector of selectors) {
          expect(selector).toContain('cluster=~"$cluster", role=~"$role", pod=~"$pod"');
        }
      }
    }
  });

  it('gives every panel a unique id, a description and a place on the 24-column grid that no other panel takes', () => {
    const ids = committed.panels.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    const taken = new Set<string>();
    for (const panel of committed.panels) {
      if (panel.type !== 'row') expect(panel.description?.length ?? 0).toBeGreaterThan(10);
      const { x, y, w, h } = panel.gridPos;
      expect(x + w).toBeLessThanOrEqual(24);
      for (let cx = x; cx < x + w; cx++) {
        for (let cy = y; cy < y + h; cy++) {
          const cell = `${cx},${cy}`;
          expect({ panel: panel.title, cell, free: !taken.has(cell) }).toEqual({
            panel: panel.title,
            cell,
            free: true,
          });
          taken.add(cell);
        }
      }
    }
  });

  it('has panels that query data', () => {
    expect(panelQueries(committed).length).toBeGreaterThanOrEqual(5);
  });
});

describe('the dashboards folder', () => {
  it('holds exactly the catalog’s JSON files, with distinct uids', () => {
    const files = readdirSync(DASHBOARDS_DIR).filter((f) => f.endsWith('.json'));
    expect(files.sort()).toEqual(DASHBOARDS.map((e) => e.file).sort());
    const uids = DASHBOARDS.map((e) => e.dashboard.uid);
    expect(new Set(uids).size).toBe(uids.length);
  });

  it('covers the six areas of issue 7: overview, actors and mesh, gate and sessions, zones, persistence, operator', () => {
    expect(DASHBOARDS.map((e) => e.dashboard.uid)).toEqual([
      'gamecluster-overview',
      'gamecluster-actors-mesh',
      'gamecluster-gate-sessions',
      'gamecluster-zones',
      'gamecluster-persistence',
      'gamecluster-operator',
    ]);
  });
});
