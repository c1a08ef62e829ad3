// A benchmark's handle on a helper process (a gate, a client fleet, one side of a comparison): spawned with this Node, ready
// when it says so over IPC, driven by request/reply calls, and never left behind: every child still running is
// killed when the benchmark exits, fails or is interrupted.
import { type ChildProcess, spawn } from 'node:child_process';
import type { ChildMessage, ParentCall } from './bench-child-ipc.ts';

const running = new Set<ChildProcess>();

function killRunning(): void {
  for (const child of running) child.kill('SIGKILL');
}

// 'exit' also runs after an uncaught error (a failed top-level await included); signals need their own handlers.
process.once('exit', killRunning);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    killRunning();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  });
}

interface PendingCall {
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
}

export class BenchChild<Info> {
  readonly info: Info;
  readonly name: string;
  private readonly child: ChildProcess;
  private readonly pending = new Map<number, PendingCall>();
  private nextCall = 1;
  private exited: Promise<void>;

  private constructor(name: string, child: ChildProcess, info: Info, exited: Promise<void>) {
    this.name = name;
    this.child = child;
    this.info = info;
    this.exited = exited;
    child.on('message', (message: ChildMessage) => {
      if (message.kind !== 'reply') return;
      const call = this.pending.get(message.call);
      if (call === undefined) return;
      this.pending.delete(message.call);
      if (message.ok) call.resolve(message.value);
      else call.reject(new Error(`${name}: ${message.error}`));
    });
    void exited.then(() => {
      for (const call of this.pending.values()) call.reject(new Error(`${name} exited while a call was pending`));
      this.pending.clear();
    });
  }

  /** Spawns `program` with `config` (JSON, its one argument) and waits until it is ready. */
  static async start<Info>(
    name: string,
    program: string,
    config: unknown,
    readyTimeoutMs = 60_000,
  ): Promise<BenchChild<Info>> {
    // Profiling the benchmark (`node --cpu-prof --cpu-prof-dir=DIR ...`, `--trace-deopt`) profiles its helpers too.
    const profiling = process.execArgv.filter((arg) => /^--(cpu-prof|trace-deopt|trace-opt)/.test(arg));
    // The child's stdout goes to our stderr: our stdout carries nothing but figures.
    const child = spawn(
      process.execPath,
      ['--disable-warning=ExperimentalWarning', '--expose-gc', ...profiling, program, JSON.stringify(config ?? null)],
      { stdio: ['ignore', 2, 2, 'ipc'] },
    );
    running.add(child);
    const exited = new Promise<void>((resolve) => {
      child.once('exit', () => {
        running.delete(child);
        resolve();
      });
    });
    const info = await new Promise<Info>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${name} was not ready within ${readyTimeoutMs} ms`)),
        readyTimeoutMs,
      );
      child.on('message', (message: ChildMessage) => {
        if (message.kind !== 'ready') return;
        clearTimeout(timer);
        resolve(message.info as Info);
      });
      void exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`${name} exited with ${child.exitCode ?? child.signalCode} before it was ready`));
      });
    });
    return new BenchChild(name, child, info, exited);
  }

  /** Calls `method` in the child; rejects with the child's error, or when it exits first. */
  call<T>(method: string, params: unknown = null): Promise<T> {
    const call = this.nextCall++;
    return new Promise<T>((resolve, reject) => {
      if (this.child.exitCode !== null || this.child.signalCode !== null) {
        reject(new Error(`${this.name} has exited`));
        return;
      }
      this.pending.set(call, { resolve: resolve as (value: unknown) => void, reject });
      const message: ParentCall = { kind: 'call', call, method, params };
      this.child.send(message);
    });
  }

  /** Asks the child to stop and waits for it to exit; kills it if it does not within `timeoutMs`. */
  async stop(timeoutMs = 15_000): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.call('stop').catch(() => undefined);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    await this.exited;
    clearTimeout(timer);
  }
}
