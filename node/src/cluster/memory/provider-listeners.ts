// The listener sets behind ClusterProvider.on/off, typed by event name; a listener that throws is reported and
// the others still run.
import type { ClusterProviderEvents } from '../cluster-provider.ts';
import { reportListenerError } from './delivery-queue.ts';

type EventName = keyof ClusterProviderEvents;
type AnyListener = (...args: never[]) => void;

export class ProviderListeners {
  readonly #listeners = new Map<EventName, Set<AnyListener>>();

  on<E extends EventName>(event: E, listener: ClusterProviderEvents[E]): void {
    let set = this.#listeners.get(event);
    if (set === undefined) {
      set = new Set();
      this.#listeners.set(event, set);
    }
    set.add(listener);
  }

  off<E extends EventName>(event: E, listener: ClusterProviderEvents[E]): void {
    this.#listeners.get(event)?.delete(listener);
  }

  emit<E extends EventName>(event: E, ...args: Parameters<ClusterProviderEvents[E]>): void {
    const set = this.#listeners.get(event);
    if (set === undefined) return;
    for (const listener of [...set]) {
      try {
        (listener as unknown as (...a: Parameters<ClusterProviderEvents[E]>) => void)(...args);
      } catch (error: unknown) {
        reportListenerError(error);
      }
    }
  }
}
