// The client's requests: those waiting to be sent (over the gate's pending limit, or while reconnecting) and those
// in flight by id, each with its deadline. A request that timed out keeps its slot until the gate answers it, so
// the client never has more requests pending at the gate than WELCOME.limits.maxPendingRequests.
import { AskTimeoutError } from '../actor/errors.ts';
import type { GameclusterError } from '../errors/index.ts';
import { FIELD_LIMITS } from '../gate/protocol/index.ts';
import { ClientQueueFullError } from './errors.ts';

export interface PendingRequest {
  readonly route: string;
  readonly args: readonly unknown[];
  /** Assigned when the request is sent. */
  id: number;
  /** False once the promise was settled (e.g. timed out) while the slot is still held. */
  live: boolean;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout> | undefined;
}

export class RequestTable {
  private readonly waiting: PendingRequest[] = [];
  private readonly inFlight = new Map<number, PendingRequest>();
  private nextId = 1;
  private readonly maxWaiting: number;

  constructor(maxWaiting: number) {
    this.maxWaiting = maxWaiting;
  }

  get inFlightCount(): number {
    return this.inFlight.size;
  }

  get waitingCount(): number {
    return this.waiting.length;
  }

  /** A new request waiting to be sent; it rejects with AskTimeoutError after `timeoutMs` wherever it is. */
  add(route: string, args: readonly unknown[], timeoutMs: number): Promise<unknown> {
    if (this.waiting.length >= this.maxWaiting) {
      return Promise.reject(
        new ClientQueueFullError(
          `${this.waiting.length} requests already wait to be sent; back off or raise maxQueuedRequests`,
        ),
      );
    }
    return new Promise((resolve, reject) => {
      const request: PendingRequest = { route, args, id: 0, live: true, resolve, reject, timer: undefined };
      request.timer = setTimeout(() => this.timeOut(request, timeoutMs), timeoutMs);
      this.waiting.push(request);
    });
  }

  /** Moves waiting requests in flight while fewer than `limit` are in flight, giving each an id. */
  takeSendable(limit: number): PendingRequest[] {
    const taken: PendingRequest[] = [];
    while (this.waiting.length > 0 && this.inFlight.size < limit) {
      const request = this.waiting.shift()!;
      request.id = this.allocateId();
      this.inFlight.set(request.id, request);
      taken.push(request);
    }
    return taken;
  }

  /** The answer to request `id`: settles it (if still live) and frees its slot. False for an unknown id. */
  settle(id: number, outcome: { ok: true; value: unknown } | { ok: false; error: Error }): boolean {
    const request = this.inFlight.get(id);
    if (request === undefined) return false;
    this.inFlight.delete(id);
    if (!request.live) return true;
    this.finish(request);
    if (outcome.ok) request.resolve(outcome.value);
    else request.reject(outcome.error);
    return true;
  }

  /** The connection ended: every request in flight fails with `error` (waiting ones stay for the next one). */
  failInFlight(error: GameclusterError): void {
    for (const request of this.inFlight.values()) {
      if (request.live) {
        this.finish(request);
        request.reject(error);
      }
    }
    this.inFlight.clear();
  }

  /** The client closed: every request fails with `error`. */
  failAll(error: GameclusterError): void {
    this.failInFlight(error);
    for (const request of this.waiting.splice(0)) {
      this.finish(request);
      request.reject(error);
    }
  }

  private timeOut(request: PendingRequest, timeoutMs: number): void {
    if (!request.live) return;
    const index = this.waiting.indexOf(request);
    if (index >= 0) this.waiting.splice(index, 1);
    this.finish(request);
    const where = index >= 0 ? 'it was still waiting to be sent' : 'it may or may not have run';
    request.reject(new AskTimeoutError(`request ${request.route} got no answer within ${timeoutMs} ms; ${where}`));
  }

  private finish(request: PendingRequest): void {
    request.live = false;
    clearTimeout(request.timer);
  }

  private allocateId(): number {
    while (true) {
      const id = this.nextId;
      this.nextId = id >= FIELD_LIMITS.maxRequestId ? 1 : id + 1;
      if (!this.inFlight.has(id)) return id;
    }
  }
}
