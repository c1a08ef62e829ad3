// The node's admin HTTP server, apart from the public gate port: `GET /metrics` (Prometheus), `/healthz` (the
// process serves: the lease is not fenced), `/readyz` (joined, healthy, not draining: a load balancer or a
// readiness probe sends players here only then) and `/status` (JSON for the operator and for people).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import type { GameNode } from '../game-node.ts';
import { nodeMetrics } from './node-metrics.ts';
import { isReady, nodeStatus } from './node-status.ts';

export interface AdminServerOptions {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
}

export class AdminServer {
  private readonly node: GameNode;
  private readonly options: AdminServerOptions;
  private readonly registry: Registry;
  private server: Server | undefined;

  constructor(node: GameNode, options: AdminServerOptions) {
    this.node = node;
    this.options = options;
    this.registry = nodeMetrics(node);
  }

  /** `http://host:port` once listening. */
  get url(): string {
    const address = this.server?.address() as AddressInfo | null | undefined;
    if (address == null) throw new Error('the admin server is not listening: await start() first');
    const host = address.address === '0.0.0.0' || address.address === '::' ? '127.0.0.1' : address.address;
    return `http://${host}:${address.port}`;
  }

  async start(): Promise<void> {
    const server = createServer((req, res) => {
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
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      reply(res, 405, 'application/json', JSON.stringify({ error: 'the admin endpoints answer GET' }));
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
        reply(res, 200, 'application/json', JSON.stringify(nodeStatus(this.node)));
        return;
      default:
        reply(
          res,
          404,
          'application/json',
          JSON.stringify({ error: `no ${path}; try /metrics, /healthz, /readyz, /status` }),
        );
    }
  }
}

function reply(res: ServerResponse, status: number, contentType: string, body: string): void {
  if (res.headersSent) return;
  res.writeHead(status, {
    'content-type': contentType,
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
  });
  res.end(body);
}
