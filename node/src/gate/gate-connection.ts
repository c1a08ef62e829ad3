// One client's WebSocket on a gate: the protocol state machine (HELLO, then WELCOME from the session, then
// requests, notifies, pings and ACKs), the per-connection limits with their close codes (rate 4004, pending 4005,
// slow consumer 4006; idle and handshake timeouts are swept by the gate), and sending frames. It never throws at
// the socket: a malformed frame closes this connection alone (4000).
import type { WebSocket } from 'ws';
import { toErrorData } from '../errors/index.ts';
import type { GateCounters } from './gate-counters.ts';
import { decodeClientFrame, encodeServerFrame } from './protocol/codec.ts';
import type { ClientFrame, ErrorBody, HelloBody, ServerFrame, WelcomeBody } from './protocol/frames.ts';
import { CloseCode, FrameType } from './protocol/protocol-wire.ts';
import type { SessionConnection } from './session-connection.ts';
import type { SessionRecord } from './session-record.ts';
import { TokenBucket } from './token-bucket.ts';

export const ConnectionState = { Hello: 0, Attaching: 1, Open: 2, Closed: 3 } as const;
export type ConnectionState = (typeof ConnectionState)[keyof typeof ConnectionState];

/** What a connection needs from its gate. */
export interface ConnectionHost {
  readonly limits: WelcomeBody['limits'];
  /** The gate's traffic totals, bumped here. */
  readonly counters: GateCounters;
  readonly maxBufferedBytes: number;
  readonly closeTimeoutMs: number;
  /** HELLO arrived: verify it and attach the session (the session sends WELCOME through welcome()). */
  hello(connection: GateConnection, hello: HelloBody): void;
  request(connection: GateConnection, requestId: number, route: string, args: readonly unknown[]): void;
  notify(connection: GateConnection, route: string, args: readonly unknown[]): void;
  /** WELCOME's fields that the gate decides (version is the connection's). */
  welcomeFields(record: SessionRecord): { resumeToken: string; heartbeatMs: number };
  /** The connection closed (once), with the code it was closed with. */
  closed(connection: GateConnection, code: number): void;
}

/** A close frame's reason may hold 123 bytes of UTF-8. */
const MAX_REASON_BYTES = 123;

export class GateConnection implements SessionConnection {
  readonly id: number;
  readonly address: string;
  readonly openedAt: number;
  state: ConnectionState = ConnectionState.Hello;
  lastReceivedAt: number;
  /** Set by the handshake. */
  playerId = '';
  version = 0;
  record: SessionRecord | null = null;
  closeCode = 0;
  readonly pending = new Set<number>();
  private readonly ws: WebSocket;
  private readonly host: ConnectionHost;
  private readonly bucket: TokenBucket;
  private terminateTimer: NodeJS.Timeout | undefined;

  constructor(id: number, ws: WebSocket, address: string, host: ConnectionHost, nowMs: number) {
    this.id = id;
    this.ws = ws;
    this.address = address;
    this.host = host;
    this.openedAt = nowMs;
    this.lastReceivedAt = nowMs;
    this.bucket = new TokenBucket(host.limits.messagesPerSecond, host.limits.burst, nowMs);
    ws.binaryType = 'nodebuffer';
    ws.on('message', (data, isBinary) => this.onMessage(data as Buffer | Buffer[], isBinary));
    ws.on('close', (code) => this.onSocketClosed(code));
    ws.on('error', (error) => this.onSocketError(error));
  }

  get waitingForSession(): boolean {
    return this.state === ConnectionState.Attaching;
  }

  get isOpen(): boolean {
    return this.state === ConnectionState.Open;
  }

  // ---- inbound ----

  private onMessage(data: Buffer | Buffer[], isBinary: boolean): void {
    if (this.state === ConnectionState.Closed) return;
    this.host.counters.framesReceived++;
    const now = performance.now();
    this.lastReceivedAt = now;
    if (!this.bucket.take(now)) {
      this.close(CloseCode.RateLimited, `more than ${this.host.limits.messagesPerSecond} messages per second`);
      return;
    }
    if (!isBinary) {
      this.close(CloseCode.ProtocolError, 'text messages are not part of the protocol; send binary frames');
      return;
    }
    let frame: ClientFrame;
    try {
      frame = decodeClientFrame(Array.isArray(data) ? Buffer.concat(data) : data);
    } catch (error) {
      this.close(CloseCode.ProtocolError, error instanceof Error ? error.message : 'malformed frame');
      return;
    }
    try {
      this.onFrame(frame);
    } catch (error) {
      // A bug on this side, not the client's: this connection goes, the process stays.
      this.close(CloseCode.GoingAway, `internal error: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private onFrame(frame: ClientFrame): void {
    if (frame.type === FrameType.Ping) {
      this.send({ type: FrameType.Pong, nonce: frame.nonce });
      return;
    }
    if (frame.type === FrameType.Pong) return;
    if (this.state === ConnectionState.Hello) {
      if (frame.type !== FrameType.Hello) {
        this.close(CloseCode.ProtocolError, 'the first frame must be HELLO');
        return;
      }
      this.state = ConnectionState.Attaching;
      this.host.hello(this, frame.hello);
      return;
    }
    if (this.state === ConnectionState.Attaching) {
      this.close(CloseCode.ProtocolError, 'send nothing but PING until WELCOME');
      return;
    }
    switch (frame.type) {
      case FrameType.Request:
        if (this.pending.has(frame.requestId)) {
          this.close(CloseCode.ProtocolError, `request id ${frame.requestId} is already pending`);
          return;
        }
        if (this.pending.size >= this.host.limits.maxPendingRequests) {
          this.close(CloseCode.TooManyPending, `more than ${this.host.limits.maxPendingRequests} pending requests`);
          return;
        }
        this.pending.add(frame.requestId);
        this.host.request(this, frame.requestId, frame.route, frame.args);
        return;
      case FrameType.Notify:
        this.host.notify(this, frame.route, frame.args);
        return;
      case FrameType.Ack: {
        const record = this.record;
        if (record !== null && !record.ended) record.ring.ack(frame.lastSeq);
        return;
      }
      default:
        this.close(CloseCode.ProtocolError, 'HELLO was already received');
    }
  }

  // ---- outbound ----

  /** Answers request `requestId` (dropped if the connection closed meanwhile). */
  respond(requestId: number, result: unknown): void {
    if (!this.pending.delete(requestId) || this.state !== ConnectionState.Open) return;
    let bytes: Uint8Array;
    try {
      bytes = encodeServerFrame({ type: FrameType.Response, requestId, result });
    } catch (error) {
      this.sendError(requestId, error);
      return;
    }
    this.sendBytes(bytes);
  }

  /** Fails request `requestId` with `error` as an ERROR frame (requestId 0: not about a request). */
  fail(requestId: number, error: unknown): void {
    if (requestId !== 0 && !this.pending.delete(requestId)) return;
    if (this.state === ConnectionState.Closed) return;
    this.sendError(requestId, error);
  }

  private sendError(requestId: number, error: unknown): void {
    const data = toErrorData(error);
    const body: ErrorBody =
      data.details === undefined
        ? { code: data.code, message: data.message }
        : { code: data.code, message: data.message, details: data.details };
    try {
      this.send({ type: FrameType.Error, requestId, error: body });
    } catch {
      // Details that cannot travel are left out rather than losing the error.
      this.send({ type: FrameType.Error, requestId, error: { code: data.code, message: data.message } });
    }
  }

  send(frame: ServerFrame): void {
    this.sendBytes(encodeServerFrame(frame));
  }

  private sendBytes(bytes: Uint8Array): void {
    if (this.state === ConnectionState.Closed) return;
    this.host.counters.framesSent++;
    this.ws.send(bytes);
    if (this.ws.bufferedAmount > this.host.maxBufferedBytes) {
      this.close(CloseCode.SlowConsumer, `more than ${this.host.maxBufferedBytes} bytes wait for the client to read`);
    }
  }

  // ---- SessionConnection ----

  welcome(record: SessionRecord, resumed: boolean, lastSeq: number, frames: readonly Uint8Array[]): boolean {
    if (this.state !== ConnectionState.Attaching) return false;
    this.record = record;
    this.state = ConnectionState.Open;
    if (resumed) this.host.counters.resumes++;
    this.lastReceivedAt = performance.now();
    try {
      const { resumeToken, heartbeatMs } = this.host.welcomeFields(record);
      this.send({
        type: FrameType.Welcome,
        welcome: {
          version: this.version,
          sessionId: record.sessionId,
          resumeToken,
          playerId: this.playerId,
          resumed,
          lastSeq,
          heartbeatMs,
          limits: this.host.limits,
        },
      });
    } catch (error) {
      this.close(CloseCode.GoingAway, `internal error: ${error instanceof Error ? error.message : String(error)}`);
      return false;
    }
    for (const frame of frames) this.sendBytes(frame);
    return this.state === ConnectionState.Open;
  }

  sendPush(frame: Uint8Array): void {
    if (this.state === ConnectionState.Open) this.sendBytes(frame);
  }

  takenOver(): void {
    this.close(CloseCode.SessionTakenOver, 'the session was resumed on another connection');
  }

  kick(code: string, reason: string): void {
    if (this.state === ConnectionState.Closed) return;
    try {
      this.send({ type: FrameType.Kick, kick: { code, reason } });
    } catch {
      // A code or reason the codec refuses still ends the session.
    }
    this.close(CloseCode.Kicked, reason);
  }

  sessionEnded(): void {
    this.close(CloseCode.GoingAway, 'the session ended on this gate; reconnect');
  }

  /** Tells the client to reconnect elsewhere after `retryAfterMs`, and closes (4013). */
  migrate(reason: string, retryAfterMs: number): void {
    if (this.state === ConnectionState.Closed) return;
    this.send({ type: FrameType.Migrate, migrate: { reason, retryAfterMs } });
    this.close(CloseCode.Migrate, reason);
  }

  // ---- closing ----

  /** Closes with `code` (once); cuts the socket if the client does not finish the close handshake in time. */
  close(code: number, reason: string): void {
    if (this.state === ConnectionState.Closed) return;
    this.markClosed(code);
    try {
      this.ws.close(code, closeReason(reason));
    } catch {
      this.ws.terminate();
    }
    this.terminateTimer = setTimeout(() => this.ws.terminate(), this.host.closeTimeoutMs);
    this.terminateTimer.unref();
  }

  /** Cuts the socket now (after close(), or at shutdown). */
  terminate(): void {
    this.ws.terminate();
  }

  private onSocketClosed(code: number): void {
    clearTimeout(this.terminateTimer);
    if (this.state !== ConnectionState.Closed) this.markClosed(code);
  }

  private onSocketError(error: Error): void {
    // ws closes the socket itself after a WebSocket-level violation, with its own standard code.
    if (this.state !== ConnectionState.Closed) this.markClosed(wsCloseCode(error));
  }

  private markClosed(code: number): void {
    this.state = ConnectionState.Closed;
    this.closeCode = code;
    this.pending.clear();
    this.host.closed(this, code);
  }
}

/** `reason` cut to what a close frame holds, on a character boundary. */
export function closeReason(reason: string): string {
  if (Buffer.byteLength(reason) <= MAX_REASON_BYTES) return reason;
  let cut = reason.slice(0, MAX_REASON_BYTES - 3);
  while (Buffer.byteLength(cut) > MAX_REASON_BYTES - 3) cut = cut.slice(0, -1);
  return `${cut}...`;
}

/** The code ws closes with after a WebSocket-level error (framing, sizes): 1009 for sizes, 1002 for the rest. */
export function wsCloseCode(error: Error): number {
  switch ((error as { code?: string }).code) {
    case 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH':
    case 'WS_ERR_UNSUPPORTED_DATA_PAYLOAD_LENGTH':
      return CloseCode.FrameTooLarge;
    case 'WS_ERR_TOO_MANY_BUFFERED_PARTS':
      return 1008;
    case 'WS_ERR_INVALID_UTF8':
      return 1007;
    default:
      return 1002;
  }
}
