// The IPC between a benchmark and its helper processes (see bench-child.ts): the parent calls methods, the child
// replies; serveParent() is the child's side, which also exits when the parent goes away.

export type ParentCall = {
  readonly kind: 'call';
  readonly call: number;
  readonly method: string;
  readonly params: unknown;
};

export type ChildMessage =
  | { readonly kind: 'ready'; readonly info: unknown }
  | { readonly kind: 'reply'; readonly call: number; readonly ok: true; readonly value: unknown }
  | { readonly kind: 'reply'; readonly call: number; readonly ok: false; readonly error: string };

export type CallHandlers = Record<string, (params: never) => unknown>;

/** This child's one argument: the JSON config its parent passed. */
export function configFromArgv<T>(): T {
  return JSON.parse(process.argv[2] ?? 'null') as T;
}

/**
 * Serves the parent's calls with `handlers` and says ready with `info`. `stop` (required) runs, is answered, and
 * the process exits; losing the parent exits too, so no helper outlives a killed benchmark.
 */
export function serveParent(info: unknown, handlers: CallHandlers & { stop: () => unknown }): void {
  const send = process.send?.bind(process);
  if (send === undefined) throw new Error('run this program from its benchmark: it needs an IPC channel');
  process.on('disconnect', () => process.exit(0));
  process.on('message', (message: ParentCall) => {
    if (message?.kind !== 'call') return;
    const handler = handlers[message.method];
    const reply = (result: ChildMessage, then?: () => void): void => {
      send(result, undefined, undefined, () => then?.());
    };
    if (handler === undefined) {
      reply({ kind: 'reply', call: message.call, ok: false, error: `no method ${message.method}` });
      return;
    }
    const exitAfter = message.method === 'stop' ? () => process.exit(0) : undefined;
    Promise.resolve()
      .then(() => handler(message.params as never))
      .then(
        (value) => reply({ kind: 'reply', call: message.call, ok: true, value: value ?? null }, exitAfter),
        (error: unknown) =>
          reply(
            {
              kind: 'reply',
              call: message.call,
              ok: false,
              error: error instanceof Error ? (error.stack ?? error.message) : String(error),
            },
            exitAfter,
          ),
      );
  });
  send({ kind: 'ready', info } satisfies ChildMessage);
}
