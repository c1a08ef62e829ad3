// The WebSocket gateway of a gate node (DESIGN §4 gate): accepts clients on `/ws` (plus /healthz, the dev login
// and the JSON routes server code adds, on the same port), applies the per-gate limits (connections 4008,
// attempts per IP 4009, frame size 1009), sweeps handshake (4002) and idle (4007) timeouts, and drains or stops
// with MIGRATE/4013 and 1001. Per-connection protocol and limits live in GateConnection, the handshake in
// gate-handshake.ts, the HTTP side in gate-http.ts.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import type { ActorKind, MethodInfo } from '../actor/actor-kind.ts';
import type { ActorSystem } from '../actor/actor-system.ts';
import { AttemptLimiter } from './attempt-limiter.ts';
import { ClientCalls } from './client-calls.ts';
import { spreadRetryDelays } from './drain-spread.ts';
import { InvalidGateConfigError } from './errors.ts';
import { type ConnectionHost, ConnectionState, GateConnection } from './gate-connection.ts';
import { GateCounters } from './gate-counters.ts';
import { type HandshakeDeps, runHandshake } from './gate-handshake.ts';
import {
  checkJsonRoutePath,
  type GateHttpHost,
  handleGateHttp,
  type JsonRoute,
  type JsonRouteHandler,
  type JsonRouteOptions,
} from './gate-http.ts';
import { type GateOptions, type ResolvedGateOptions, resolveGateOptions } from './gate-options.ts';
import type { HelloBody, WelcomeBody } from './protocol/frames.ts';
import { CloseCode } from './protocol/protocol-wire.ts';
import { signResumeToken } from './resume-token.ts';
import { SESSION_KIND } from './session.ts';
import type { DirectoryReader } from './session-attach.ts';
import type { SessionRecord } from './session-record.ts';
import { SessionRegistry } from './session-registry.ts';

/** Where clients connect. */
export const GATE_PATH = '/ws';
/** Where the dev login listens (with devLogin). */
export const DEV_LOGIN_PATH = '/dev/login';
/** Sockets accepted beyond maxConnections, only to be told 4008 (or served /healthz). */
const MAX_CONNECTIONS_MARGIN = 256;

export interface GateStats {
  readonly connections: number;
  /** Sessions whose activation lives on this node (connected or in their grace window). */
  readonly sessions: number;
  /** Connections closed so far, by close code. */
  readonly closes: Readonly<Record<number, number>>;
}

export interface GateDrainResult {
  /** Connections sent MIGRATE and closed with 4013. */
  readonly migrated: number;
  /** Sessions still here when drain() returned (their clients did not resume elsewhere within drainTimeoutMs). */
  readonly sessionsLeft: number;
}

type GateState = 'created' | 'serving' | 'draining' | 'stopped';

export class Gate implements ConnectionHost, GateHttpHost {
  readonly options: ResolvedGateOptions;
  readonly limits: WelcomeBody['limits'];
  private readonly system: ActorSystem;
  private readonly registry: SessionRegistry;
  private readonly sessionKind: ActorKind;
  private readonly detachedMethod: MethodInfo;
  private readonly calls: ClientCalls;
  private readonly attempts: AttemptLimiter;
  private readonly http: Server;
  private readonly wss: WebSocketServer;
  private readonly connections = new Set<GateConnection>();
  private readonly sockets = new Set<WebSocket>();
  private readonly closeCounts = new Map<number, number>();
  /** Frames in and out and resumes, bumped by the connections. */
  readonly counters = new GateCounters();
  private readonly jsonRoutes = new Map<string, JsonRoute>();
  private state: GateState = 'created';
  private nextConnectionId = 1;
  private sweepTimer: NodeJS.Timeout | undefined;
  private lastAttemptSweep = 0;
  private bound: AddressInfo | undefined;
  private readonly handshakeDeps: HandshakeDeps;

  /** `directory`: the node's cluster provider (absent for an ActorSystem without a cluster). */
  constructor(system: ActorSystem, options: GateOptions, directory?: DirectoryReader) {
    this.options = resolveGateOptions(options);
    this.system = system;
    this.registry = SessionRegistry.of(system);
    const sessionKind = system.kind(SESSION_KIND);
    if (sessionKind === undefined) {
      throw new InvalidGateConfigError(
        `register the ${SESSION_KIND} kind before creating a Gate (installGate does it)`,
      );
    }
    this.sessionKind = sessionKind;
    this.detachedMethod = sessionKind.methods.get('detached') as MethodInfo;
    const o = this.options;
    this.limits = {
      maxFrameBytes: o.maxFrameBytes,
      messagesPerSecond: o.messagesPerSecond,
      burst: o.burst,
      maxPendingRequests: o.maxPendingRequests,
    };
    this.calls = new ClientCalls(system, o.playerKind, o.requestTimeoutMs);
    this.handshakeDeps = {
      clusterKey: o.clusterKey,
      handshakeTimeoutMs: o.handshakeTimeoutMs,
      attach: { system, sessionKind, registry: this.registry, directory },
    };
    this.attempts = new AttemptLimiter(o.attemptsPerIpPerMinute);
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: o.maxFrameBytes,
      perMessageDeflate: false,
      clientTracking: false,
      // Text frames are refused (4000) whatever they hold; validating their UTF-8 first would only cost time.
      skipUTF8Validation: true,
    });
    // Slow or half-sent requests (upgrades included) must not hold sockets for minutes.
    // Node checks those timeouts on an interval (30 s by default): check every second so they hold.
    this.http = createServer(
      { headersTimeout: 10_000, requestTimeout: 15_000, connectionsCheckingInterval: 1_000 },
      (req, res) => handleGateHttp(this, req, res),
    );
    // Sockets past this are closed unread; the margin above maxConnections lets the first ones over it hear 4008.
    this.http.maxConnections = o.maxConnections + MAX_CONNECTIONS_MARGIN;
    this.http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => this.upgrade(req, socket, head));
    this.http.on('clientError', (_error, socket) => socket.destroy());
  }

  // ---- lifecycle ----

  /** Listens; resolves with the bound address. */
  async start(): Promise<AddressInfo> {
    if (this.state !== 'created') throw new InvalidGateConfigError('the gate was already started; create a new one');
    await new Promise<void>((resolve, reject) => {
      this.http.once('error', reject);
      this.http.listen(this.options.port, this.options.host, () => {
        this.http.off('error', reject);
        resolve();
      });
    });
    this.bound = this.http.address() as AddressInfo;
    this.state = 'serving';
    const o = this.options;
    const sweepMs = Math.max(5, Math.min(1000, Math.floor(Math.min(o.idleTimeoutMs, o.handshakeTimeoutMs) / 4)));
    this.sweepTimer = setInterval(() => this.sweep(), sweepMs);
    this.sweepTimer.unref();
    this.options.log('gate.listening', { url: this.url, devLogin: o.devLogin });
    return this.bound;
  }

  /** The bound address (after start). */
  get address(): AddressInfo {
    if (this.bound === undefined) throw new InvalidGateConfigError('the gate is not listening yet: await gate.start()');
    return this.bound;
  }

  /** `ws://host:port/ws` as clients on this machine reach it. */
  get url(): string {
    const { address, family, port } = this.address;
    const host = address === '0.0.0.0' || address === '::' ? '127.0.0.1' : family === 'IPv6' ? `[${address}]` : address;
    return `ws://${host}:${port}${GATE_PATH}`;
  }

  stats(): GateStats {
    return {
      connections: this.connections.size,
      sessions: this.registry.live.size,
      closes: Object.fromEntries(this.closeCounts),
    };
  }

  /**
   * Takes no new clients (they get MIGRATE and 4013 too), sends every client MIGRATE {reason, retryAfterMs spread
   * over drainSpreadMs} and closes it with 4013, then waits up to drainTimeoutMs for this node's sessions to be
   * resumed elsewhere. Call it before the node's cluster drain: until then, pushes that arrive here while a session
   * moves can still land in a stray activation here, for the new gate to collect.
   */
  async drain(reason = 'the gate is draining'): Promise<GateDrainResult> {
    if (this.state === 'serving') this.state = 'draining';
    this.options.log('gate.draining', { connections: this.connections.size, sessions: this.registry.live.size });
    const connections = [...this.connections];
    const delays = spreadRetryDelays(connections.length, this.options.drainSpreadMs);
    for (const [i, connection] of connections.entries()) connection.migrate(reason, delays[i]!);
    const deadline = performance.now() + this.options.drainTimeoutMs;
    while (this.registry.live.size > 0 && performance.now() < deadline) await sleep(20);
    return { migrated: connections.length, sessionsLeft: this.registry.live.size };
  }

  /** Closes every connection with 1001 (the clients resume elsewhere) and stops listening. Idempotent. */
  async stop(): Promise<void> {
    if (this.state === 'stopped') return;
    const wasListening = this.state !== 'created';
    this.state = 'stopped';
    clearInterval(this.sweepTimer);
    for (const connection of [...this.connections]) {
      connection.close(CloseCode.GoingAway, 'the gate shuts down; reconnect and resume');
    }
    const deadline = performance.now() + Math.min(this.options.closeTimeoutMs, 1000);
    while (this.sockets.size > 0 && performance.now() < deadline) await sleep(10);
    for (const socket of this.sockets) socket.terminate();
    this.wss.close();
    if (!wasListening) return;
    await new Promise<void>((resolve) => {
      this.http.close(() => resolve());
      this.http.closeAllConnections();
    });
    this.options.log('gate.stopped', {});
  }

  /**
   * Serves `POST <path>` with a JSON body on the gate's HTTP port (e.g. a login: the handler may issue tokens),
   * before or after start(). Bodies are limited to 4 KB; bad JSON answers 400; with limitAttempts each request counts
   * against the per-IP attempt limit (429). Throws InvalidGateConfigError for a taken or malformed path.
   */
  addJsonRoute(path: string, handler: JsonRouteHandler, options: JsonRouteOptions = {}): void {
    checkJsonRoutePath(path, DEV_LOGIN_PATH, GATE_PATH);
    if (this.jsonRoutes.has(path)) throw new InvalidGateConfigError(`a JSON route at ${path} was already added`);
    if (typeof handler !== 'function') throw new InvalidGateConfigError(`the JSON route at ${path} needs a handler`);
    this.jsonRoutes.set(path, { handler, limitAttempts: options.limitAttempts ?? true });
  }

  // ---- accepting ----

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    // Nothing here may close over `req`: a closure held by the socket would keep the request and its headers
    // alive for the connection's lifetime (about 1 KB per connection, measured by gate.ccu).
    socket.on('error', destroySocket);
    const path = (req.url ?? '/').split('?', 1)[0];
    if (path !== GATE_PATH) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    if (this.state !== 'serving' && this.state !== 'draining') {
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const address = req.socket.remoteAddress ?? 'unknown';
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, address));
  }

  private accept(ws: WebSocket, address: string): void {
    this.sockets.add(ws);
    ws.once('close', () => this.sockets.delete(ws));
    const now = performance.now();
    const connection = new GateConnection(this.nextConnectionId++, ws, address, this, now);
    if (this.state === 'draining') {
      connection.migrate('the gate is draining', Math.floor(Math.random() * this.options.drainSpreadMs));
      return;
    }
    if (this.state !== 'serving') {
      connection.close(CloseCode.GoingAway, 'the gate shuts down');
      return;
    }
    if (this.connections.size >= this.options.maxConnections) {
      connection.close(CloseCode.GateFull, 'the gate is full; try another gate');
      return;
    }
    if (!this.attempts.tryAttempt(address, now)) {
      connection.close(CloseCode.TooManyAttempts, 'too many connection attempts from this address; wait a minute');
      return;
    }
    this.connections.add(connection);
  }

  private sweep(): void {
    const now = performance.now();
    const { handshakeTimeoutMs, idleTimeoutMs } = this.options;
    for (const connection of this.connections) {
      if (connection.state === ConnectionState.Open) {
        if (now - connection.lastReceivedAt > idleTimeoutMs) {
          connection.close(CloseCode.IdleTimeout, `nothing received for ${idleTimeoutMs} ms`);
        }
      } else if (connection.state === ConnectionState.Hello) {
        if (now - connection.openedAt > handshakeTimeoutMs) {
          connection.close(CloseCode.HandshakeTimeout, `no HELLO within ${handshakeTimeoutMs} ms of connecting`);
        }
      } else if (now - connection.openedAt > 2 * handshakeTimeoutMs) {
        // The session attach ends itself at handshakeTimeoutMs (1001, reconnect); this only catches a stuck one.
        connection.close(CloseCode.HandshakeTimeout, 'the session was not ready in time');
      }
    }
    if (now - this.lastAttemptSweep > 60_000) {
      this.lastAttemptSweep = now;
      this.attempts.sweep(now);
    }
  }

  // ---- ConnectionHost ----

  get maxBufferedBytes(): number {
    return this.options.maxBufferedBytes;
  }

  get closeTimeoutMs(): number {
    return this.options.closeTimeoutMs;
  }

  hello(connection: GateConnection, hello: HelloBody): void {
    runHandshake(this.handshakeDeps, connection, hello).catch((error: unknown) => {
      this.options.log('gate.error', { where: 'handshake', error: String(error) });
      connection.close(CloseCode.GoingAway, 'internal error; reconnect');
    });
  }

  request(connection: GateConnection, requestId: number, route: string, args: readonly unknown[]): void {
    this.calls.request(connection, requestId, route, args);
  }

  notify(connection: GateConnection, route: string, args: readonly unknown[]): void {
    this.calls.notify(connection, route, args);
  }

  welcomeFields(record: SessionRecord): { resumeToken: string; heartbeatMs: number } {
    const exp = Math.floor((Date.now() + this.options.resumeTokenTtlMs) / 1000);
    return {
      resumeToken: signResumeToken(this.options.clusterKey, { sid: record.sessionId, sub: record.playerId, exp }),
      heartbeatMs: Math.max(1, Math.floor(this.options.idleTimeoutMs / 3)),
    };
  }

  closed(connection: GateConnection, code: number): void {
    this.connections.delete(connection);
    this.closeCounts.set(code, (this.closeCounts.get(code) ?? 0) + 1);
    const record = connection.record;
    if (record === null || record.ended || record.connection !== connection) return;
    // The session waits out its grace window; it learns of the disconnect in its own turn.
    const kind = this.sessionKind;
    try {
      kind.dispatch.tell(
        new kind.RefClass(kind, record.playerId, kind.askTimeoutMs),
        this.detachedMethod,
        null,
        connection.id,
      );
    } catch (error) {
      this.system.options.onError(error, `session ${record.playerId} detach`);
    }
  }

  // ---- GateHttpHost ----

  get devLogin(): boolean {
    return this.options.devLogin;
  }

  get clusterKey(): Uint8Array {
    return this.options.clusterKey;
  }

  get devLoginTokenTtlMs(): number {
    return this.options.devLoginTokenTtlMs;
  }

  tryAttempt(address: string): boolean {
    return this.attempts.tryAttempt(address, performance.now());
  }

  jsonRoute(path: string): JsonRoute | undefined {
    return this.jsonRoutes.get(path);
  }

  routeFailed(path: string, error: unknown): void {
    const described =
      error instanceof Error ? `${(error as { code?: string }).code ?? error.name}: ${error.message}` : String(error);
    this.options.log('gate.route_failed', { path, error: described });
  }

  health(): { serving: boolean; connections: number; sessions: number } {
    return { serving: this.state === 'serving', connections: this.connections.size, sessions: this.registry.live.size };
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function destroySocket(this: Duplex): void {
  this.destroy();
}
