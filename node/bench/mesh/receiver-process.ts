// The parent's handle on the receiver process: spawns it with this Node (process.execPath), waits until it
// listens, and turns its IPC messages into promises (round ready, credits, final stats).
import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FromReceiver, ToReceiver } from './bench-wire.ts';

export class ReceiverProcess {
  readonly meshAddress: string;
  readonly rawAddress: string;
  /** Messages the receiver handled in the current round, as last reported. */
  handled = 0;
  private readonly child: ChildProcess;
  private waiters: (() => void)[] = [];
  private nextReady: (() => void) | undefined;
  private nextStats: ((stats: unknown) => void) | undefined;

  private constructor(child: ChildProcess, meshAddress: string, rawAddress: string) {
    this.child = child;
    this.meshAddress = meshAddress;
    this.rawAddress = rawAddress;
    child.on('message', (message: FromReceiver) => {
      if (message.type === 'credit') {
        this.handled = message.handled;
        const waiters = this.waiters;
        this.waiters = [];
        for (const wake of waiters) wake();
      } else if (message.type === 'ready') {
        this.nextReady?.();
      } else if (message.type === 'stats') {
        this.nextStats?.(message.stats);
      }
    });
  }

  static async start(): Promise<ReceiverProcess> {
    const program = join(dirname(fileURLToPath(import.meta.url)), 'receiver.ts');
    const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', '--expose-gc', program], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const listening = await new Promise<FromReceiver & { type: 'listening' }>((resolve, reject) => {
      child.once('message', (message: FromReceiver) => {
        if (message.type === 'listening') resolve(message);
        else reject(new Error(`receiver said ${message.type} before listening`));
      });
      child.once('exit', (code) => reject(new Error(`receiver exited with ${code} before listening`)));
    });
    return new ReceiverProcess(child, listening.meshAddress, listening.rawAddress);
  }

  send(message: ToReceiver): void {
    this.child.send(message);
  }

  /** Starts a round of `total` messages on the receiver (its handled count restarts at 0, its heap is collected). */
  async round(total: number): Promise<void> {
    this.handled = 0;
    const ready = new Promise<void>((resolve) => {
      this.nextReady = resolve;
    });
    this.send({ type: 'round', total });
    await ready;
  }

  /** Resolves at the next credit report. */
  nextCredit(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  async stop(): Promise<unknown> {
    const stats = new Promise<unknown>((resolve) => {
      this.nextStats = resolve;
    });
    this.send({ type: 'stop' });
    const result = await stats;
    await new Promise<void>((resolve) => {
      if (this.child.exitCode !== null) resolve();
      else this.child.once('exit', () => resolve());
    });
    return result;
  }
}
