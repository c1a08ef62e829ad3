// Runs helm 4 on the repository's chart (helm/gamecluster) for the chart tests: lint, template into parsed
// objects, and the install notes. Helm gets private config/cache folders and no kubeconfig, so a test neither
// reads nor writes the person's own Helm setup nor reaches any cluster.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

/** The chart's folder. */
export const CHART_DIR = fileURLToPath(new URL('../../../helm/gamecluster/', import.meta.url));
export const DEFAULT_RELEASE = 'gc';
export const DEFAULT_NAMESPACE = 'games';

/** A Kubernetes object as helm renders it. */
export interface KubeObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: {
    readonly name: string;
    readonly namespace?: string;
    readonly labels?: Record<string, string>;
    readonly annotations?: Record<string, string>;
  };
  readonly [field: string]: unknown;
}

export interface HelmResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RenderOptions {
  readonly release?: string;
  readonly namespace?: string;
  /** Values, as a values file would give them. */
  readonly values?: Record<string, unknown>;
  /** `--set key=value` pairs (helm's own typing of the strings applies, as on a command line). */
  readonly set?: readonly string[];
}

export class HelmCommandError extends Error {
  readonly code = 'GC_ERR_HELM_COMMAND';
  readonly result: HelmResult;

  constructor(args: readonly string[], result: HelmResult) {
    super(`helm ${args.join(' ')} exited ${result.code}:\n${result.stderr || result.stdout}`);
    this.name = 'HelmCommandError';
    this.result = result;
  }
}

let helmHome: string | undefined;

function helmEnv(): NodeJS.ProcessEnv {
  if (helmHome === undefined) {
    const home = mkdtempSync(join(tmpdir(), 'gamecluster-helm-'));
    process.once('exit', () => rmSync(home, { recursive: true, force: true }));
    helmHome = home;
  }
  return {
    PATH: process.env.PATH,
    HOME: helmHome,
    HELM_CONFIG_HOME: join(helmHome, 'config'),
    HELM_CACHE_HOME: join(helmHome, 'cache'),
    HELM_DATA_HOME: join(helmHome, 'data'),
    KUBECONFIG: join(helmHome, 'no-kubeconfig'),
  };
}

/** Runs helm; resolves with its exit code and output whatever the code. */
export function runHelm(helm: string, args: readonly string[]): Promise<HelmResult> {
  return new Promise((resolve) => {
    execFile(helm, args, { env: helmEnv(), maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
      resolve({ code, stdout, stderr });
    });
  });
}

/** The helm arguments that give a chart these values. */
function valueArgs(options: RenderOptions): string[] {
  const args = [];
  if (options.values !== undefined) {
    const file = join(helmEnv().HOME!, `values-${process.pid}-${Math.random().toString(36).slice(2)}.yaml`);
    // JSON is YAML, and keeps the values' types exactly.
    writeFileSync(file, JSON.stringify(options.values));
    args.push('--values', file);
  }
  for (const pair of options.set ?? []) args.push('--set', pair);
  return args;
}

export function lintArgs(options: RenderOptions = {}): string[] {
  return ['lint', '--strict', '--namespace', options.namespace ?? DEFAULT_NAMESPACE, CHART_DIR, ...valueArgs(options)];
}

export function templateArgs(options: RenderOptions = {}): string[] {
  return [
    'template',
    options.release ?? DEFAULT_RELEASE,
    CHART_DIR,
    '--namespace',
    options.namespace ?? DEFAULT_NAMESPACE,
    ...valueArgs(options),
  ];
}

/** `helm template`: every rendered object, parsed; throws HelmCommandError when helm refuses. */
export async function renderChart(helm: string, options: RenderOptions = {}): Promise<KubeObject[]> {
  const args = templateArgs(options);
  const result = await runHelm(helm, args);
  if (result.code !== 0) throw new HelmCommandError(args, result);
  return parseObjects(result.stdout);
}

/** The NOTES.txt an install prints (`helm install --dry-run=client`, which needs no cluster). */
export async function renderNotes(helm: string, options: RenderOptions = {}): Promise<string> {
  const args = [
    'install',
    options.release ?? DEFAULT_RELEASE,
    CHART_DIR,
    '--dry-run=client',
    '--namespace',
    options.namespace ?? DEFAULT_NAMESPACE,
    ...valueArgs(options),
  ];
  const result = await runHelm(helm, args);
  if (result.code !== 0) throw new HelmCommandError(args, result);
  const start = result.stdout.indexOf('\nNOTES:\n');
  if (start < 0) throw new HelmCommandError(args, { ...result, stderr: 'no NOTES: section in the output' });
  return result.stdout.slice(start + '\nNOTES:\n'.length);
}

/** Objects of a multi-document YAML stream (empty documents dropped); throws on YAML errors. */
export function parseObjects(text: string): KubeObject[] {
  const objects: KubeObject[] = [];
  for (const document of parseAllDocuments(text)) {
    if (document.errors.length > 0) throw document.errors[0]!;
    const value = document.toJS() as unknown;
    if (value !== null && value !== undefined) objects.push(value as KubeObject);
  }
  return objects;
}

/** The CRDs the chart installs from crds/ (helm template leaves them out unless --include-crds). */
export function chartCrds(): KubeObject[] {
  const dir = join(CHART_DIR, 'crds');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.yaml'))
    .flatMap((name) => parseObjects(readFileSync(join(dir, name), 'utf8')));
}

/** The one object of `kind` (and `name`, when given); throws when there is not exactly one. */
export function onlyObject(objects: readonly KubeObject[], kind: string, name?: string): KubeObject {
  const found = objects.filter((o) => o.kind === kind && (name === undefined || o.metadata.name === name));
  if (found.length !== 1) throw new Error(`expected one ${kind}${name ? ` ${name}` : ''}, found ${found.length}`);
  return found[0]!;
}
