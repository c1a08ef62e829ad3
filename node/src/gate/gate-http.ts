// The gate's plain-HTTP side, on the same port as the WebSocket: `GET /healthz` (200 while serving, 503 while
// draining, for the load balancer), only with devLogin `POST /dev/login` {playerId} -> {token} so a developer or a
// bot can play without a login service, and the JSON POST routes server code adds (Gate.addJsonRoute: the world
// role's logins). Logins and routes count against the per-IP attempt limit and share one body limit.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { InvalidGateConfigError } from './errors.ts';
import { MAX_PLAYER_ID_LENGTH, signToken } from './token.ts';

/** A login token issued by a JSON route. */
export interface IssuedToken {
  readonly token: string;
  readonly playerId: string;
  /** When the token expires, ISO 8601. */
  readonly expiresAt: string;
}

/** What a JSON route handler is given. */
export interface JsonRouteRequest {
  /** The route's path, e.g. `/auth/login`. */
  readonly path: string;
  /** The parsed JSON body (any JSON value: check its shape). */
  readonly body: unknown;
  /** The client's IP address as the gate sees it. */
  readonly remoteAddress: string;
  /** Signs a login token for `playerId` with the cluster key, valid for `ttlMs` (1 s to 365 days). */
  issueToken(playerId: string, ttlMs: number): IssuedToken;
}

/** What a handler answers: sent as JSON with `status`. */
export interface JsonRouteReply {
  readonly status: number;
  readonly body: object;
  readonly headers?: Readonly<Record<string, string>>;
}

/** Serves one route; a throw answers 500 (and is logged as gate.route_failed), so map expected errors to replies. */
export type JsonRouteHandler = (request: JsonRouteRequest) => JsonRouteReply | Promise<JsonRouteReply>;

export interface JsonRouteOptions {
  /** Count each request against the per-IP attempt limit, as logins do (default: true). */
  readonly limitAttempts?: boolean;
}

export interface JsonRoute {
  readonly handler: JsonRouteHandler;
  readonly limitAttempts: boolean;
}

export interface GateHttpHost {
  readonly devLogin: boolean;
  readonly clusterKey: Uint8Array;
  readonly devLoginTokenTtlMs: number;
  /** Counts an attempt from `address`; false when over the limit. */
  tryAttempt(address: string): boolean;
  health(): { readonly serving: boolean; readonly connections: number; readonly sessions: number };
  /** The JSON route added at `path`, if any. */
  jsonRoute(path: string): JsonRoute | undefined;
  /** Reports a handler that threw. */
  routeFailed(path: string, error: unknown): void;
}

/** Dev-login player ids: plain enough for URLs and logs. */
export const DEV_PLAYER_ID_PATTERN = /^[A-Za-z0-9_.:@-]{1,128}$/;
/** Paths of JSON routes: plain URL path characters; the gate's own paths are taken. */
export const JSON_ROUTE_PATH_PATTERN = /^\/[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+){0,7}$/;
/** Largest request body of the dev login and the JSON routes. */
export const MAX_BODY_BYTES = 4096;
const MAX_ISSUED_TOKEN_TTL_MS = 365 * 86_400_000;

export function handleGateHttp(host: GateHttpHost, req: IncomingMessage, res: ServerResponse): void {
  const path = (req.url ?? '/').split('?', 1)[0]!;
  if (path === '/healthz' && (req.method === 'GET' || req.method === 'HEAD')) {
    const health = host.health();
    reply(res, health.serving ? 200 : 503, { status: health.serving ? 'ok' : 'draining', ...health });
    return;
  }
  if (path === '/dev/login' && host.devLogin) {
    if (req.method !== 'POST') {
      reply(res, 405, { error: 'use POST /dev/login with {"playerId": "..."}' }, { allow: 'POST' });
      return;
    }
    devLogin(host, req, res);
    return;
  }
  const route = host.jsonRoute(path);
  if (route !== undefined) {
    if (req.method !== 'POST') {
      reply(res, 405, { error: `use POST ${path} with a JSON body` }, { allow: 'POST' });
      req.resume();
      return;
    }
    serveJsonRoute(host, route, path, req, res);
    return;
  }
  reply(res, 404, { error: `no ${req.method} ${path} here; clients connect to /ws` });
}

/** Refuses a path the gate serves itself or one that is not a plain URL path (InvalidGateConfigError). */
export function checkJsonRoutePath(path: string, devLoginPath: string, gatePath: string): void {
  if (typeof path !== 'string' || !JSON_ROUTE_PATH_PATTERN.test(path)) {
    throw new InvalidGateConfigError(`JSON route path ${JSON.stringify(path)} must match ${JSON_ROUTE_PATH_PATTERN}`);
  }
  if (path === '/healthz' || path === devLoginPath || path === gatePath) {
    throw new InvalidGateConfigError(`JSON route path ${path} is the gate's own; choose another`);
  }
}

function devLogin(host: GateHttpHost, req: IncomingMessage, res: ServerResponse): void {
  if (!admitAttempt(host, req, res)) return;
  readJsonBody(req, res, '{"playerId": "..."}', (body) => {
    const playerId = (body as { playerId?: unknown } | null)?.playerId;
    if (typeof playerId !== 'string' || !DEV_PLAYER_ID_PATTERN.test(playerId)) {
      reply(res, 400, { error: `playerId must match ${DEV_PLAYER_ID_PATTERN}` });
      return;
    }
    reply(res, 200, issueToken(host.clusterKey, playerId, host.devLoginTokenTtlMs));
  });
}

function serveJsonRoute(
  host: GateHttpHost,
  route: JsonRoute,
  path: string,
  req: IncomingMessage,
  res: ServerResponse,
): void {
  if (route.limitAttempts && !admitAttempt(host, req, res)) return;
  const remoteAddress = req.socket.remoteAddress ?? 'unknown';
  readJsonBody(req, res, 'a JSON object', (body) => {
    const request: JsonRouteRequest = {
      path,
      body,
      remoteAddress,
      issueToken: (playerId, ttlMs) => issueToken(host.clusterKey, playerId, ttlMs),
    };
    let answer: Promise<JsonRouteReply>;
    try {
      answer = Promise.resolve(route.handler(request));
    } catch (error) {
      answer = Promise.reject(error);
    }
    answer.then(
      (result) => reply(res, result.status, result.body, { ...result.headers }),
      (error: unknown) => {
        host.routeFailed(path, error);
        reply(res, 500, { error: `POST ${path} failed inside the server; try again later` });
      },
    );
  });
}

/** Counts the request against its address's attempts; answers 429 and returns false when over the limit. */
function admitAttempt(host: GateHttpHost, req: IncomingMessage, res: ServerResponse): boolean {
  if (host.tryAttempt(req.socket.remoteAddress ?? 'unknown')) return true;
  reply(res, 429, { error: 'too many login attempts from this address; wait a minute' }, { 'retry-after': '60' });
  req.resume();
  return false;
}

/** Reads at most MAX_BODY_BYTES of JSON (413 past it, 400 if not JSON) and calls `done` with the parsed value. */
function readJsonBody(req: IncomingMessage, res: ServerResponse, expected: string, done: (body: unknown) => void) {
  const chunks: Buffer[] = [];
  let size = 0;
  let refused = false;
  req.on('data', (chunk: Buffer) => {
    if (refused) return;
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      refused = true;
      reply(res, 413, { error: `the body must be at most ${MAX_BODY_BYTES} bytes of JSON` }, { connection: 'close' });
      return;
    }
    chunks.push(chunk);
  });
  req.on('error', () => {
    refused = true;
  });
  req.on('end', () => {
    if (refused) return;
    let body: unknown;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      reply(res, 400, { error: `the body must be JSON: ${expected}` });
      return;
    }
    done(body);
  });
}

function issueToken(key: Uint8Array, playerId: string, ttlMs: number): IssuedToken {
  if (typeof playerId !== 'string' || playerId.length === 0 || playerId.length > MAX_PLAYER_ID_LENGTH) {
    throw new InvalidGateConfigError(`a token's player id must be 1-${MAX_PLAYER_ID_LENGTH} characters`);
  }
  if (!Number.isInteger(ttlMs) || ttlMs < 1000 || ttlMs > MAX_ISSUED_TOKEN_TTL_MS) {
    throw new InvalidGateConfigError(`a token's ttlMs must be a whole number from 1000 to ${MAX_ISSUED_TOKEN_TTL_MS}`);
  }
  const nowSeconds = Math.floor(Date.now() / 1000);
  const exp = nowSeconds + Math.floor(ttlMs / 1000);
  const token = signToken(key, { sub: playerId, iat: nowSeconds, exp });
  return { token, playerId, expiresAt: new Date(exp * 1000).toISOString() };
}

function reply(res: ServerResponse, status: number, body: object, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(text);
}
