// Runs an in-process controller's sweep after store changes, coalesced to one sweep per event-loop turn and
// outside the request that caused the change (as the real controllers run apart from the API server).

import type { ObjectStore } from './object-store.ts';

export type SimLog = (entry: Record<string, unknown>) => void;

export class ControllerLoop {
  readonly #name: string;
  readonly #store: ObjectStore;
  readonly #sweep: () => void;
  readonly #log: SimLog;
  #unsubscribe: (() => void) | undefined;
  #pending: NodeJS.Immediate | undefined;

  constructor(name: string, store: ObjectStore, sweep: () => void, log: SimLog) {
    this.#name = name;
    this.#store = store;
    this.#sweep = sweep;
    this.#log = log;
  }

  start(): void {
    this.#unsubscribe = this.#store.subscribe(() => this.schedule());
    this.schedule();
  }

  stop(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    if (this.#pending !== undefined) clearImmediate(this.#pending);
    this.#pending = undefined;
  }

  schedule(): void {
    if (this.#pending !== undefined) return;
    this.#pending = setImmediate(() => {
      this.#pending = undefined;
      try {
        this.#sweep();
      } catch (error) {
        this.#log({ controller: this.#name, error: error instanceof Error ? error.message : String(error) });
      }
    });
  }
}
