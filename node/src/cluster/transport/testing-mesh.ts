// Helpers shared by the mesh transport's tests (not part of the public API): transports on their own loopback
// address, a handler that records what arrives, a promise-backed PendingAsk, and envelopes.
import type { Envelope } from '../../actor/envelope.ts';
import type { ErrorData } from '../../errors/index.ts';
import { MeshTransport } from './mesh-transport.ts';
import type { MeshHandler, MeshTransportOptions } from './mesh-transport-options.ts';
import type { PendingAsk } from './pending-asks.ts';

/** A loopback address of its own (127.0.0.20..250), so tests running side by side do not meet. */
export function loopbackHost(): string {
  return `127.0.0.${20 + Math.floor(Math.random() * 231)}`;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `condition` every 5 ms until it holds or `timeoutMs` passes (then throws, naming `what`). */
export async function waitFor(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(5);
  }
}

export function tellEnvelope(id: string, method: string, args: readonly unknown[], kind = 'Counter'): Envelope {
  return { kind, id, method, args, requestId: 0, timeoutMs: 0, chain: 0, trace: '' };
}

export function askEnvelope(id: string, method: string, args: readonly unknown[], kind = 'Counter'): Envelope {
  return { kind, id, method, args, requestId: 1, timeoutMs: 5000, chain: 7, trace: '' };
}

export interface Received {
  readonly from: string;
  readonly envelope: Envelope;
  readonly hops: number;
}

type Answer = (envelope: Envelope) => { ok: true; value: unknown } | { ok: false; error: ErrorData } | undefined;

/** Records every inbound envelope; asks are answered by `answer` (undefined = never answered). */
export class RecordingHandler implements MeshHandler {
  readonly received: Received[] = [];
  transport: MeshTransport | undefined;
  answer: Answer = (envelope) => ({ ok: true, value: envelope.args });

  onEnvelope(from: string, envelope: Envelope, hops: number): void {
    this.received.push({ from, envelope, hops });
    if (envelope.requestId === 0) return;
    const response = this.answer(envelope);
    if (response !== undefined) this.transport!.respond(from, envelope.requestId, response);
  }
}

/** A PendingAsk whose outcome is a promise. */
export class TestPendingAsk implements PendingAsk {
  settled = false;
  readonly result: Promise<unknown>;
  private resolve!: (value: unknown) => void;
  private reject!: (error: unknown) => void;

  constructor() {
    this.result = new Promise((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    this.result.catch(() => {});
  }

  settle(value: unknown): void {
    if (this.settled) return;
    this.settled = true;
    this.resolve(value);
  }

  fail(error: unknown): void {
    if (this.settled) return;
    this.settled = true;
    this.reject(error);
  }
}

export interface TestNode {
  readonly id: string;
  readonly transport: MeshTransport;
  readonly handler: RecordingHandler;
  readonly address: string;
  readonly errors: { error: unknown; where: string }[];
}

/** A listening transport with a recording handler; errors go to `errors` instead of stderr. */
export async function startNode(
  id: string,
  options: Partial<MeshTransportOptions> & { host?: string } = {},
): Promise<TestNode> {
  const handler = new RecordingHandler();
  const errors: { error: unknown; where: string }[] = [];
  const transport = new MeshTransport({
    selfId: id,
    host: options.host ?? loopbackHost(),
    port: 0,
    handler,
    reconnectInitialMs: 20,
    reconnectMaxMs: 200,
    onError: (error, where) => errors.push({ error, where }),
    ...options,
  });
  handler.transport = transport;
  const address = await transport.listen();
  return { id, transport, handler, address, errors };
}

/** Tells each node about the others. */
export function connectAll(nodes: readonly TestNode[]): void {
  for (const node of nodes) {
    node.transport.updatePeers(nodes.filter((n) => n !== node).map((n) => ({ id: n.id, address: n.address })));
  }
}
