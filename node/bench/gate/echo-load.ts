// Pipelined request load for gate.echo: every connection keeps `window` REQUESTs in flight (a new one goes out as
// each answer arrives) until the round's time is up, then waits for the rest; counts answers and records each
// answer's latency. The same code drives the gate and the raw echo baseline (an echoed REQUEST carries its id in
// the same place as a RESPONSE).
import type { WebSocket } from 'ws';
import { encodeClientFrame } from '../../src/gate/protocol/index.ts';
import { ECHO_ROUTE } from './bench-gate-wire.ts';
import { isErrorFrame, readFrame } from './bench-socket.ts';

export interface EchoRound {
  /** Answers per second. */
  readonly rate: number;
  readonly answered: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

/** Latencies kept per round; past this the round's percentiles come from the first ones. */
const MAX_SAMPLES = 4_000_000;

export class EchoLoad {
  private readonly sockets: readonly WebSocket[];
  private readonly window: number;
  private readonly args: readonly unknown[];
  /** Per socket: when each in-flight request id (masked) was sent. */
  private readonly sentAt: Float64Array[];
  private readonly nextId: number[];
  private readonly mask: number;
  private readonly latencies = new Float64Array(MAX_SAMPLES);
  private answered = 0;
  private inFlight = 0;
  private deadline = 0;
  private lastAnswerAt = 0;
  private failure: Error | undefined;
  private settle: (() => void) | undefined;

  constructor(sockets: readonly WebSocket[], window: number, payload: unknown) {
    this.sockets = sockets;
    this.window = window;
    this.args = [payload];
    let size = 1;
    while (size < window) size *= 2;
    this.mask = size - 1;
    this.sentAt = sockets.map(() => new Float64Array(size));
    this.nextId = sockets.map(() => 1);
    sockets.forEach((ws, socket) => {
      ws.on('message', (data: Buffer) => this.onAnswer(socket, data));
      ws.on('close', (code) => this.fail(new Error(`connection ${socket} closed with ${code} during the load`)));
    });
  }

  /** Runs the load for `durationMs`, then until every request in flight is answered. */
  round(durationMs: number): Promise<EchoRound> {
    this.answered = 0;
    this.failure = undefined;
    const start = performance.now();
    this.deadline = start + durationMs;
    this.lastAnswerAt = start;
    this.inFlight = this.sockets.length * this.window;
    const finished = new Promise<void>((resolve) => {
      this.settle = resolve;
    });
    for (let socket = 0; socket < this.sockets.length; socket++) {
      for (let i = 0; i < this.window; i++) this.send(socket, start);
    }
    return finished.then(() => {
      if (this.failure !== undefined) throw this.failure;
      const samples = this.latencies.subarray(0, Math.min(this.answered, MAX_SAMPLES)).sort();
      return {
        rate: this.answered / ((this.lastAnswerAt - start) / 1000),
        answered: this.answered,
        p50Ms: percentile(samples, 0.5),
        p99Ms: percentile(samples, 0.99),
      };
    });
  }

  private send(socket: number, now: number): void {
    const requestId = this.nextId[socket]!++;
    this.sentAt[socket]![requestId & this.mask] = now;
    this.sockets[socket]!.send(encodeClientFrame({ type: 2, requestId, route: ECHO_ROUTE, args: this.args }));
  }

  private onAnswer(socket: number, data: Buffer): void {
    const now = performance.now();
    const frame = readFrame(data);
    if (isErrorFrame(frame)) this.fail(new Error(`request failed: ${JSON.stringify(frame[2])}`));
    const requestId = frame[1] as number;
    if (this.answered < MAX_SAMPLES) this.latencies[this.answered] = now - this.sentAt[socket]![requestId & this.mask]!;
    this.answered++;
    this.lastAnswerAt = now;
    if (now < this.deadline && this.failure === undefined) this.send(socket, now);
    else if (--this.inFlight === 0) this.settle?.();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    // Answers that will never come must not hold the round open.
    this.deadline = 0;
    if (this.settle !== undefined && this.inFlight > 0) {
      this.inFlight = 0;
      this.settle();
    }
  }
}

function percentile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}
