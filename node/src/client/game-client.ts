// The game client SDK (browser and Node): connects to a gate with a token, sends requests and notifies, delivers
// pushes in order and exactly once, and reconnects and resumes its session by itself when the connection drops or
// the gate drains (docs/protocol.md).
import { fromErrorData, type GameclusterError } from '../errors/index.ts';
import {
  type ClientFrame,
  CloseCode,
  encodeClientFrame,
  FrameType,
  type HelloBody,
  type KickBody,
  type MigrateBody,
  RECONNECTABLE_CLOSE_CODES,
  type ServerFrame,
} from '../gate/protocol/index.ts';
import { ClientQueueFullError, ConnectionLostError, NotConnectedError } from './errors.ts';
import {
  type GameClientOptions,
  type ResolvedGameClientOptions,
  resolveGameClientOptions,
} from './game-client-options.ts';
import type {
  ConnectAuth,
  GameClientLifecycle,
  GameClientState,
  PushHandler,
  SessionInfo,
} from './game-client-types.ts';
import { ABNORMAL_CLOSURE, type CloseInfo, GateConnection } from './gate-connection.ts';
import { ListenerSet } from './listener-set.ts';
import { PushSequencer } from './push-sequencer.ts';
import { reconnectDelayMs } from './reconnect-backoff.ts';
import { RequestTable } from './request-table.ts';

/** The gate should close after MIGRATE; if it has not after retryAfterMs plus this, the client moves on. */
const MIGRATE_CLOSE_GRACE_MS = 5_000;

export class GameClient {
  private readonly options: ResolvedGameClientOptions;
  private readonly requests: RequestTable;
  private readonly sequencer = new PushSequencer();
  private readonly pushListeners: ListenerSet<Record<string, PushHandler>>;
  private readonly lifecycle: ListenerSet<GameClientLifecycle>;
  private currentState: GameClientState = 'idle';
  private connection: GateConnection | undefined;
  private sessionInfo: SessionInfo | undefined;
  private resumeToken = '';
  private url = '';
  private auth: ConnectAuth = {};
  private queuedNotifies: ClientFrame[] = [];
  private migrating: MigrateBody | undefined;
  private kicked: KickBody | undefined;
  /** Bumped when the client closes: reconnect loops and handshakes of an older generation stop. */
  private generation = 0;
  private ackTimer: ReturnType<typeof setTimeout> | undefined;
  private migrateTimer: ReturnType<typeof setTimeout> | undefined;
  private sleeping: { timer: ReturnType<typeof setTimeout>; wake: () => void } | undefined;

  constructor(options?: GameClientOptions) {
    this.options = resolveGameClientOptions(options);
    this.requests = new RequestTable(this.options.maxQueuedRequests);
    const report = (error: unknown) => this.reportListenerError(error);
    this.pushListeners = new ListenerSet(report);
    this.lifecycle = new ListenerSet((error) => console.error('gamecluster client: an error listener threw', error));
  }

  get state(): GameClientState {
    return this.currentState;
  }

  /** The current (or last) session; undefined before the first WELCOME. */
  get session(): SessionInfo | undefined {
    return this.sessionInfo;
  }

  /** Sequence number of the last push delivered. */
  get lastSeq(): number {
    return this.sequencer.lastSeq;
  }

  /** Round-trip time of the last heartbeat, in ms. */
  get rttMs(): number | undefined {
    return this.connection?.rttMs;
  }

  /** Connects and completes the handshake; rejects with NotConnectedError (details.closeCode) if the gate refuses. */
  async connect(url: string, auth: ConnectAuth): Promise<SessionInfo> {
    if (this.currentState !== 'idle' && this.currentState !== 'closed') {
      throw new TypeError(`connect() called while the client is ${this.currentState}; close() it first`);
    }
    if (auth.token === undefined && auth.getToken === undefined) {
      throw new TypeError('connect() needs { token } or { getToken }');
    }
    this.url = url;
    this.auth = auth;
    this.kicked = this.migrating = this.sessionInfo = undefined;
    this.sequencer.reset(0);
    this.currentState = 'connecting';
    const generation = ++this.generation;
    try {
      await this.openConnection(url, generation);
    } catch (error) {
      if (generation === this.generation) this.finish({ code: closeCodeOf(error), reason: (error as Error).message });
      throw error;
    }
    return this.sessionInfo!;
  }

  /** Sends a request to `route` ("<binding>.<method>") and resolves with its result. */
  request<T = unknown>(route: string, ...args: unknown[]): Promise<T> {
    return this.call<T>(route, args);
  }

  /** request() with options: `timeoutMs` overrides the client's requestTimeoutMs. */
  call<T = unknown>(route: string, args: readonly unknown[], options?: { timeoutMs?: number }): Promise<T> {
    if (this.currentState === 'idle' || this.currentState === 'closed') {
      return Promise.reject(new NotConnectedError(`cannot send ${route}: the client is ${this.currentState}`));
    }
    const promise = this.requests.add(route, args, options?.timeoutMs ?? this.options.requestTimeoutMs);
    this.pumpRequests();
    return promise as Promise<T>;
  }

  /** Sends a one-way message: no answer, no error back (the gate may answer a bad one with an ERROR of id 0). */
  notify(route: string, ...args: unknown[]): void {
    if (this.currentState === 'idle' || this.currentState === 'closed') {
      throw new NotConnectedError(`cannot send ${route}: the client is ${this.currentState}`);
    }
    const frame: ClientFrame = { type: FrameType.Notify, route, args };
    if (this.currentState === 'open' && this.connection !== undefined) {
      this.connection.send(frame);
      return;
    }
    encodeClientFrame(frame); // refuse a bad frame now, not after the reconnect
    if (this.queuedNotifies.length >= this.options.maxQueuedRequests) {
      throw new ClientQueueFullError(`${this.queuedNotifies.length} notifies wait for the reconnect; back off`);
    }
    this.queuedNotifies.push(frame);
  }

  /** Listens to pushes of `event` ('*' for every event); returns a function that removes the listener. */
  on<T = unknown>(event: string, handler: PushHandler<T>): () => void {
    return this.pushListeners.add(event, handler as PushHandler);
  }

  off(event: string, handler: PushHandler<never>): void {
    this.pushListeners.remove(event, handler as PushHandler);
  }

  /** Listens to the client's own events (connected, resumed, disconnected, closed, ...). */
  onLifecycle<Name extends keyof GameClientLifecycle>(name: Name, listener: GameClientLifecycle[Name]): () => void {
    return this.lifecycle.add(name, listener);
  }

  /** Closes the connection for good; pending requests fail with NotConnectedError. */
  close(): void {
    if (this.currentState === 'idle' || this.currentState === 'closed') return;
    const connection = this.connection;
    this.connection = undefined;
    const info = { code: 1000, reason: 'closed by the client' };
    if (connection !== undefined) {
      connection.close(info.code, info.reason);
      this.lifecycle.emit('disconnected', { ...info, willReconnect: false });
    }
    this.finish(info);
  }

  private async openConnection(url: string, generation: number): Promise<void> {
    const token = this.auth.token ?? (await this.auth.getToken!());
    if (generation !== this.generation) throw new NotConnectedError('the client was closed while connecting');
    const hello: { -readonly [K in keyof HelloBody]: HelloBody[K] } = {
      versions: this.options.versions,
      token,
      agent: this.options.agent,
    };
    if (this.sessionInfo !== undefined) {
      hello.resume = { sessionId: this.sessionInfo.sessionId, resumeToken: this.resumeToken, lastSeq: this.lastSeq };
      this.sequencer.ackedSeq = this.lastSeq; // the resume's lastSeq acknowledges like an ACK
    }
    const options = {
      WebSocket: this.options.WebSocket,
      handshakeTimeoutMs: this.options.handshakeTimeoutMs,
      heartbeatTimeoutMs: this.options.heartbeatTimeoutMs,
      maxQueuedFrames: this.options.maxQueuedRequests + 64, // room for control frames
    };
    await GateConnection.open(url, hello, options, {
      welcome: (connection) => this.adopt(connection, generation),
      frame: (frame, connection) => {
        if (connection === this.connection) this.receive(frame);
      },
      close: (info, connection) => {
        if (connection === this.connection) this.lost(info);
      },
    });
    if (generation !== this.generation) throw new NotConnectedError('the client was closed while connecting');
  }

  /** WELCOME: the connection becomes the client's, before any frame after it is handled. */
  private adopt(connection: GateConnection, generation: number): void {
    if (generation !== this.generation) {
      connection.close(1000, 'the client was closed while connecting');
      return;
    }
    const welcome = connection.welcome;
    this.connection = connection;
    this.resumeToken = welcome.resumeToken;
    if (!welcome.resumed) this.sequencer.reset(welcome.lastSeq);
    this.sessionInfo = {
      url: connection.url,
      sessionId: welcome.sessionId,
      playerId: welcome.playerId,
      protocolVersion: welcome.version,
      resumed: welcome.resumed,
      heartbeatMs: welcome.heartbeatMs,
      limits: welcome.limits,
    };
    this.migrating = undefined;
    this.currentState = 'open';
    this.lifecycle.emit(welcome.resumed ? 'resumed' : 'connected', this.sessionInfo);
    for (const frame of this.queuedNotifies.splice(0)) this.sendQuietly(frame);
    this.pumpRequests();
  }

  private receive(frame: ServerFrame): void {
    switch (frame.type) {
      case FrameType.Response:
        this.requests.settle(frame.requestId, { ok: true, value: frame.result });
        this.pumpRequests();
        break;
      case FrameType.Error: {
        const error = fromErrorData(frame.error);
        if (frame.requestId === 0 || !this.requests.settle(frame.requestId, { ok: false, error })) {
          this.lifecycle.emit('error', error);
        }
        this.pumpRequests();
        break;
      }
      case FrameType.Push:
        if (this.sequencer.accept(frame.seq)) {
          const meta = { event: frame.event, seq: frame.seq };
          this.pushListeners.emit(frame.event, frame.data, meta);
          this.pushListeners.emit('*', frame.data, meta);
          this.scheduleAck();
        }
        break;
      case FrameType.Migrate:
        this.migrating = frame.migrate;
        this.lifecycle.emit('migrate', frame.migrate);
        this.scheduleMigrateClose(frame.migrate.retryAfterMs ?? 0);
        break;
      case FrameType.Kick:
        this.kicked = frame.kick;
        this.lifecycle.emit('kick', frame.kick);
        break;
      default:
        this.connection?.close(CloseCode.ProtocolError, `unexpected frame type ${frame.type} after WELCOME`);
    }
  }

  /** The current connection ended: fail what was in flight, then reconnect or stop. */
  private lost(info: CloseInfo): void {
    this.connection = undefined;
    this.clearSessionTimers();
    this.requests.failInFlight(
      new ConnectionLostError(`the connection closed (${info.code} ${info.reason}) before the answer came`, {
        details: { closeCode: info.code },
      }),
    );
    const reconnectable = RECONNECTABLE_CLOSE_CODES.has(info.code) || this.migrating !== undefined;
    const willReconnect = this.options.reconnect && this.kicked === undefined && reconnectable;
    if (willReconnect) this.currentState = 'reconnecting';
    this.lifecycle.emit('disconnected', { ...info, willReconnect });
    if (!willReconnect) {
      if (this.currentState !== 'closed') {
        this.finish(this.kicked ? { code: info.code, reason: `kicked: ${this.kicked.reason}` } : info);
      }
      return;
    }
    if (this.currentState === 'reconnecting') void this.reconnect(info, this.generation); // unless closed meanwhile
  }

  private async reconnect(lastClose: CloseInfo, generation: number): Promise<void> {
    let last = lastClose;
    const { maxReconnectAttempts, reconnectBaseDelayMs, reconnectMaxDelayMs, random } = this.options;
    // MIGRATE says when to come back: on the connection that ended, or instead of WELCOME on a failed attempt.
    let migrateDelayMs = this.migrating === undefined ? undefined : (this.migrating.retryAfterMs ?? 0);
    for (let attempt = 0; attempt < maxReconnectAttempts; attempt++) {
      const migrating = migrateDelayMs !== undefined;
      const delayMs = migrateDelayMs ?? reconnectDelayMs(attempt, reconnectBaseDelayMs, reconnectMaxDelayMs, random());
      migrateDelayMs = undefined;
      this.lifecycle.emit('reconnecting', { attempt, delayMs });
      await this.sleep(delayMs);
      if (generation !== this.generation) return;
      try {
        const reason = migrating ? 'migrate' : 'reconnect';
        const url = (await this.options.chooseUrl?.({ reason, previousUrl: this.url, attempt })) ?? this.url;
        if (generation !== this.generation) return;
        await this.openConnection(url, generation);
        this.url = url;
        return;
      } catch (error) {
        if (generation !== this.generation) return;
        last = { code: closeCodeOf(error), reason: (error as Error).message };
        const retryAfterMs = (error as GameclusterError).details?.retryAfterMs;
        if (typeof retryAfterMs === 'number') migrateDelayMs = retryAfterMs;
        if (!RECONNECTABLE_CLOSE_CODES.has(last.code)) {
          this.finish(last);
          return;
        }
      }
    }
    this.finish({
      code: last.code,
      reason: `gave up after ${maxReconnectAttempts} reconnect attempts: ${last.reason}`,
    });
  }

  /** Stops for good: fails every request, cancels every timer, emits 'closed'. */
  private finish(info: CloseInfo): void {
    this.generation++;
    this.currentState = 'closed';
    this.clearSessionTimers();
    if (this.sleeping !== undefined) {
      clearTimeout(this.sleeping.timer);
      this.sleeping.wake();
      this.sleeping = undefined;
    }
    this.queuedNotifies = [];
    this.requests.failAll(
      new NotConnectedError(`the client is closed (${info.code} ${info.reason})`, {
        details: { closeCode: info.code },
      }),
    );
    this.lifecycle.emit('closed', info);
  }

  private pumpRequests(): void {
    const connection = this.connection;
    if (this.currentState !== 'open' || connection === undefined) return;
    for (const request of this.requests.takeSendable(connection.welcome.limits.maxPendingRequests)) {
      try {
        connection.send({ type: FrameType.Request, requestId: request.id, route: request.route, args: request.args });
      } catch (error) {
        this.requests.settle(request.id, { ok: false, error: error as Error });
      }
    }
  }

  private scheduleAck(): void {
    if (this.sequencer.unacked() >= this.options.ackEveryPushes) this.sendAck();
    else this.ackTimer ??= setTimeout(() => this.sendAck(), this.options.ackIntervalMs);
  }

  private sendAck(): void {
    clearTimeout(this.ackTimer);
    this.ackTimer = undefined;
    if (this.connection === undefined || this.sequencer.unacked() === 0) return;
    this.sendQuietly({ type: FrameType.Ack, lastSeq: this.sequencer.lastSeq });
    this.sequencer.ackedSeq = this.sequencer.lastSeq;
  }

  private scheduleMigrateClose(retryAfterMs: number): void {
    clearTimeout(this.migrateTimer);
    const connection = this.connection;
    this.migrateTimer = setTimeout(() => {
      if (this.connection === connection) connection?.close(CloseCode.Migrate, 'the gate asked to migrate');
    }, retryAfterMs + MIGRATE_CLOSE_GRACE_MS);
  }

  private clearSessionTimers(): void {
    clearTimeout(this.ackTimer);
    clearTimeout(this.migrateTimer);
    this.ackTimer = this.migrateTimer = undefined;
  }

  private sendQuietly(frame: ClientFrame): void {
    try {
      this.connection?.send(frame);
    } catch (error) {
      this.reportListenerError(error);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((wake) => {
      const timer = setTimeout(() => {
        this.sleeping = undefined;
        wake();
      }, ms);
      this.sleeping = { timer, wake };
    });
  }

  private reportListenerError(error: unknown): void {
    if (this.lifecycle.has('error')) this.lifecycle.emit('error', error);
    else console.error('gamecluster client:', error);
  }
}

/** The close code behind a failed handshake (NotConnectedError details), or 1006 for local failures. */
function closeCodeOf(error: unknown): number {
  const code = (error as GameclusterError | undefined)?.details?.closeCode;
  return typeof code === 'number' ? code : ABNORMAL_CLOSURE;
}
