// The operator's HTTP port: /metrics (Prometheus), /healthz (the process serves) and /readyz (this replica can
// take over: its configuration loaded and, when leading, its informers synced). A standby replica is ready too,
// so a rolling update of the operator's Deployment is not held up by the replicas that wait for the Lease.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

export interface HealthServerOptions {
  readonly host: string;
  readonly port: number;
  readonly registry: Registry;
  /** False while the leader's informers have not listed yet. */
  readonly ready: () => boolean;
}

export class HealthServer {
  private readonly options: HealthServerOptions;
  private server: Server | null = null;

  constructor(options: HealthServerOptions) {
    this.options = options;
  }

  get url(): string {
    const address = this.server?.address() as AddressInfo | null | undefined;
    if (address == null) throw new Error('the health server is not listening: await start() first');
    const host = address.address === '0.0.0.0' || address.address === '::' ? '127.0.0.1' : address.address;
    return `http://${host}:${address.port}`;
  }

  async start(): Promise<void> {
    const server = createServer((req, res) => {
      const path = (req.url ?? '/').split('?', 1)[0];
      const send = (status: number, type: string, body: string) => {
        res.writeHead(status, { 'content-type': type });
        res.end(req.method === 'HEAD' ? undefined : body);
      };
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        send(405, 'application/json', JSON.stringify({ error: 'GET only' }));
      } else if (path === '/metrics') {
        this.options.registry.metrics().then(
          (text) => send(200, this.options.registry.contentType, text),
          (error: unknown) => send(500, 'application/json', JSON.stringify({ error: String(error) })),
        );
      } else if (path === '/healthz') {
        send(200, 'application/json', JSON.stringify({ status: 'ok' }));
      } else if (path === '/readyz') {
        const ready = this.options.ready();
        send(ready ? 200 : 503, 'application/json', JSON.stringify({ ready }));
      } else {
        send(404, 'application/json', JSON.stringify({ error: `no ${path}; try /metrics, /healthz, /readyz` }));
      }
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
    this.server = null;
    if (server === null) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
