// `npm run e2e -- images`: the node and operator images build from their Dockerfiles and start. No Docker engine
// or registry exists here, so the suite makes the base itself (debootstrap minbase + Node 24 + npm, cached),
// builds node/Dockerfile and operator/Dockerfile on it with buildah (chroot isolation, vfs, a private store),
// then runs each image's ENTRYPOINT as the image's user: the node with every role until /readyz answers 200 and
// then a clean SIGTERM stop; the operator's --help, --dry-run and a load of its controller. It also checks what
// the operator's pods rely on: the entrypoint, the non-root uid, a read-only-friendly file system.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DATA_MOUNT_PATH, NODE_ENTRYPOINT, NODE_USER_ID } from '../../../operator/src/objects/index.ts';
import { lastJsonLine } from '../child-process.ts';
import { BASE_NPM_VERSION, BASE_SUITE, type BaseRootfs, cachedBaseRootfs } from '../images/base-rootfs.ts';
import { Buildah, type ImageConfig } from '../images/buildah.ts';
import { killGroup, outputTail } from '../images/command.ts';
import { machineDebianMirror } from '../images/debian-mirror.ts';
import { IMAGES_ERROR_CODES, ImagesError } from '../images/errors.ts';
import {
  type ExpectedImage,
  imageConfigProblems,
  PROBE_SCRIPT,
  type ProbeReport,
  type ProbeTargets,
  probeProblems,
} from '../images/image-checks.ts';
import { findDescendant, processUid } from '../images/process-tree.ts';
import type { Suite, SuiteSummary } from '../suite.ts';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BASE_TAG = 'localhost/gamecluster-base:e2e';
const NODE_TAG = 'localhost/gamecluster-node:e2e';
const OPERATOR_TAG = 'localhost/gamecluster-operator:e2e';
const BASE_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const OPERATOR_ENTRYPOINT = ['node', '--disable-warning=ExperimentalWarning', 'operator/src/main.ts'];
/** What operator/src/main.ts loads for a real start: importing it proves the controller's dependencies are in. */
const OPERATOR_CONTROLLER = '/app/operator/src/controller/run-operator.ts';
/** A dev dependency in the image would mean `--omit=dev` did not hold. */
const DEV_PACKAGES = ['typescript', 'jest', '@biomejs/biome', 'node'].map((p) => `/app/node_modules/${p}`);
const NODE_READY_TIMEOUT_MS = 60_000;
const NODE_STOP_TIMEOUT_MS = 30_000;
const READY_POLL_MS = 250;

const NODE_EXPECTED: ExpectedImage = { uid: NODE_USER_ID, entrypoint: NODE_ENTRYPOINT, workingDir: '/app' };
const OPERATOR_EXPECTED: ExpectedImage = { uid: NODE_USER_ID, entrypoint: OPERATOR_ENTRYPOINT, workingDir: '/app' };
const NODE_PROBE: ProbeTargets = {
  readOnly: ['/app', '/app/node/src', '/app/node_modules'],
  writable: ['/tmp', DATA_MOUNT_PATH],
  absent: DEV_PACKAGES,
  sourceDir: '/app/node/src',
};
const OPERATOR_PROBE: ProbeTargets = {
  readOnly: ['/app', '/app/operator/src', '/app/node_modules'],
  writable: ['/tmp'],
  absent: DEV_PACKAGES,
  sourceDir: '/app/operator/src',
};

export const imagesSuite: Suite = {
  name: 'images',
  description:
    'node/Dockerfile and operator/Dockerfile build with buildah on a debootstrap + Node 24 base; the node is ready on /readyz and stops cleanly, the operator answers --help and --dry-run',
  run: runImages,
};

function progress(text: string): void {
  process.stderr.write(`images: ${text}\n`);
}

async function runImages(): Promise<SuiteSummary> {
  const started = performance.now();
  if (process.getuid?.() !== 0) {
    throw new ImagesError(
      IMAGES_ERROR_CODES.prerequisite,
      'the images suite needs root (debootstrap, and buildah without user namespaces): run it as root, as CI does',
    );
  }
  const mirror = machineDebianMirror(BASE_SUITE);
  const recipe = { suite: BASE_SUITE, mirror, nodeVersion: process.versions.node, npmVersion: BASE_NPM_VERSION };
  progress(`base: Debian ${BASE_SUITE} minbase from ${mirror}, node ${recipe.nodeVersion}, npm ${recipe.npmVersion}`);
  const base = await cachedBaseRootfs(recipe);
  progress(`base: ${base.cached ? 'from the cache' : 'made'} in ${base.elapsedMs} ms (${base.tarPath})`);
  const buildah = await Buildah.create();
  try {
    return await buildAndStart(buildah, base, started);
  } finally {
    await buildah.destroy();
  }
}

async function buildAndStart(buildah: Buildah, base: BaseRootfs, started: number): Promise<SuiteSummary> {
  const timer = stopwatch();
  await buildah.importRootfs(base.tarPath, BASE_TAG, ['--env', `PATH=${BASE_PATH}`, '--cmd', 'node']);
  const importBaseMs = timer.lap();
  progress(`base image ${BASE_TAG} in ${importBaseMs} ms`);

  const build = { contextDir: REPO_ROOT, buildArgs: { BASE_IMAGE: BASE_TAG }, secrets: buildSecrets() };
  await buildah.build({ ...build, dockerfile: 'node/Dockerfile', tag: NODE_TAG });
  const buildNodeMs = timer.lap();
  progress(`${NODE_TAG} built in ${buildNodeMs} ms`);
  await buildah.build({ ...build, dockerfile: 'operator/Dockerfile', tag: OPERATOR_TAG });
  const buildOperatorMs = timer.lap();
  progress(`${OPERATOR_TAG} built in ${buildOperatorMs} ms`);

  const problems: string[] = [];
  const nodeConfig = await buildah.imageConfig(NODE_TAG);
  const operatorConfig = await buildah.imageConfig(OPERATOR_TAG);
  problems.push(...imageConfigProblems(nodeConfig, NODE_EXPECTED).map((p) => `node image: ${p}`));
  problems.push(...imageConfigProblems(operatorConfig, OPERATOR_EXPECTED).map((p) => `operator image: ${p}`));

  const nodeContainer = await buildah.from(NODE_TAG);
  problems.push(...(await probe(buildah, nodeContainer, NODE_PROBE)).map((p) => `node image: ${p}`));
  timer.lap();
  const node = await startNode(buildah, nodeContainer, nodeConfig);
  problems.push(...node.problems.map((p) => `node image: ${p}`));
  progress(`node: ready in ${node.readyMs} ms, stopped with exit code ${node.exitCode} in ${node.stopMs} ms`);

  const operatorContainer = await buildah.from(OPERATOR_TAG);
  problems.push(...(await probe(buildah, operatorContainer, OPERATOR_PROBE)).map((p) => `operator image: ${p}`));
  timer.lap();
  const operator = await startOperator(buildah, operatorContainer, operatorConfig);
  const operatorMs = timer.lap();
  problems.push(...operator.problems.map((p) => `operator image: ${p}`));

  const imagesStarted = (node.problems.length === 0 ? 1 : 0) + (operator.problems.length === 0 ? 1 : 0);
  if (problems.length > 0) progress(`problems:\n  ${problems.join('\n  ')}`);
  return {
    suite: 'images',
    pass: problems.length === 0 && imagesStarted === 2,
    imagesBuilt: 2,
    imagesStarted,
    problems,
    baseCached: base.cached,
    baseMs: base.elapsedMs,
    importBaseMs,
    buildNodeMs,
    buildOperatorMs,
    nodeReadyMs: node.readyMs,
    nodeStopMs: node.stopMs,
    nodeExitCode: node.exitCode,
    nodeProcessUid: node.uid,
    operatorMs,
    nodeImageSize: await buildah.imageSize(NODE_TAG),
    operatorImageSize: await buildah.imageSize(OPERATOR_TAG),
    nodeVersion: process.versions.node,
    totalMs: Math.round(performance.now() - started),
  };
}

/**
 * The CA bundle npm in the build trusts beside Node's own (the build's `build-ca` secret): the one this machine's
 * Node is told to add, else the system's, so a build reaches the registry wherever this machine's npm does.
 */
function buildSecrets(): Record<string, string> {
  const extra = process.env.NODE_EXTRA_CA_CERTS;
  for (const path of [extra, '/etc/ssl/certs/ca-certificates.crt']) {
    if (path !== undefined && path !== '' && existsSync(path)) return { 'build-ca': path };
  }
  return {};
}

async function probe(buildah: Buildah, container: string, targets: ProbeTargets): Promise<string[]> {
  const result = await buildah.run(container, ['node', '-e', PROBE_SCRIPT, JSON.stringify(targets)]);
  const report = lastJsonLine(result.stdout) as ProbeReport | undefined;
  if (result.code !== 0 || report === undefined) return [`the file system probe failed:\n${outputTail(result)}`];
  return probeProblems(report, targets, NODE_USER_ID);
}

interface NodeStart {
  readonly problems: string[];
  readonly readyMs: number | null;
  readonly stopMs: number | null;
  readonly exitCode: number | null;
  readonly uid: number | null;
}

/**
 * Runs the node image's entrypoint with every role (memory provider and store, admin and gate on loopback), waits
 * for /readyz 200, checks /metrics and the process's uid, then sends the node SIGTERM and expects exit code 0.
 */
async function startNode(buildah: Buildah, container: string, config: ImageConfig): Promise<NodeStart> {
  const adminPort = await freePort('127.0.0.1');
  await buildah.setEnv(container, { GAMECLUSTER_CLUSTER_KEY: randomBytes(32).toString('base64url') });
  const argv = [
    ...(config.Entrypoint ?? NODE_ENTRYPOINT),
    'node',
    '--roles',
    'all',
    '--provider',
    'memory',
    '--store',
    'memory',
    '--admin-host',
    '127.0.0.1',
    '--admin-port',
    String(adminPort),
    '--gate-host',
    '127.0.0.1',
    '--gate-port',
    '0',
    '--mesh-host',
    '127.0.0.1',
  ];
  const started = performance.now();
  const child = buildah.start(container, argv);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  let exitCode: number | null = null;
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.on('close', (code) => {
      exitCode = code;
      exited = true;
      resolve();
    }),
  );
  const problems: string[] = [];
  let readyMs: number | null = null;
  let stopMs: number | null = null;
  let uid: number | null = null;
  try {
    const admin = `http://127.0.0.1:${adminPort}`;
    const ready = await waitReady(`${admin}/readyz`, () => exited);
    if (!ready) {
      problems.push(`/readyz did not answer 200 within ${NODE_READY_TIMEOUT_MS} ms:\n${tail(output)}`);
      return { problems, readyMs, stopMs, exitCode, uid };
    }
    readyMs = Math.round(performance.now() - started);
    const metrics = await fetch(`${admin}/metrics`).then((r) => r.text());
    if (!metrics.includes('gamecluster_')) problems.push('/metrics has no gamecluster_ series');
    const pid = findDescendant(child.pid!, (a) => basename(a[0] ?? '') === 'node' && a.includes('node/src/main.ts'));
    if (pid === undefined) {
      problems.push('the node process was not found under buildah run');
      return { problems, readyMs, stopMs, exitCode, uid };
    }
    uid = processUid(pid) ?? null;
    if (uid !== NODE_USER_ID) problems.push(`the node runs as uid ${uid}, not ${NODE_USER_ID}`);
    const stopping = performance.now();
    process.kill(pid, 'SIGTERM');
    if (!(await within(exit, NODE_STOP_TIMEOUT_MS))) {
      problems.push(`the node did not stop within ${NODE_STOP_TIMEOUT_MS} ms of SIGTERM`);
    } else {
      stopMs = Math.round(performance.now() - stopping);
      if (exitCode !== 0) problems.push(`the node exited ${exitCode} after SIGTERM:\n${tail(output)}`);
    }
    return { problems, readyMs, stopMs, exitCode, uid };
  } finally {
    if (!exited) {
      killGroup(child, 'SIGKILL');
      await within(exit, 5_000);
    }
  }
}

async function waitReady(url: string, gone: () => boolean): Promise<boolean> {
  const deadline = performance.now() + NODE_READY_TIMEOUT_MS;
  while (performance.now() < deadline && !gone()) {
    const status = await fetch(url, { signal: AbortSignal.timeout(2_000) }).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return true;
    await new Promise((resolve) => setTimeout(resolve, READY_POLL_MS));
  }
  return false;
}

interface OperatorStart {
  readonly problems: string[];
}

/** The operator image's entrypoint with --help and --dry-run (no Kubernetes API here), and its controller's load. */
async function startOperator(buildah: Buildah, container: string, config: ImageConfig): Promise<OperatorStart> {
  const entrypoint = config.Entrypoint ?? OPERATOR_ENTRYPOINT;
  const problems: string[] = [];
  const help = await buildah.run(container, [...entrypoint, '--help']);
  if (help.code !== 0 || !help.stdout.includes('--dry-run')) {
    problems.push(`--help did not print the options:\n${outputTail(help)}`);
  }
  const dryRun = await buildah.run(container, [...entrypoint, '--dry-run']);
  const printed = lastJsonLine(dryRun.stdout) as { event?: string; config?: { dryRun?: boolean } } | undefined;
  if (dryRun.code !== 0 || printed?.event !== 'operator.config' || printed.config?.dryRun !== true) {
    problems.push(`--dry-run did not print its configuration:\n${outputTail(dryRun)}`);
  }
  const load = `const m = await import('${OPERATOR_CONTROLLER}'); console.log(typeof m.runOperator);`;
  const loaded = await buildah.run(container, [
    'node',
    '--disable-warning=ExperimentalWarning',
    '--input-type=module',
    '-e',
    load,
  ]);
  if (loaded.code !== 0 || loaded.stdout.trim() !== 'function') {
    problems.push(`${OPERATOR_CONTROLLER} did not load (a dependency missing from the image?):\n${outputTail(loaded)}`);
  }
  return { problems };
}

function stopwatch(): { lap(): number } {
  let last = performance.now();
  return {
    lap() {
      const now = performance.now();
      const ms = Math.round(now - last);
      last = now;
      return ms;
    },
  };
}

function within(promise: Promise<void>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  return Promise.race([promise.then(() => true), timeout]).finally(() => clearTimeout(timer));
}

function tail(text: string, lines = 30): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}
