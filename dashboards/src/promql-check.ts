// Parses PromQL with Prometheus's own parser: the expressions go into a rules file as recording rules and
// `promtool check rules` (Debian's prometheus package) reports each one it cannot parse. One promtool run
// checks every expression, in well under a second.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DashboardQueryError } from './errors.ts';

/** The promtool binary (default: `promtool` on PATH; Debian installs it as /usr/bin/promtool). */
export const PROMTOOL = 'promtool';

export interface ExpressionToCheck {
  readonly id: string;
  readonly expr: string;
}

export interface PromqlProblem {
  readonly id: string;
  readonly expr: string;
  /** promtool's parse error. */
  readonly error: string;
}

/** The expressions promtool cannot parse, with its errors (empty: all parse). */
export async function checkPromql(
  expressions: readonly ExpressionToCheck[],
  promtool: string = PROMTOOL,
): Promise<PromqlProblem[]> {
  if (expressions.length === 0) return [];
  const dir = mkdtempSync(join(tmpdir(), 'gamecluster-promql-'));
  try {
    const file = join(dir, 'rules.yml');
    // JSON is YAML: promtool reads it as a rules file.
    const rules = expressions.map((e, index) => ({ record: recordName(index), expr: e.expr }));
    writeFileSync(file, JSON.stringify({ groups: [{ name: 'dashboards', rules }] }));
    const { code, output } = await run(promtool, ['check', 'rules', file]);
    const problems: PromqlProblem[] = [];
    for (const line of output.split('\n')) {
      const failed = /"dashboard_check_(\d+)": (.*)$/.exec(line);
      if (failed === null) continue;
      const expression = expressions[Number(failed[1])];
      if (expression !== undefined) problems.push({ ...expression, error: failed[2]! });
    }
    if (code !== 0 && problems.length === 0) {
      throw new DashboardQueryError(`promtool check rules failed (exit ${code}) without a per-rule error:\n${output}`);
    }
    if (code === 0 && problems.length > 0) {
      throw new DashboardQueryError(`promtool passed but printed rule errors:\n${output}`);
    }
    return problems;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function recordName(index: number): string {
  return `dashboard_check_${index}`;
}

function run(file: string, args: readonly string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { timeout: 30_000 }, (error, stdout, stderr) => {
      if (error !== null && (error as NodeJS.ErrnoException).code === 'ENOENT') {
        reject(
          new DashboardQueryError(
            `${file} not found: install Debian's prometheus package (apt-get install prometheus)`,
          ),
        );
        return;
      }
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
      resolve({ code, output: `${stdout}\n${stderr}` });
    });
  });
}
