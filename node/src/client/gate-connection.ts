// One WebSocket connection to a gate: the HELLO/WELCOME handshake, frame encoding and decoding, pacing of what is
// sent to the gate's advertised rate, PING/PONG heartbeats and dead-gate detection. The GameClient above it owns
// sessions, requests, pushes and reconnects; a connection never outlives its socket.
import {
  type ClientFrame,
  CloseCode,
  decodeServerFrame,
  encodeClientFrame,
  FrameType,
  type HelloBody,
  type ServerFrame,
  type WelcomeBody,
} from '../gate/protocol/index.ts';
import { ClientQueueFullError, NotConnectedError } from './errors.ts';
import { TokenBucket } from './token-bucket.ts';
import type { WebSocketConstructor, WebSocketLike } from './websocket-like.ts';

/** How a connection ended. Local failures (timeouts, network) use 1006 like an abnormal closure. */
export interface CloseInfo {
  readonly code: number;
  readonly reason: string;
}

export interface GateConnectionOptions {
  readonly WebSocket: WebSocketConstructor;
  readonly handshakeTimeoutMs: number;
  /** undefined: WELCOME.heartbeatMs. */
  readonly heartbeatTimeoutMs: number | undefined;
  readonly maxQueuedFrames: number;
}

export interface GateConnectionHandlers {
  /** WELCOME arrived: runs before any later frame is handled and before open() resolves. */
  welcome(connection: GateConnection): void;
  /** Every frame after WELCOME except PING and PONG, which the connection answers and measures itself. */
  frame(frame: ServerFrame, connection: GateConnection): void;
  /** Called once when a connection that completed its handshake ends. */
  close(info: CloseInfo, connection: GateConnection): void;
}

/** Closure code for failures seen only on this side (no frame for too long, no WELCOME in time). */
export const ABNORMAL_CLOSURE = 1006;
/** Pace to this share of the advertised rate: leaves room for network jitter bunching frames at the gate. */
const RATE_MARGIN = 0.9;

const now = (): number => performance.now();

export class GateConnection {
  /** Round-trip time of the last PING, in ms (undefined before the first PONG). */
  rttMs: number | undefined;
  private readonly socket: WebSocketLike;
  private welcomeBody: WelcomeBody | undefined;
  private ended = false;
  private lastReceivedAt = now();
  private readonly queue: Uint8Array[] = [];
  private bucket: TokenBucket | undefined;
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  private heartbeatTimer: ReturnType<typeof setInterval> | undefined;
  private handshakeTimer: ReturnType<typeof setTimeout> | undefined;
  private pingNonce = 0;
  private pingSentAt = 0;
  /** The last ERROR or KICK before WELCOME: it explains why the gate then closed. */
  private refusal = '';
  /** MIGRATE.retryAfterMs received before WELCOME. */
  private retryAfterMs: number | undefined;

  /**
   * Opens a socket, sends HELLO and resolves on WELCOME; rejects with NotConnectedError whose details hold
   * closeCode, closeReason and, if the gate sent MIGRATE instead of WELCOME, retryAfterMs.
   */
  static open(
    url: string,
    hello: HelloBody,
    options: GateConnectionOptions,
    handlers: GateConnectionHandlers,
  ): Promise<GateConnection> {
    return new Promise((resolve, reject) => {
      let socket: WebSocketLike;
      let helloBytes: Uint8Array;
      try {
        helloBytes = encodeClientFrame({ type: FrameType.Hello, hello }); // e.g. a token too long: refused here
        socket = new options.WebSocket(url);
      } catch (error) {
        reject(new NotConnectedError(`cannot open ${url}: ${(error as Error).message}`, { cause: error }));
        return;
      }
      new GateConnection(url, socket, hello.versions, helloBytes, options, handlers, { resolve, reject });
    });
  }

  readonly url: string;
  private readonly options: GateConnectionOptions;
  private readonly handlers: GateConnectionHandlers;
  private readonly offeredVersions: readonly number[];
  private readonly opening: { resolve(connection: GateConnection): void; reject(error: Error): void };

  private constructor(
    url: string,
    socket: WebSocketLike,
    offeredVersions: readonly number[],
    helloBytes: Uint8Array,
    options: GateConnectionOptions,
    handlers: GateConnectionHandlers,
    opening: { resolve(connection: GateConnection): void; reject(error: Error): void },
  ) {
    this.url = url;
    this.socket = socket;
    this.options = options;
    this.handlers = handlers;
    this.opening = opening;
    this.offeredVersions = offeredVersions;
    this.handshakeTimer = setTimeout(
      () => this.end(ABNORMAL_CLOSURE, `no WELCOME within ${options.handshakeTimeoutMs} ms (handshake timeout)`),
      options.handshakeTimeoutMs,
    );
    socket.binaryType = 'arraybuffer';
    socket.onopen = () => socket.send(helloBytes);
    socket.onmessage = (event) => this.receive(event.data);
    socket.onclose = (event) => this.end(event.code, event.reason, false);
    socket.onerror = () => {}; // a close event follows with the code
  }

  get welcome(): WelcomeBody {
    if (this.welcomeBody === undefined) throw new NotConnectedError('the handshake has not completed');
    return this.welcomeBody;
  }

  get isOpen(): boolean {
    return !this.ended;
  }

  /** Queues a frame to send as fast as the gate's rate allows. Throws ProtocolError for a frame it cannot encode. */
  send(frame: ClientFrame): void {
    if (this.ended) throw new NotConnectedError('the connection has ended');
    if (this.queue.length >= this.options.maxQueuedFrames) {
      throw new ClientQueueFullError(
        `${this.queue.length} frames wait for the gate's rate limit; send less often or raise maxQueuedRequests`,
      );
    }
    this.queue.push(encodeClientFrame(frame));
    this.flush();
  }

  /** Ends the connection from this side; `handlers.close` runs at once with `code`. */
  close(code: number, reason: string): void {
    this.end(code, reason);
  }

  private receive(data: unknown): void {
    if (this.ended) return;
    // toString: an ArrayBuffer from another realm (iframe, test sandbox) fails instanceof.
    if (!(data instanceof ArrayBuffer) && Object.prototype.toString.call(data) !== '[object ArrayBuffer]') {
      this.end(CloseCode.ProtocolError, 'the gate sent a text message; the protocol is binary');
      return;
    }
    let frame: ServerFrame;
    try {
      frame = decodeServerFrame(new Uint8Array(data as ArrayBuffer));
    } catch (error) {
      this.end(CloseCode.ProtocolError, (error as Error).message);
      return;
    }
    this.lastReceivedAt = now();
    if (frame.type === FrameType.Ping) {
      this.sendQuietly({ type: FrameType.Pong, nonce: frame.nonce });
    } else if (frame.type === FrameType.Pong) {
      if (frame.nonce === this.pingNonce) this.rttMs = now() - this.pingSentAt;
    } else if (this.welcomeBody === undefined) {
      this.beforeWelcome(frame);
    } else {
      this.handlers.frame(frame, this);
    }
  }

  private beforeWelcome(frame: ServerFrame): void {
    if (frame.type === FrameType.Welcome) {
      if (!this.offeredVersions.includes(frame.welcome.version)) {
        this.end(CloseCode.ProtocolError, `the gate chose protocol version ${frame.welcome.version}, not offered`);
        return;
      }
      this.welcomeBody = frame.welcome;
      clearTimeout(this.handshakeTimer);
      const { messagesPerSecond, burst } = frame.welcome.limits;
      const pacedBurst = Math.max(1, Math.floor(burst * RATE_MARGIN));
      this.bucket = new TokenBucket(messagesPerSecond * RATE_MARGIN, pacedBurst, pacedBurst, now());
      this.startHeartbeat(frame.welcome.heartbeatMs);
      // Synchronously: frames that follow WELCOME in the same network read must meet the new session state.
      this.handlers.welcome(this);
      this.opening.resolve(this);
      this.flush(); // a PONG answered before WELCOME waits in the queue
    } else if (frame.type === FrameType.Error) {
      this.refusal = `${frame.error.code}: ${frame.error.message}`;
    } else if (frame.type === FrameType.Kick) {
      this.refusal = `${frame.kick.code}: ${frame.kick.reason}`;
    } else if (frame.type === FrameType.Migrate) {
      // A draining gate turns new connections away like this: the next attempt waits as it says.
      this.refusal = `MIGRATE: ${frame.migrate.reason}`;
      this.retryAfterMs = frame.migrate.retryAfterMs;
    }
  }

  private startHeartbeat(heartbeatMs: number): void {
    const deadAfterMs = this.options.heartbeatTimeoutMs ?? heartbeatMs;
    this.heartbeatTimer = setInterval(
      () => {
        const silentMs = now() - this.lastReceivedAt;
        if (silentMs >= deadAfterMs) {
          this.end(ABNORMAL_CLOSURE, `nothing from the gate for ${Math.round(silentMs)} ms (heartbeat timeout)`);
          return;
        }
        this.pingNonce++;
        this.pingSentAt = now();
        this.sendQuietly({ type: FrameType.Ping, nonce: this.pingNonce });
      },
      Math.max(1, Math.floor(heartbeatMs / 2)),
    );
  }

  /** For control frames: a full queue means the gate is already far behind, and the heartbeat will tell. */
  private sendQuietly(frame: ClientFrame): void {
    try {
      this.send(frame);
    } catch {
      // dropped; see above
    }
  }

  private flush(): void {
    if (this.flushTimer !== undefined || this.bucket === undefined) return;
    while (this.queue.length > 0 && this.bucket.take(now())) this.socket.send(this.queue.shift()!);
    if (this.queue.length > 0) {
      this.flushTimer = setTimeout(() => {
        this.flushTimer = undefined;
        if (!this.ended) this.flush();
      }, this.bucket.msUntilToken(now()));
    }
  }

  /** `byThisSide`: close the socket too (a close event from the socket itself needs no answer). */
  private end(code: number, reason: string, byThisSide = true): void {
    if (this.ended) return;
    this.ended = true;
    clearTimeout(this.handshakeTimer);
    clearTimeout(this.flushTimer);
    clearInterval(this.heartbeatTimer);
    this.queue.length = 0;
    const socket = this.socket;
    socket.onopen = socket.onmessage = socket.onclose = socket.onerror = null;
    if (byThisSide) {
      try {
        // A close reason is at most 123 bytes of UTF-8: keep it short and ASCII.
        socket.close(code === CloseCode.ProtocolError ? code : 1000, reason.replace(/[^ -~]/g, '?').slice(0, 120));
      } catch {
        // already closing
      }
    }
    if (this.welcomeBody !== undefined) {
      this.handlers.close({ code, reason }, this);
      return;
    }
    const why = this.refusal !== '' ? `${reason || 'closed'} (${this.refusal})` : reason || 'closed';
    this.opening.reject(
      new NotConnectedError(`could not connect to ${this.url}: close code ${code}: ${why}`, {
        details:
          this.retryAfterMs === undefined
            ? { closeCode: code, closeReason: why }
            : { closeCode: code, closeReason: why, retryAfterMs: this.retryAfterMs },
      }),
    );
  }
}
