// `npm start` as a child process, for the suite that checks it and the benchmark that ramps bots against it:
// spawned with this Node, resolved once it prints its `local.ready` line, stopped with SIGINT as Ctrl-C would.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../main.ts', import.meta.url));

export interface LocalProcessOptions {
  readonly dataDir: string;
  /** Address of the gate, the admin server and the mesh. */
  readonly host: string;
  /** 0 (the default) picks free ports. */
  readonly gatePort?: number;
  readonly adminPort?: number;
  /** Longest wait for the ready line (default: 60 s). */
  readonly readyTimeoutMs?: number;
}

export interface LocalProcess {
  readonly child: ChildProcess;
  /** The `local.ready` line: gate, login and metrics URLs, readyMs. */
  readonly ready: Record<string, unknown>;
  /** From spawn to the ready line, as the caller saw it. */
  readonly wallMs: number;
  /** Everything the process printed so far (stdout, then stderr). */
  output(): string;
  /** SIGINT (Ctrl-C) and the exit code. */
  interrupt(): Promise<number | null>;
}

export function startLocalProcess(options: LocalProcessOptions): Promise<LocalProcess> {
  const began = performance.now();
  const child = spawn(
    process.execPath,
    [
      '--disable-warning=ExperimentalWarning',
      MAIN,
      ...['--data-dir', options.dataDir, '--host', options.host],
      ...['--gate-port', String(options.gatePort ?? 0), '--admin-port', String(options.adminPort ?? 0)],
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const output = () => `${stdout}\n${stderr}`;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`npm start was not ready in ${options.readyTimeoutMs ?? 60_000} ms:\n${output()}`));
    }, options.readyTimeoutMs ?? 60_000);
    const onData = (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split('\n').find((l) => l.startsWith('{"event":"local.ready"'));
      if (line === undefined) return;
      clearTimeout(timer);
      resolve({
        child,
        ready: JSON.parse(line) as Record<string, unknown>,
        wallMs: Math.round(performance.now() - began),
        output,
        interrupt: () => {
          child.kill('SIGINT');
          return exited;
        },
      });
    };
    child.stdout!.on('data', onData);
    exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited (${code}) before it was ready:\n${output()}`));
    });
  });
}
