// A real Prometheus (Debian's `prometheus` package) for e2e suites: started on a loopback address with a
// generated scrape config and a temporary TSDB, ready when /-/ready answers, stopped with SIGTERM and its data
// removed. Its log goes to a file the suite keeps when it fails.
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PrometheusApi } from './prometheus-api.ts';
import { type PrometheusConfigOptions, prometheusConfig } from './prometheus-config.ts';

export interface PrometheusServerOptions extends PrometheusConfigOptions {
  /** Loopback address to listen on. */
  readonly host: string;
  /** Port (default: a free one). */
  readonly port?: number;
  /** The binary (default: `prometheus` on PATH; Debian installs /usr/bin/prometheus). */
  readonly binary?: string;
  /** Prometheus's log (default: discarded). */
  readonly logFile?: string;
  /** Longest wait for /-/ready (default: 30 s). */
  readonly readyTimeoutMs?: number;
}

export class PrometheusServer {
  readonly url: string;
  readonly api: PrometheusApi;
  /** Its config and TSDB; removed by stop(). */
  readonly dataDir: string;
  private readonly child: ChildProcess;
  private readonly exited: Promise<number | null>;

  private constructor(url: string, child: ChildProcess, dir: string, exited: Promise<number | null>) {
    this.url = url;
    this.api = new PrometheusApi(url);
    this.child = child;
    this.dataDir = dir;
    this.exited = exited;
  }

  static async start(options: PrometheusServerOptions): Promise<PrometheusServer> {
    const config = prometheusConfig(options);
    const port = options.port ?? (await freePort(options.host));
    const dir = mkdtempSync(join(tmpdir(), 'gamecluster-prometheus-'));
    writeFileSync(join(dir, 'prometheus.yml'), config);
    const child = spawn(
      options.binary ?? 'prometheus',
      [
        `--config.file=${join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${join(dir, 'data')}`,
        `--web.listen-address=${options.host}:${port}`,
        '--storage.tsdb.retention.time=1h',
        '--log.level=warn',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    const log = options.logFile === undefined ? undefined : createWriteStream(options.logFile, { flags: 'a' });
    for (const stream of [child.stdout!, child.stderr!]) {
      stream.on('data', (chunk: Buffer) => {
        output = (output + chunk.toString()).slice(-4000);
        log?.write(chunk);
      });
    }
    const spawned = new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', (error: NodeJS.ErrnoException) =>
        reject(
          error.code === 'ENOENT'
            ? new Error(`${options.binary ?? 'prometheus'} not found: install Debian's prometheus package`)
            : error,
        ),
      );
    });
    const exited = new Promise<number | null>((resolve) =>
      child.once('exit', (code) => {
        log?.end();
        resolve(code);
      }),
    );
    const server = new PrometheusServer(`http://${options.host}:${port}`, child, dir, exited);
    try {
      await spawned;
      await server.waitReady(options.readyTimeoutMs ?? 30_000, () => output);
    } catch (error) {
      await server.stop();
      throw error;
    }
    return server;
  }

  /** Waits until Prometheus has `count` active targets and all are up (scraped without error). */
  async waitForTargets(count: number, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last = 'no targets yet';
    while (Date.now() < deadline) {
      const targets = await this.api.activeTargets();
      const down = targets.filter((t) => t.health !== 'up');
      if (targets.length === count && down.length === 0) return;
      last = `${targets.length}/${count} targets, not up: ${down.map((t) => `${t.scrapeUrl} (${t.health} ${t.lastError})`).join(', ')}`;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`Prometheus targets not up in ${timeoutMs} ms: ${last}`);
  }

  /** SIGTERM (SIGKILL after 10 s), then removes the config and the TSDB. */
  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null && this.child.pid !== undefined) {
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
      await this.exited;
      clearTimeout(timer);
    }
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  private async waitReady(timeoutMs: number, output: () => string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) throw new Error(`prometheus exited (${this.child.exitCode}):\n${output()}`);
      const ready = await fetch(`${this.url}/-/ready`).then(
        (r) => r.ok,
        () => false,
      );
      if (ready) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`prometheus at ${this.url} was not ready in ${timeoutMs} ms:\n${output()}`);
  }
}

/** A port free on `host` now (Prometheus binds it a moment later). */
function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
