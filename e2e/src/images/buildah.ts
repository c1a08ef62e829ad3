// Buildah on a private store for the images suite: its own --root and --runroot (vfs storage, which needs no
// overlay support in this container) under a temporary folder, chroot isolation (no Docker engine, no user
// namespaces needed as root), so runs never collide with each other or with a person's own images, and
// destroy() leaves nothing behind.
import type { ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CommandResult, childEnv, commandOk, requireTool, runCommand, startCommand } from './command.ts';

const QUICK_TIMEOUT_MS = 60_000;
const IMPORT_TIMEOUT_MS = 3 * 60_000;
const BUILD_TIMEOUT_MS = 5 * 60_000;

/** The parts of an image's OCI config the suite checks. */
export interface ImageConfig {
  readonly User?: string;
  readonly Entrypoint?: readonly string[];
  readonly Cmd?: readonly string[];
  readonly WorkingDir?: string;
  readonly Env?: readonly string[];
  readonly ExposedPorts?: Record<string, unknown>;
}

export interface BuildOptions {
  readonly contextDir: string;
  /** Path of the Dockerfile (relative to contextDir or absolute). */
  readonly dockerfile: string;
  readonly tag: string;
  readonly buildArgs?: Record<string, string>;
  /** Build secrets by id: the file each one mounts from. */
  readonly secrets?: Record<string, string>;
}

export class Buildah {
  /** The private store and scratch space; removed by destroy(). */
  readonly dir: string;
  private readonly binary: string;

  private constructor(dir: string, binary: string) {
    this.dir = dir;
    this.binary = binary;
  }

  static async create(parentDir = tmpdir()): Promise<Buildah> {
    const binary = requireTool('buildah', 'buildah');
    const dir = await mkdtemp(join(parentDir, 'gamecluster-buildah-'));
    await mkdir(join(dir, 'tmp'));
    return new Buildah(dir, binary);
  }

  /** Turns a root filesystem tar into image `tag` (one layer), with `config` flags for `buildah config`. */
  async importRootfs(tarPath: string, tag: string, config: readonly string[]): Promise<void> {
    const container = (await this.exec(['from', 'scratch'], QUICK_TIMEOUT_MS)).stdout.trim();
    await this.exec(['add', container, tarPath, '/'], IMPORT_TIMEOUT_MS);
    await this.exec(['config', ...config, container], QUICK_TIMEOUT_MS);
    await this.exec(['commit', '--rm', '--quiet', container, tag], IMPORT_TIMEOUT_MS);
  }

  /** `buildah build` of one Dockerfile; throws with the build's last output when it fails. */
  async build(options: BuildOptions): Promise<CommandResult> {
    const args = ['build', '--isolation', 'chroot', '--pull=never', '-f', options.dockerfile, '-t', options.tag];
    for (const [name, value] of Object.entries(options.buildArgs ?? {})) args.push('--build-arg', `${name}=${value}`);
    for (const [id, src] of Object.entries(options.secrets ?? {})) args.push('--secret', `id=${id},src=${src}`);
    args.push(options.contextDir);
    return this.exec(args, BUILD_TIMEOUT_MS);
  }

  /** A working container of `image`; returns its name. */
  async from(image: string): Promise<string> {
    return (await this.exec(['from', '--pull=never', '--quiet', image], QUICK_TIMEOUT_MS)).stdout.trim();
  }

  /** Sets env variables on a working container (buildah 1.28's `run` has no --env). */
  async setEnv(container: string, env: Record<string, string>): Promise<void> {
    const flags = Object.entries(env).flatMap(([name, value]) => ['--env', `${name}=${value}`]);
    await this.exec(['config', ...flags, container], QUICK_TIMEOUT_MS);
  }

  /** Runs `argv` in the container as the image's user, to completion; the result may be a failure. */
  run(container: string, argv: readonly string[], timeoutMs = QUICK_TIMEOUT_MS): Promise<CommandResult> {
    return runCommand(this.binary, this.args(['run', '--isolation', 'chroot', container, '--', ...argv]), {
      timeoutMs,
      env: this.env(),
    });
  }

  /** Starts `argv` in the container (host network: chroot isolation makes no network namespace). */
  start(container: string, argv: readonly string[]): ChildProcess {
    return startCommand(this.binary, this.args(['run', '--isolation', 'chroot', container, '--', ...argv]), {
      env: this.env(),
    });
  }

  async imageConfig(image: string): Promise<ImageConfig> {
    const result = await this.exec(['inspect', '--type', 'image', image], QUICK_TIMEOUT_MS);
    const inspected = JSON.parse(result.stdout) as { OCIv1?: { config?: ImageConfig } };
    return inspected.OCIv1?.config ?? {};
  }

  /** The image's size as buildah prints it ("280 MB"). */
  async imageSize(image: string): Promise<string> {
    const result = await this.exec(['images', '--json', image], QUICK_TIMEOUT_MS);
    const images = JSON.parse(result.stdout) as { size?: string }[];
    return images[0]?.size ?? 'unknown';
  }

  /** Removes every working container, then the whole store. */
  async destroy(): Promise<void> {
    await runCommand(this.binary, this.args(['rm', '--all']), { timeoutMs: QUICK_TIMEOUT_MS, env: this.env() });
    await rm(this.dir, { recursive: true, force: true });
  }

  private exec(args: readonly string[], timeoutMs: number): Promise<CommandResult> {
    return commandOk(this.binary, this.args(args), { timeoutMs, env: this.env() });
  }

  private args(rest: readonly string[]): string[] {
    const store = ['--root', join(this.dir, 'root'), '--runroot', join(this.dir, 'runroot')];
    return [...store, '--storage-driver', 'vfs', ...rest];
  }

  private env(): NodeJS.ProcessEnv {
    // Buildah's own scratch files (build contexts, secrets) go under the private folder too.
    return childEnv({ TMPDIR: join(this.dir, 'tmp') });
  }
}
