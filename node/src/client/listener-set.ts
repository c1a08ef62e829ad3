// Listeners by name for the client's push events and lifecycle events: browser-safe (no node:events), and a
// throwing listener neither stops the others nor breaks the connection.

type Listener = (...args: never[]) => void;

export class ListenerSet<Events extends { [Name in keyof Events]: Listener }> {
  private readonly byName = new Map<keyof Events, Set<Listener>>();
  private readonly onListenerError: (error: unknown) => void;

  constructor(onListenerError: (error: unknown) => void) {
    this.onListenerError = onListenerError;
  }

  /** Adds a listener; the returned function removes it. */
  add<Name extends keyof Events>(name: Name, listener: Events[Name]): () => void {
    let listeners = this.byName.get(name);
    if (listeners === undefined) {
      listeners = new Set();
      this.byName.set(name, listeners);
    }
    listeners.add(listener);
    return () => this.remove(name, listener);
  }

  remove<Name extends keyof Events>(name: Name, listener: Events[Name]): void {
    this.byName.get(name)?.delete(listener);
  }

  has(name: keyof Events): boolean {
    return (this.byName.get(name)?.size ?? 0) > 0;
  }

  emit<Name extends keyof Events>(name: Name, ...args: Parameters<Events[Name]>): void {
    const listeners = this.byName.get(name);
    if (listeners === undefined) return;
    for (const listener of [...listeners]) {
      try {
        (listener as (...values: Parameters<Events[Name]>) => void)(...args);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }
}
