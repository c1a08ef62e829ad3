// The node's admin HTTP server, apart from the public gate port: `GET /metrics` (Prometheus), `/healthz` (the
// process serves: the lease is not fenced), `/readyz` (joined, healthy, not draining: a load balancer or a
// readiness probe sends players here only then), `/status` (JSON for the operator and for people) and
// `POST /drain` (the operator's drain, behind the admin key: drain-route.ts). The GETs are open: Prometheus and
// probes scrape them without a key.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import type { GameNode } from '../game-node.ts';
import { AuthFailureWindow, type AuthFailureWindowOptions } from './auth-failure-window.ts';
import { type AdminReply, drainRoute } from './drain-route.ts';
import { DrainTracker } from './drain-tracker.ts';
import { nodeMetrics } from './node-metrics.ts';
import { isReady, nodeStatus } from './node-status.ts';

const REQUEST_TIMEOUT_MS = 10_000;

export interface AdminServerOptions {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** Decoded admin key POST /drain must present (default: none, and POST /drain answers 403). */
  readonly key?: Buffer;
  /** The node's drain, shared with whoever else may drain it (SIGTERM) (default: a tracker of its own). */
  readonly drains?: DrainTracker;
  /** Failed key checks per address before 429 (default: 10 a minute). */
  readonly authFailures?: AuthFailureWindowOptions;
}

export class AdminServer {
  private readonly node: GameNode;
  private readonly options: AdminServerOptions;
  private readonly registry: Registry;
  private readonly failures: AuthFailureWindow;
  /** The node's drain, as POST /drain started it and GET /status reports it. */
  readonly drains: DrainTracker;
  private server: Server | undefined;

  constructor(node: GameNode, options: AdminServerOptions) {
    this.node = node;
    this.options = options;
    this.registry = nodeMetrics(node);
    this.drains = options.drains ?? new DrainTracker(node);
    this.failures = new AuthFailureWindow(options.authFailures);
  }

  /** `http://host:port` once listening. */
  get url(): string {
    const address = this.server?.address() as AddressInfo | null | undefined;
    if (address == null) throw new Error('the admin server is not listening: await start() first');
    const host = address.address === '0.0.0.0' || address.address === '::' ? '127.0.0.1' : address.address;
    return `http://${host}:${address.port}`;
  }

  async start(): Promise<void> {
    // A request gets 10 s to arrive whole: a slow client must not hold sockets of the operator's port for minutes.
    const server = createServer({ requestTimeout: REQUEST_TIMEOUT_MS }, (req, res) => {
      this.handle(req, res).catch((error: unknown) =>
        reply(res, 500, 'application/json', JSON.stringify({ error: String(error) })),
      );
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port, this.options.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (server === undefined) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?', 1)[0];
    if (path === '/drain') {
      if (req.method === 'POST') {
        const context = { key: this.options.key, drains: this.drains, failures: this.failures, nowMs: Date.now };
        sendReply(res, await drainRoute(req, context));
      } else {
        sendReply(res, { status: 405, body: { error: '/drain answers POST' }, headers: { allow: 'POST' } });
      }
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendReply(res, {
        status: 405,
        body: { error: 'the admin endpoints answer GET, except POST /drain' },
        headers: { allow: 'GET, HEAD' },
      });
      return;
    }
    switch (path) {
      case '/metrics':
        reply(res, 200, this.registry.contentType, await this.registry.metrics());
        return;
      case '/healthz': {
        const healthy = this.node.cluster.health() !== 'fenced';
        reply(res, healthy ? 200 : 503, 'application/json', JSON.stringify({ status: healthy ? 'ok' : 'fenced' }));
        return;
      }
      case '/readyz': {
        const ready = isReady(this.node);
        reply(res, ready ? 200 : 503, 'application/json', JSON.stringify({ ready, lifecycle: this.node.lifecycle }));
        return;
      }
      case '/status':
        reply(res, 200, 'application/json', JSON.stringify(nodeStatus(this.node, this.drains.progress)));
        return;
      default:
        reply(
          res,
          404,
          'application/json',
          JSON.stringify({ error: `no ${path}; try /metrics, /healthz, /readyz, /status, POST /drain` }),
        );
    }
  }
}

function reply(
  res: ServerResponse,
  status: number,
  contentType: string,
  body: string,
  headers: Readonly<Record<string, string>> = {},
): void {
  if (res.headersSent) return;
  res.writeHead(status, {
    ...headers,
    'content-type': contentType,
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
  });
  res.end(body);
}

function sendReply(res: ServerResponse, answer: AdminReply): void {
  reply(res, answer.status, 'application/json', JSON.stringify(answer.body), answer.headers);
}
