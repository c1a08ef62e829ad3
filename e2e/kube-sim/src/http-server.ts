// The HTTP/1.1 front of kube-sim (node:http, plain HTTP on loopback): reads the body, authenticates the bearer
// token, asks the authorizer, hands the request to the router and writes JSON, text or a watch stream. Errors
// become Status objects with their HTTP code; every request can be logged as one JSON line.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Authorizer, authenticate, authorize, type UserInfo } from './authorization.ts';
import { ApiError, toApiError } from './errors.ts';
import { parseJsonBody } from './http-params.ts';
import type { Router } from './http-router.ts';
import { streamWatch } from './http-watch.ts';
import type { ObjectStore } from './object-store.ts';
import { requestInfoOf } from './request-info.ts';

export interface RequestLogEntry {
  readonly time: string;
  readonly method: string;
  readonly path: string;
  readonly query: string;
  readonly user: string;
  readonly verb: string;
  /** The request body's media type ('' without a body): shows which patch type a client sent. */
  readonly contentType: string;
  readonly status: number;
  readonly durationMs: number;
}

export interface ApiHttpServerOptions {
  readonly host: string;
  readonly port: number;
  readonly router: Router;
  readonly store: ObjectStore;
  readonly tokens: ReadonlyMap<string, UserInfo>;
  readonly authorizer: Authorizer;
  readonly onRequest?: (entry: RequestLogEntry) => void;
  readonly maxBodyBytes: number;
}

export interface ApiHttpServer {
  readonly host: string;
  readonly port: number;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage, maxBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        reject(new ApiError(413, 'RequestEntityTooLarge', `the request body is larger than ${maxBytes} bytes`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function writeJson(res: ServerResponse, status: number, body: unknown, warnings: readonly string[] = []): void {
  const text = JSON.stringify(body);
  const headers: Record<string, string | string[]> = {
    'Content-Type': 'application/json',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-cache, private',
  };
  if (warnings.length > 0) headers.Warning = warnings.map((w) => `299 - ${JSON.stringify(w)}`);
  res.writeHead(status, headers);
  res.end(text);
}

export async function startApiHttpServer(options: ApiHttpServerOptions): Promise<ApiHttpServer> {
  const openWatches = new Set<() => void>();

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const started = performance.now();
    const url = new URL(req.url ?? '/', 'http://kube-sim');
    const method = req.method ?? 'GET';
    const info = requestInfoOf(method, url.pathname, url.searchParams);
    let user = '';
    res.on('finish', () => {
      options.onRequest?.({
        time: new Date().toISOString(),
        method,
        path: url.pathname,
        query: url.search,
        user,
        verb: info.verb,
        contentType: req.headers['content-type'] ?? '',
        status: res.statusCode,
        durationMs: Math.round((performance.now() - started) * 10) / 10,
      });
    });
    try {
      const raw = await readBody(req, options.maxBodyBytes);
      const caller = authenticate(req.headers.authorization, options.tokens);
      user = caller.name;
      await authorize(options.authorizer, caller, info);
      const result = options.router.route({
        method,
        url,
        headers: req.headers,
        body: parseJsonBody(raw, req.headers['content-type']),
        info,
      });
      if (result.kind === 'text') {
        res.writeHead(result.status, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end(result.body);
      } else if (result.kind === 'json') {
        writeJson(res, result.status, result.body, result.warnings);
      } else {
        res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private' });
        res.flushHeaders();
        const close = (): void => {
          stop();
          openWatches.delete(close);
          if (!res.writableEnded) res.end();
        };
        const stop = streamWatch(options.store, result.options, {
          send: (event) => {
            if (!res.writableEnded) res.write(`${JSON.stringify(event)}\n`);
          },
          close,
        });
        openWatches.add(close);
        res.on('close', close);
        if (res.writableEnded) openWatches.delete(close);
      }
    } catch (error) {
      const apiError = toApiError(error);
      if (!res.headersSent) writeJson(res, apiError.httpCode, apiError.status);
      else if (!res.writableEnded) res.end();
    }
  };

  const server: Server = createServer((req, res) => {
    void handle(req, res);
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  return {
    host: options.host,
    port: address.port,
    close: async () => {
      for (const close of [...openWatches]) close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
