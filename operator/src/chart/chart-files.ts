// The files the Helm chart holds but does not own, because Helm reads only files inside the chart: copies of the
// CRD (crds/*.yaml) and the Grafana dashboards (dashboards/*.json), and the RBAC rules generated from the
// operator's permission list. Finds where the chart differs from those sources and rewrites it; `npm run
// chart:sync` runs the rewrite and a chart test fails on any drift.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OPERATOR_PERMISSIONS } from '../controller/permissions.ts';
import { ChartSourceMissingError } from './errors.ts';
import { OPERATOR_RULES_PATH, operatorRulesYaml } from './operator-rules.ts';

/** The repository's root folder. */
export const REPOSITORY_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** The chart's folder, relative to the repository root. */
export const CHART_PATH = 'helm/gamecluster';

/** A folder of the repository whose files the chart holds copies of. */
export interface ChartCopy {
  /** Folder of the sources, relative to the repository root. */
  readonly from: string;
  /** Folder of the copies, relative to the repository root. */
  readonly to: string;
  /** Which files of `from` are copied (and which files of `to` are copies). */
  readonly suffix: string;
}

/** A chart file written from code. */
export interface ChartGeneratedFile {
  /** Relative to the repository root. */
  readonly path: string;
  readonly render: () => string;
}

export interface ChartSources {
  readonly copies: readonly ChartCopy[];
  readonly generated: readonly ChartGeneratedFile[];
}

export const CHART_SOURCES: ChartSources = {
  copies: [
    { from: 'crds', to: `${CHART_PATH}/crds`, suffix: '.yaml' },
    { from: 'dashboards', to: `${CHART_PATH}/dashboards`, suffix: '.json' },
  ],
  generated: [{ path: OPERATOR_RULES_PATH, render: () => operatorRulesYaml(OPERATOR_PERMISSIONS) }],
};

export interface ChartFileDrift {
  /** The chart file's path relative to the repository root. */
  readonly file: string;
  /** missing: not in the chart; differs: its bytes are not its source's; extra: a copy whose source is gone. */
  readonly problem: 'missing' | 'differs' | 'extra';
}

function filesOf(folder: string, suffix: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((name) => name.endsWith(suffix))
    .sort();
}

function sourcesOf(root: string, copy: ChartCopy): string[] {
  const sources = filesOf(join(root, copy.from), copy.suffix);
  if (sources.length === 0) throw new ChartSourceMissingError(join(root, copy.from), copy.suffix);
  return sources;
}

function compare(target: string, want: Buffer): ChartFileDrift['problem'] | undefined {
  if (!existsSync(target)) return 'missing';
  return readFileSync(target).equals(want) ? undefined : 'differs';
}

interface Expected {
  readonly file: string;
  readonly content: () => Buffer;
}

/** Every chart file that has a source, with what it should hold; throws when a source folder is empty. */
function expectedFiles(root: string, sources: ChartSources): Expected[] {
  const expected: Expected[] = [];
  for (const copy of sources.copies) {
    for (const name of sourcesOf(root, copy)) {
      expected.push({ file: `${copy.to}/${name}`, content: () => readFileSync(join(root, copy.from, name)) });
    }
  }
  for (const file of sources.generated) {
    expected.push({ file: file.path, content: () => Buffer.from(file.render()) });
  }
  return expected;
}

/** Every chart file that is missing, differs from its source, or is a copy without a source; empty when in sync. */
export function chartFileDrift(
  root: string = REPOSITORY_ROOT,
  sources: ChartSources = CHART_SOURCES,
): ChartFileDrift[] {
  const expected = expectedFiles(root, sources);
  const drift: ChartFileDrift[] = [];
  for (const { file, content } of expected) {
    const problem = compare(join(root, file), content());
    if (problem !== undefined) drift.push({ file, problem });
  }
  const known = new Set(expected.map((e) => e.file));
  for (const copy of sources.copies) {
    for (const name of filesOf(join(root, copy.to), copy.suffix)) {
      if (!known.has(`${copy.to}/${name}`)) drift.push({ file: `${copy.to}/${name}`, problem: 'extra' });
    }
  }
  return drift;
}

/** Rewrites the chart's files from their sources and removes copies whose source is gone; returns what changed. */
export function syncChartFiles(
  root: string = REPOSITORY_ROOT,
  sources: ChartSources = CHART_SOURCES,
): ChartFileDrift[] {
  // Computed (and every source folder checked) before anything is written: a missing source changes nothing.
  const expected = new Map(expectedFiles(root, sources).map((e) => [e.file, e.content] as const));
  const drift = chartFileDrift(root, sources);
  for (const { file, problem } of drift) {
    const target = join(root, file);
    if (problem === 'extra') {
      rmSync(target);
    } else {
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, expected.get(file)!());
    }
  }
  return drift;
}
