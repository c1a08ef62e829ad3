// A loopback TCP proxy that can cut one client off from a server (a network partition of one node) while others
// still reach it directly. Cut connections stay open but carry nothing, as in a real partition: calls time out
// rather than fail fast. Test harness only; no jest imports (e2e suites use it too).
import { createConnection, createServer, type Server, type Socket } from 'node:net';

export class TcpPartitionProxy {
  /** `http://host:port` to give the client instead of the server's own endpoint. */
  readonly endpoint: string;
  private readonly server: Server;
  private readonly pairs = new Set<readonly [Socket, Socket]>();
  private partitioned = false;

  private constructor(server: Server, endpoint: string) {
    this.server = server;
    this.endpoint = endpoint;
  }

  /** Listens on a free port of `listenHost` and forwards each connection to `target` (`http://host:port`). */
  static async start(target: string, listenHost = '127.0.0.1'): Promise<TcpPartitionProxy> {
    const { hostname, port } = new URL(target);
    let proxy: TcpPartitionProxy | undefined;
    const server = createServer((downstream) => proxy!.accept(downstream, hostname, Number(port)));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, listenHost, () => resolve());
    });
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error(`proxy did not bind on ${listenHost}`);
    proxy = new TcpPartitionProxy(server, `http://${listenHost}:${address.port}`);
    return proxy;
  }

  /** Stops carrying bytes both ways, on open and new connections, until heal(). */
  partition(): void {
    this.partitioned = true;
    for (const [a, b] of this.pairs) {
      a.pause();
      b.pause();
    }
  }

  /** Carries bytes again; what was sent during the partition is delivered late, as TCP would. */
  heal(): void {
    this.partitioned = false;
    for (const [a, b] of this.pairs) {
      a.resume();
      b.resume();
    }
  }

  async close(): Promise<void> {
    for (const [a, b] of this.pairs) {
      a.destroy();
      b.destroy();
    }
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(downstream: Socket, host: string, port: number): void {
    const upstream = createConnection({ host, port });
    const pair = [downstream, upstream] as const;
    this.pairs.add(pair);
    // Plain data handlers, not pipe(): pipe() resumes a paused source on 'drain', which would leak bytes through.
    downstream.on('data', (chunk) => upstream.write(chunk));
    upstream.on('data', (chunk) => downstream.write(chunk));
    downstream.on('end', () => upstream.end());
    upstream.on('end', () => downstream.end());
    const drop = (): void => {
      this.pairs.delete(pair);
      downstream.destroy();
      upstream.destroy();
    };
    downstream.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    if (this.partitioned) {
      downstream.pause();
      upstream.pause();
    }
  }
}
