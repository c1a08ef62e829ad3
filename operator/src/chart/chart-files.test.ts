// chartFileDrift finds every kind of drift between the chart and its sources, and syncChartFiles repairs it, on a
// throwaway repository laid out like the real one.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { type ChartSources, chartFileDrift, syncChartFiles } from './chart-files.ts';

const SOURCES: ChartSources = {
  copies: [
    { from: 'crds', to: 'chart/crds', suffix: '.yaml' },
    { from: 'dashboards', to: 'chart/dashboards', suffix: '.json' },
  ],
  generated: [{ path: 'chart/files/rules.yaml', render: () => '- rule\n' }],
};

let root: string;

function write(path: string, text: string): void {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(join(root, path), text);
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'gamecluster-chart-files-'));
  write('crds/gc.yaml', 'kind: CustomResourceDefinition\n');
  write('dashboards/a.json', '{"uid":"a"}\n');
  write('dashboards/b.json', '{"uid":"b"}\n');
  write('dashboards/README.md', 'not a dashboard\n');
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('chartFileDrift', () => {
  it('reports every file missing from an empty chart', () => {
    expect(chartFileDrift(root, SOURCES)).toEqual([
      { file: 'chart/crds/gc.yaml', problem: 'missing' },
      { file: 'chart/dashboards/a.json', problem: 'missing' },
      { file: 'chart/dashboards/b.json', problem: 'missing' },
      { file: 'chart/files/rules.yaml', problem: 'missing' },
    ]);
  });

  it('reports a changed copy, a changed generated file and a copy whose source is gone', () => {
    syncChartFiles(root, SOURCES);
    write('crds/gc.yaml', 'kind: CustomResourceDefinition # changed\n');
    write('chart/files/rules.yaml', '- edited by hand\n');
    write('chart/dashboards/old.json', '{}\n');
    expect(chartFileDrift(root, SOURCES)).toEqual([
      { file: 'chart/crds/gc.yaml', problem: 'differs' },
      { file: 'chart/files/rules.yaml', problem: 'differs' },
      { file: 'chart/dashboards/old.json', problem: 'extra' },
    ]);
  });

  it('throws when a source folder has nothing to copy', () => {
    rmSync(join(root, 'crds'), { recursive: true });
    expect(() => chartFileDrift(root, SOURCES)).toThrow(
      expect.objectContaining({ code: 'GC_ERR_CHART_SOURCE_MISSING' }),
    );
  });
});

describe('syncChartFiles', () => {
  it('leaves the chart equal to its sources, and says what it changed', () => {
    write('chart/dashboards/old.json', '{}\n');
    const changed = syncChartFiles(root, SOURCES);
    expect(changed.map((d) => d.problem).sort()).toEqual(['extra', 'missing', 'missing', 'missing', 'missing']);
    expect(chartFileDrift(root, SOURCES)).toEqual([]);
    expect(readFileSync(join(root, 'chart/crds/gc.yaml'), 'utf8')).toBe('kind: CustomResourceDefinition\n');
    expect(readFileSync(join(root, 'chart/files/rules.yaml'), 'utf8')).toBe('- rule\n');
    expect(existsSync(join(root, 'chart/dashboards/old.json'))).toBe(false);
    expect(existsSync(join(root, 'chart/dashboards/README.md'))).toBe(false);
    expect(syncChartFiles(root, SOURCES)).toEqual([]);
  });

  it('writes nothing when a source folder is empty', () => {
    rmSync(join(root, 'dashboards'), { recursive: true });
    expect(() => syncChartFiles(root, SOURCES)).toThrow(
      expect.objectContaining({ code: 'GC_ERR_CHART_SOURCE_MISSING' }),
    );
    expect(existsSync(join(root, 'chart'))).toBe(false);
  });
});
