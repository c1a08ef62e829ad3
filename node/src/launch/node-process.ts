// One gamecluster node as a child process (`main.ts node ...`), for `npm run cluster` and for suites that kill,
// pause and restart nodes: it parses the node's JSON stdout lines, waits for `node.ready`, and can be signalled
// and started again with the same arguments (same name and mesh address, a new incarnation).
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const NODE_MAIN = fileURLToPath(new URL('../main.ts', import.meta.url));

export interface NodeProcessOptions {
  readonly name: string;
  /** Arguments after `main.ts node`. */
  readonly args: readonly string[];
  /** Each JSON line the node prints on stdout. */
  readonly onLine?: (line: Record<string, unknown>, node: NodeProcess) => void;
  /** File that receives the node's stderr (its logs), appended across restarts. */
  readonly stderrFile?: string;
  /** Environment of the process (default: this process's). */
  readonly env?: NodeJS.ProcessEnv;
}

export class NodeProcess {
  readonly name: string;
  private readonly options: NodeProcessOptions;
  private child: ChildProcess | undefined;
  private exited: Promise<number | null> = Promise.resolve(null);
  private log: WriteStream | undefined;
  /** Member id of the current incarnation (from its ready line). */
  member = '';
  /** The current incarnation's `node.ready` line (gate URL, roles, address...). */
  ready: Record<string, unknown> | undefined;
  starts = 0;

  constructor(options: NodeProcessOptions) {
    this.name = options.name;
    this.options = options;
    if (options.stderrFile !== undefined) this.log = createWriteStream(options.stderrFile, { flags: 'a' });
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Starts the process and resolves with its member id once it has joined. */
  start(timeoutMs = 20_000): Promise<string> {
    this.starts++;
    const child = spawn(
      process.execPath,
      ['--disable-warning=ExperimentalWarning', NODE_MAIN, 'node', ...this.options.args],
      { stdio: ['ignore', 'pipe', 'pipe'], env: this.options.env ?? process.env },
    );
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    if (this.log !== undefined) child.stderr!.pipe(this.log, { end: false });
    else child.stderr!.resume();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${this.name} did not report node.ready in ${timeoutMs} ms`)),
        timeoutMs,
      );
      let buffered = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        let newline = buffered.indexOf('\n');
        while (newline >= 0) {
          const text = buffered.slice(0, newline);
          buffered = buffered.slice(newline + 1);
          newline = buffered.indexOf('\n');
          let line: Record<string, unknown>;
          try {
            line = JSON.parse(text) as Record<string, unknown>;
          } catch {
            continue;
          }
          if (line.event === 'node.ready') {
            this.member = String(line.member);
            this.ready = line;
            clearTimeout(timer);
            resolve(this.member);
          }
          this.options.onLine?.(line, this);
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`${this.name} exited before it was ready (code ${code}, signal ${signal})`));
      });
    });
  }

  signal(signal: NodeJS.Signals): void {
    this.child?.kill(signal);
  }

  /** SIGKILL and wait for the exit. */
  async kill(): Promise<void> {
    this.signal('SIGKILL');
    await this.exited;
  }

  /** SIGTERM (clean stop), SIGKILL after `graceMs`. */
  async stop(graceMs = 10_000): Promise<number | null> {
    if (!this.running) return this.exited;
    this.signal('SIGTERM');
    const timer = setTimeout(() => this.signal('SIGKILL'), graceMs);
    const code = await this.exited;
    clearTimeout(timer);
    return code;
  }

  closeLog(): void {
    this.log?.end();
  }
}
