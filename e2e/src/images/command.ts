// Runs the images suite's external commands (buildah, debootstrap, npm, tar, chroot) with a deadline and their
// output kept, and starts the long-lived one (the node image's entry) in its own process group, so a stuck
// child never outlives the suite.
import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { IMAGES_ERROR_CODES, ImagesError } from './errors.ts';

export interface CommandOptions {
  /** Longest run before the command's process group is killed (SIGKILL) and the result says so. */
  readonly timeoutMs: number;
  readonly cwd?: string;
  /** The child's whole environment (default: this process's, without npm's `npm_*` run-script variables). */
  readonly env?: NodeJS.ProcessEnv;
}

export interface CommandResult {
  readonly command: string;
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly timedOut: boolean;
  readonly stdout: string;
  readonly stderr: string;
  readonly elapsedMs: number;
}

/**
 * This process's environment without the `npm_*` variables `npm run` adds: they carry the run-script's own
 * settings (workspace, command) into an `npm pack` or a build that must not see them.
 */
export function childEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!name.startsWith('npm_')) env[name] = value;
  }
  return { ...env, ...extra };
}

/** Starts `file args` in a new process group, output piped. */
export function startCommand(file: string, args: readonly string[], options: Omit<CommandOptions, 'timeoutMs'>) {
  return spawn(file, args, {
    cwd: options.cwd,
    env: options.env ?? childEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
}

/** Kills the process group `child` leads (started by startCommand), ignoring one that is gone. */
export function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {}
}

/** Runs `file args` to completion and returns what it printed; never rejects (see commandOk for that). */
export function runCommand(file: string, args: readonly string[], options: CommandOptions): Promise<CommandResult> {
  const started = performance.now();
  const command = [file, ...args].join(' ');
  return new Promise((resolve) => {
    const child = startCommand(file, args, options);
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child, 'SIGKILL');
    }, options.timeoutMs);
    const finish = (code: number | null, signal: NodeJS.Signals | null, error?: Error) => {
      clearTimeout(timer);
      resolve({
        command,
        code,
        signal,
        timedOut,
        stdout,
        stderr: error === undefined ? stderr : `${stderr}${error.message}\n`,
        elapsedMs: Math.round(performance.now() - started),
      });
    };
    child.on('error', (error) => finish(null, null, error));
    child.on('close', (code, signal) => finish(code, signal));
  });
}

/** The last `lines` lines of a command's output, for error messages. */
export function outputTail(result: CommandResult, lines = 30): string {
  return `${result.stdout}${result.stderr}`.trimEnd().split('\n').slice(-lines).join('\n');
}

/** Runs `file args` and returns its result, or throws ImagesError when it did not exit 0 in time. */
export async function commandOk(
  file: string,
  args: readonly string[],
  options: CommandOptions,
): Promise<CommandResult> {
  const result = await runCommand(file, args, options);
  if (result.code === 0) return result;
  const how = result.timedOut
    ? `ran past its ${Math.round(options.timeoutMs / 1000)} s deadline and was killed`
    : result.code === null
      ? `did not run (${result.signal ?? 'spawn failed'})`
      : `exited ${result.code}`;
  throw new ImagesError(
    IMAGES_ERROR_CODES.commandFailed,
    `\`${abbreviate(result.command)}\` ${how}; its last output:\n${outputTail(result)}`,
  );
}

function abbreviate(command: string): string {
  return command.length > 300 ? `${command.slice(0, 300)}…` : command;
}

/** Root's tools (debootstrap, chroot) live in sbin folders that a CI environment's PATH may leave out. */
const SBIN_DIRS = ['/usr/local/sbin', '/usr/sbin', '/sbin'];

/** The path of executable `name` on PATH or in the sbin folders, or throws ImagesError saying how to install it. */
export function requireTool(name: string, aptPackage: string): string {
  const dirs = [...(process.env.PATH ?? '').split(delimiter).filter((d) => d !== ''), ...SBIN_DIRS];
  for (const dir of dirs) {
    const path = join(dir, name);
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {}
  }
  throw new ImagesError(
    IMAGES_ERROR_CODES.prerequisite,
    `${name} is not installed: run \`apt-get install -y ${aptPackage}\` (as .ci/run does) and try again`,
  );
}
