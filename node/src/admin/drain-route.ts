// POST /drain: the only admin request that changes a node, so the only one behind the admin key. In order: no key
// configured (403), an address over its failure limit (429, key not even checked), a wrong or missing key (401,
// counted), a bad body (413/400, read only once authenticated), then the drain starts (202) or is reported (202
// while running, 200 once finished), or is refused while the node is not serving (409).
import type { IncomingMessage } from 'node:http';
import { presentsAdminKey } from './admin-key.ts';
import type { AuthFailureWindow } from './auth-failure-window.ts';
import { MAX_DRAIN_BODY_BYTES, parseDrainRequest } from './drain-request.ts';
import type { DrainTracker } from './drain-tracker.ts';

export interface DrainRouteContext {
  /** Decoded admin key; undefined: every POST /drain is refused with 403. */
  readonly key: Buffer | undefined;
  readonly drains: DrainTracker;
  readonly failures: AuthFailureWindow;
  readonly nowMs: () => number;
}

export interface AdminReply {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export async function drainRoute(req: IncomingMessage, context: DrainRouteContext): Promise<AdminReply> {
  if (context.key === undefined) {
    return {
      status: 403,
      body: {
        error:
          'this node has no admin key, so POST /drain is off: set GAMECLUSTER_ADMIN_KEY (or --admin-key) on the node ' +
          'and send it as "Authorization: Bearer <key>"',
      },
    };
  }
  const address = req.socket.remoteAddress ?? 'unknown';
  const now = context.nowMs();
  const blockedSeconds = context.failures.blockedForSeconds(address, now);
  if (blockedSeconds > 0) {
    return {
      status: 429,
      body: { error: `too many failed attempts from this address: retry in ${blockedSeconds} s` },
      headers: { 'retry-after': String(blockedSeconds) },
    };
  }
  if (!presentsAdminKey(context.key, req.headers.authorization)) {
    context.failures.recordFailure(address, now);
    return {
      status: 401,
      body: { error: 'unauthorized: send the node\'s admin key as "Authorization: Bearer <key>"' },
      headers: { 'www-authenticate': 'Bearer' },
    };
  }
  const text = await readBody(req);
  if (text === undefined) {
    return {
      status: 413,
      body: { error: `the body is over ${MAX_DRAIN_BODY_BYTES} bytes: send at most {"deadlineSeconds": n}` },
      headers: { connection: 'close' },
    };
  }
  const parsed = parseDrainRequest(text);
  if (!parsed.ok) return { status: 400, body: { error: parsed.error } };
  const started = context.drains.start(parsed.request);
  switch (started.outcome) {
    case 'started':
    case 'running':
      return { status: 202, body: started.progress };
    case 'finished':
      return { status: 200, body: started.progress };
    case 'refused':
      return { status: 409, body: { error: started.reason, drain: started.progress } };
  }
}

/**
 * The body as text, or undefined when it is over the limit: reading stops there (the reply closes the connection)
 * rather than destroying the request, which would take the socket and the 413 with it.
 */
function readBody(req: IncomingMessage): Promise<string | undefined> {
  if (Number(req.headers['content-length'] ?? 0) > MAX_DRAIN_BODY_BYTES) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let bytes = 0;
    const onData = (chunk: Buffer) => {
      bytes += chunk.byteLength;
      if (bytes <= MAX_DRAIN_BODY_BYTES) {
        chunks.push(chunk);
        return;
      }
      req.off('data', onData);
      req.pause();
      resolve(undefined);
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.once('error', reject);
  });
}
