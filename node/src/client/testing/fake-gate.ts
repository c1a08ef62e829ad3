// A small fake gate for tests of the client SDK and the bots: speaks the real codec over a real WebSocket (the ws
// package) and serves POST /dev/login, with sessions, resume, push buffers and knobs to drop, migrate, kick or
// go silent. It is a test double of the gate's protocol side only: no actors, no real tokens.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import {
  type ClientFrame,
  CloseCode,
  decodeClientFrame,
  encodeServerFrame,
  FrameType,
  type HelloBody,
  type ServerFrame,
  type WelcomeBody,
} from '../../gate/protocol/index.ts';

export type FakeRoute = (args: readonly unknown[], session: FakeSession) => unknown;

export interface FakeGateOptions {
  /** Loopback address to listen on (default: a random 127.0.0.N). */
  host?: string;
  heartbeatMs?: number;
  limits?: Partial<WelcomeBody['limits']>;
  /** Extra routes; `player.echo` (answers its first argument) is always there. */
  routes?: Record<string, FakeRoute>;
}

export interface FakeSession {
  readonly sessionId: string;
  readonly resumeToken: string;
  readonly playerId: string;
  seq: number;
  /** Pushes not yet acknowledged, oldest first. */
  readonly unacked: { seq: number; event: string; data: unknown }[];
  socket: WebSocket | undefined;
  /** Every frame received on any of the session's connections after HELLO. */
  readonly received: ClientFrame[];
}

export class FakeGate {
  readonly hellos: HelloBody[] = [];
  readonly sessions = new Map<string, FakeSession>();
  /** While true the gate neither answers nor sends anything (a dead gate with open sockets). */
  silent = false;
  logins = 0;
  /** The next this-many handshakes get MIGRATE {retryAfterMs} and 4013 instead of WELCOME (a draining gate). */
  turnAway = { count: 0, retryAfterMs: 0 };
  private readonly http: Server;
  private readonly wss: WebSocketServer;
  private readonly routes: Record<string, FakeRoute>;
  private readonly welcomeTemplate: { heartbeatMs: number; limits: WelcomeBody['limits'] };
  private readonly host: string;
  private nextSession = 1;

  constructor(options: FakeGateOptions = {}) {
    this.host = options.host ?? `127.0.0.${20 + Math.floor(Math.random() * 230)}`;
    this.routes = { 'player.echo': (args) => args[0], ...options.routes };
    this.welcomeTemplate = {
      heartbeatMs: options.heartbeatMs ?? 10_000,
      limits: {
        maxFrameBytes: 65_536,
        messagesPerSecond: 1_000,
        burst: 1_000,
        maxPendingRequests: 64,
        ...options.limits,
      },
    };
    this.http = createServer((request, response) => this.serveHttp(request, response));
    this.wss = new WebSocketServer({ server: this.http, path: '/ws' });
    this.wss.on('connection', (socket) => this.accept(socket));
  }

  async listen(): Promise<this> {
    await new Promise<void>((resolve) => this.http.listen(0, this.host, resolve));
    return this;
  }

  get port(): number {
    return (this.http.address() as AddressInfo).port;
  }

  get url(): string {
    return `ws://${this.host}:${this.port}/ws`;
  }

  get loginUrl(): string {
    return `http://${this.host}:${this.port}/dev/login`;
  }

  sessionOf(playerId: string): FakeSession | undefined {
    return [...this.sessions.values()].find((session) => session.playerId === playerId);
  }

  /** Pushes to the player's session: buffered until acknowledged, sent now if connected. */
  push(playerId: string, event: string, data: unknown): number {
    const session = this.sessionOf(playerId);
    if (session === undefined) throw new Error(`no session for ${playerId}`);
    const seq = ++session.seq;
    session.unacked.push({ seq, event, data });
    if (session.socket !== undefined) this.send(session.socket, { type: FrameType.Push, seq, event, data });
    return seq;
  }

  /** Sends any frame to the player's current connection (e.g. a duplicate push). */
  sendFrame(playerId: string, frame: ServerFrame): void {
    const socket = this.sessionOf(playerId)?.socket;
    if (socket !== undefined) this.send(socket, frame);
  }

  /** Cuts every connection without a close handshake: the clients see 1006. */
  dropConnections(): void {
    for (const socket of this.wss.clients) socket.terminate();
  }

  /** MIGRATE to every client, then close with 4013. */
  migrateAll(retryAfterMs: number): void {
    for (const socket of this.wss.clients) {
      this.send(socket, { type: FrameType.Migrate, migrate: { reason: 'gate draining', retryAfterMs } });
      socket.close(CloseCode.Migrate, 'migrate');
    }
  }

  kick(playerId: string, reason: string): void {
    const socket = this.sessionOf(playerId)?.socket;
    if (socket === undefined) return;
    this.send(socket, { type: FrameType.Kick, kick: { code: 'GAME_ERR_KICKED', reason } });
    socket.close(CloseCode.Kicked, 'kicked');
  }

  async close(): Promise<void> {
    for (const socket of this.wss.clients) socket.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  private serveHttp(request: IncomingMessage, response: ServerResponse): void {
    if (request.method !== 'POST' || request.url !== '/dev/login') {
      response.writeHead(404).end();
      return;
    }
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    request.on('end', () => {
      const { playerId } = JSON.parse(body || '{}') as { playerId?: unknown };
      if (typeof playerId !== 'string' || playerId === '') {
        response.writeHead(400, { 'content-type': 'application/json' }).end('{"error":"playerId required"}');
        return;
      }
      this.logins++;
      response
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ token: `fake.${playerId}` }));
    });
  }

  private accept(socket: WebSocket): void {
    let session: FakeSession | undefined;
    socket.on('message', (data: Buffer, isBinary: boolean) => {
      if (this.silent) return;
      let frame: ClientFrame;
      try {
        if (!isBinary) throw new Error('text message');
        frame = decodeClientFrame(new Uint8Array(data));
      } catch (error) {
        socket.close(CloseCode.ProtocolError, (error as Error).message.slice(0, 100));
        return;
      }
      if (session === undefined) {
        if (frame.type !== FrameType.Hello) {
          socket.close(CloseCode.ProtocolError, 'HELLO first');
          return;
        }
        session = this.handshake(socket, frame.hello);
        return;
      }
      session.received.push(frame);
      void this.handle(socket, session, frame);
    });
    socket.on('close', () => {
      if (session !== undefined && session.socket === socket) session.socket = undefined;
    });
  }

  private handshake(socket: WebSocket, hello: HelloBody): FakeSession | undefined {
    this.hellos.push(hello);
    if (this.turnAway.count > 0) {
      this.turnAway.count--;
      const { retryAfterMs } = this.turnAway;
      this.send(socket, { type: FrameType.Migrate, migrate: { reason: 'gate draining', retryAfterMs } });
      socket.close(CloseCode.Migrate, 'migrate');
      return undefined;
    }
    if (!hello.versions.includes(1)) {
      socket.close(CloseCode.UnsupportedVersion, 'no common version');
      return undefined;
    }
    if (!hello.token.startsWith('fake.')) {
      this.send(socket, { type: FrameType.Error, requestId: 0, error: { code: 'GC_ERR_AUTH', message: 'bad token' } });
      socket.close(CloseCode.AuthFailed, 'bad token');
      return undefined;
    }
    const playerId = hello.token.slice('fake.'.length);
    const previous = hello.resume === undefined ? undefined : this.sessions.get(hello.resume.sessionId);
    const resumed = previous !== undefined && previous.resumeToken === hello.resume?.resumeToken;
    let session: FakeSession;
    if (resumed) {
      session = previous;
      session.socket?.close(CloseCode.SessionTakenOver, 'resumed elsewhere');
    } else {
      const sessionId = `s${this.nextSession++}`;
      session = { sessionId, resumeToken: `rt-${sessionId}`, playerId, seq: 0, unacked: [], socket, received: [] };
      this.sessions.set(sessionId, session);
    }
    session.socket = socket;
    this.send(socket, {
      type: FrameType.Welcome,
      welcome: {
        version: 1,
        sessionId: session.sessionId,
        resumeToken: session.resumeToken,
        playerId: session.playerId,
        resumed,
        lastSeq: session.seq,
        ...this.welcomeTemplate,
      },
    });
    if (resumed) {
      const after = hello.resume!.lastSeq;
      for (const push of session.unacked) {
        if (push.seq > after) this.send(socket, { type: FrameType.Push, ...push });
      }
    }
    return session;
  }

  private async handle(socket: WebSocket, session: FakeSession, frame: ClientFrame): Promise<void> {
    switch (frame.type) {
      case FrameType.Ping:
        this.send(socket, { type: FrameType.Pong, nonce: frame.nonce });
        return;
      case FrameType.Ack: {
        const index = session.unacked.findIndex((push) => push.seq > frame.lastSeq);
        session.unacked.splice(0, index < 0 ? session.unacked.length : index);
        return;
      }
      case FrameType.Request: {
        const route = this.routes[frame.route];
        if (route === undefined) {
          this.send(socket, {
            type: FrameType.Error,
            requestId: frame.requestId,
            error: { code: 'GC_ERR_UNKNOWN_ROUTE', message: `no route ${frame.route}` },
          });
          return;
        }
        try {
          const result = await route(frame.args, session);
          this.send(socket, { type: FrameType.Response, requestId: frame.requestId, result });
        } catch (error) {
          const { code = 'GC_ERR_HANDLER', message } = error as { code?: string; message: string };
          this.send(socket, { type: FrameType.Error, requestId: frame.requestId, error: { code, message } });
        }
        return;
      }
      default:
        return;
    }
  }

  private send(socket: WebSocket, frame: ServerFrame): void {
    if (this.silent || socket.readyState !== socket.OPEN) return;
    socket.send(encodeServerFrame(frame));
  }
}
