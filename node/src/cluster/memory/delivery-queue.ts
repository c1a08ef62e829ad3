// Runs tasks one after another on a later microtask, in the order they were queued: the memory cluster's events
// reach every provider in store order, and no caller is re-entered by an event it caused.

export class DeliveryQueue {
  #tasks: (() => void)[] = [];
  #scheduled = false;

  /** Queues `task` after every task queued before it; a task that throws is reported and the queue goes on. */
  enqueue(task: () => void): void {
    this.#tasks.push(task);
    if (this.#scheduled) return;
    this.#scheduled = true;
    queueMicrotask(() => this.#drain());
  }

  /** Resolves once every task queued so far has run. */
  settled(): Promise<void> {
    return new Promise((resolve) => this.enqueue(resolve));
  }

  #drain(): void {
    // Tasks queued while draining run in this same drain, after those already queued.
    for (let i = 0; i < this.#tasks.length; i++) {
      try {
        (this.#tasks[i] as () => void)();
      } catch (error: unknown) {
        reportListenerError(error);
      }
    }
    this.#tasks = [];
    this.#scheduled = false;
  }
}

/** Reports what an event listener threw without stopping delivery to the others. */
export function reportListenerError(error: unknown): void {
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.emitWarning(`a cluster event listener threw (delivery went on): ${message}`, {
    type: 'ClusterListenerWarning',
  });
}
