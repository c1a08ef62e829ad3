// A private PostgreSQL for tests that stop the database: Debian's server binaries (`initdb`, `postgres`) on a free
// loopback port with a throwaway data dir, stoppable and restartable on the same port and data. As root it runs
// the server as the `postgres` user (PostgreSQL refuses root). No jest imports: e2e programs may use it too.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

const START_TIMEOUT_MS = 20_000;
const STOP_GRACE_MS = 10_000;
const SERVER_USER = 'postgres';

/** The user the server runs as when this process is root. */
interface ServerOwner {
  readonly uid: number;
  readonly gid: number;
}

export interface PostgresTestServerOptions {
  /** Loopback address to listen on (default: a random 127.0.0.20–250, so parallel suites do not clash). */
  host?: string;
}

export class PostgresTestServer {
  readonly host: string;
  readonly port: number;
  /** `postgres://postgres@host:port/postgres`, trust authentication. */
  readonly url: string;
  private readonly rootDir: string;
  private readonly binDir: string;
  private readonly owner: ServerOwner | undefined;
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();

  private constructor(host: string, port: number, rootDir: string, binDir: string, owner: ServerOwner | undefined) {
    this.host = host;
    this.port = port;
    this.rootDir = rootDir;
    this.binDir = binDir;
    this.owner = owner;
    this.url = `postgres://postgres@${host}:${port}/postgres`;
  }

  /** Creates a cluster and starts it; resolves once it accepts connections. */
  static async start(options: PostgresTestServerOptions = {}): Promise<PostgresTestServer> {
    const binDir = findServerBinaries();
    const owner = process.getuid?.() === 0 ? userIds(SERVER_USER) : undefined;
    const host = options.host ?? `127.0.0.${20 + Math.floor(Math.random() * 231)}`;
    const parent = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
    const rootDir = mkdtempSync(join(parent, 'gamecluster-pg-'));
    if (owner !== undefined) chownSync(rootDir, owner.uid, owner.gid);
    const server = new PostgresTestServer(host, await freePort(host), rootDir, binDir, owner);
    try {
      const init = spawnSync(
        join(binDir, 'initdb'),
        ['-D', server.dataDir, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync'],
        { encoding: 'utf8', ...owner },
      );
      if (init.status !== 0) throw new Error(`initdb failed (${init.status}): ${init.stderr || init.error}`);
      await server.restart();
      return server;
    } catch (error) {
      await server.dispose();
      throw error;
    }
  }

  /** Starts the server again on the same port and data (after stop): rows survive. */
  async restart(): Promise<void> {
    if (this.child !== undefined)
      throw new Error(`PostgreSQL at ${this.host}:${this.port} is running: stop() it first`);
    const args = ['-D', this.dataDir, '-h', this.host, '-p', String(this.port), '-k', this.rootDir, '-F'];
    const child = spawn(join(this.binDir, 'postgres'), args, {
      stdio: ['ignore', 'ignore', 'pipe'],
      ...this.owner,
    });
    let log = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      log = (log + chunk.toString()).slice(-4_000);
    });
    this.child = child;
    this.exited = new Promise((resolve) =>
      child.once('exit', () => {
        this.child = undefined;
        resolve();
      }),
    );
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (!(await this.accepts())) {
      if (this.child === undefined || Date.now() > deadline) {
        await this.stop();
        throw new Error(`PostgreSQL did not start at ${this.host}:${this.port}: ${log}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Fast shutdown (SIGINT): sessions are ended, the port closes; SIGKILL if it has not exited after 10 s. */
  async stop(): Promise<void> {
    const child = this.child;
    if (child === undefined) return;
    child.kill('SIGINT');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    await this.exited;
    clearTimeout(timer);
  }

  /** Stops the server and removes its files. */
  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.rootDir, { recursive: true, force: true });
  }

  private get dataDir(): string {
    return join(this.rootDir, 'data');
  }

  private async accepts(): Promise<boolean> {
    const client = new Client({ connectionString: this.url, connectionTimeoutMillis: 1_000 });
    client.on('error', () => {});
    try {
      await client.connect();
      await client.query('SELECT 1');
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => {});
    }
  }
}

/** The bin directory of the newest PostgreSQL server installed the Debian way. */
function findServerBinaries(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((name) => existsSync(join(root, name, 'bin', 'postgres')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions[0] === undefined) {
    throw new Error(`no PostgreSQL server binaries under ${root}: install Debian's postgresql package`);
  }
  return join(root, versions[0], 'bin');
}

function userIds(name: string): ServerOwner {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith(`${name}:`));
  const fields = line?.split(':');
  if (fields === undefined) throw new Error(`running as root needs a '${name}' user to run PostgreSQL as`);
  return { uid: Number(fields[2]), gid: Number(fields[3]) };
}

function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
