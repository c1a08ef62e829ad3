// The gate's plain-HTTP side, on the same port as the WebSocket: `GET /healthz` (200 while serving, 503 while
// draining, for the load balancer) and, only with devLogin, `POST /dev/login` {playerId} -> {token} so a
// developer or a bot can play without a login service. Logins count against the per-IP attempt limit.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { signToken } from './token.ts';

export interface GateHttpHost {
  readonly devLogin: boolean;
  readonly clusterKey: Uint8Array;
  readonly devLoginTokenTtlMs: number;
  /** Counts an attempt from `address`; false when over the limit. */
  tryAttempt(address: string): boolean;
  health(): { readonly serving: boolean; readonly connections: number; readonly sessions: number };
}

/** Dev-login player ids: plain enough for URLs and logs. */
export const DEV_PLAYER_ID_PATTERN = /^[A-Za-z0-9_.:@-]{1,128}$/;
const MAX_BODY_BYTES = 4096;

export function handleGateHttp(host: GateHttpHost, req: IncomingMessage, res: ServerResponse): void {
  const path = (req.url ?? '/').split('?', 1)[0];
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
  reply(res, 404, { error: `no ${req.method} ${path} here; clients connect to /ws` });
}

function devLogin(host: GateHttpHost, req: IncomingMessage, res: ServerResponse): void {
  if (!host.tryAttempt(req.socket.remoteAddress ?? 'unknown')) {
    reply(res, 429, { error: 'too many login attempts from this address; wait a minute' }, { 'retry-after': '60' });
    req.resume();
    return;
  }
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
    let playerId: unknown;
    try {
      playerId = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { playerId?: unknown } | null)?.playerId;
    } catch {
      reply(res, 400, { error: 'the body must be JSON: {"playerId": "..."}' });
      return;
    }
    if (typeof playerId !== 'string' || !DEV_PLAYER_ID_PATTERN.test(playerId)) {
      reply(res, 400, { error: `playerId must match ${DEV_PLAYER_ID_PATTERN}` });
      return;
    }
    const nowSeconds = Math.floor(Date.now() / 1000);
    const exp = nowSeconds + Math.floor(host.devLoginTokenTtlMs / 1000);
    const token = signToken(host.clusterKey, { sub: playerId, iat: nowSeconds, exp });
    reply(res, 200, { token, playerId, expiresAt: new Date(exp * 1000).toISOString() });
  });
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
