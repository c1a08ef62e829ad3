// A real etcd for tests, e2e suites and benchmarks: spawns the `etcd` binary from PATH on free loopback ports with
// a throwaway data dir, and can stop, kill, pause and restart it on the same ports and data so outage scenarios run
// against the real thing. No jest imports: benchmarks and e2e programs use it too.
import { type ChildProcess, spawn } from 'node:child_process';
import {
  accessSync,
  closeSync,
  constants,
  existsSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

export interface EtcdTestServerOptions {
  /** Loopback address to listen on (default: a random 127.0.0.20–250, so parallel suites do not clash). */
  host?: string;
  /** Directory to create the temp dir in (default: /dev/shm when it exists, where fsync is cheap, else the OS tmp). */
  dataDir?: string;
  /**
   * etcd's raft heartbeat in ms (default: 25). etcd's smallest lease TTL is 1.5 election timeouts rounded up to a
   * second, so the default 100/1000 would turn 1 s test leases into 2 s ones; 25/250 keeps 1 s leases at 1 s.
   */
  heartbeatIntervalMs?: number;
  /** etcd's election timeout in ms (default: 10 heartbeats). */
  electionTimeoutMs?: number;
  /** Longest wait for etcd to answer /health after a start (default: 20_000). */
  startTimeoutMs?: number;
}

export const DEFAULT_ETCD_HEARTBEAT_INTERVAL_MS = 25;
export const DEFAULT_ETCD_START_TIMEOUT_MS = 20_000;
const STOP_GRACE_MS = 5_000;
const LOG_TAIL_CHARS = 4_000;

export class EtcdTestServer {
  /** `http://host:port` of the client listener. */
  readonly endpoint: string;
  readonly host: string;
  readonly clientPort: number;
  readonly peerPort: number;
  /** etcd's --data-dir (kept across restart, removed by dispose). */
  readonly dataDir: string;
  /** etcd's stdout and stderr, appended across restarts. */
  readonly logFile: string;
  private readonly rootDir: string;
  private readonly args: readonly string[];
  private readonly startTimeoutMs: number;
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private readonly killOnExit = (): void => {
    this.child?.kill('SIGKILL');
  };

  private constructor(
    host: string,
    clientPort: number,
    peerPort: number,
    rootDir: string,
    options: EtcdTestServerOptions,
  ) {
    this.host = host;
    this.clientPort = clientPort;
    this.peerPort = peerPort;
    this.rootDir = rootDir;
    this.dataDir = join(rootDir, 'data');
    this.logFile = join(rootDir, 'etcd.log');
    this.endpoint = `http://${host}:${clientPort}`;
    this.startTimeoutMs = options.startTimeoutMs ?? DEFAULT_ETCD_START_TIMEOUT_MS;
    const heartbeat = options.heartbeatIntervalMs ?? DEFAULT_ETCD_HEARTBEAT_INTERVAL_MS;
    const peerUrl = `http://${host}:${peerPort}`;
    this.args = [
      '--name',
      'test',
      '--data-dir',
      this.dataDir,
      '--listen-client-urls',
      this.endpoint,
      '--advertise-client-urls',
      this.endpoint,
      '--listen-peer-urls',
      peerUrl,
      '--initial-advertise-peer-urls',
      peerUrl,
      '--initial-cluster',
      `test=${peerUrl}`,
      '--initial-cluster-state',
      'new',
      '--heartbeat-interval',
      String(heartbeat),
      '--election-timeout',
      String(options.electionTimeoutMs ?? heartbeat * 10),
      '--logger',
      'zap',
      '--log-outputs',
      'stderr',
    ];
  }

  /** Starts etcd and resolves once it answers /health. */
  static async start(options: EtcdTestServerOptions = {}): Promise<EtcdTestServer> {
    const binary = findEtcdBinary();
    const host = options.host ?? `127.0.0.${20 + Math.floor(Math.random() * 231)}`;
    const parent = options.dataDir ?? (existsSync('/dev/shm') ? '/dev/shm' : tmpdir());
    // A port found free can be taken before etcd binds it; a fresh pair of ports on a retry settles that race.
    let lastError: unknown;
    for (let attempt = 0; attempt < 3; attempt++) {
      const [clientPort, peerPort] = await freePorts(host, 2);
      const rootDir = mkdtempSync(join(parent, 'gamecluster-etcd-'));
      const server = new EtcdTestServer(host, clientPort!, peerPort!, rootDir, options);
      try {
        await server.launch(binary);
        return server;
      } catch (error) {
        lastError = error;
        await server.dispose();
        if (!String(error).includes('address already in use')) break;
      }
    }
    throw lastError;
  }

  /** Starts etcd again on the same ports and data dir (after stop or kill): leases and keys survive. */
  async restart(): Promise<void> {
    if (this.child !== undefined) throw new Error(`etcd at ${this.endpoint} is still running: stop() it first`);
    await this.launch(findEtcdBinary());
  }

  /** SIGTERM, then SIGKILL if etcd has not exited after 5 s. */
  async stop(): Promise<void> {
    const child = this.child;
    if (child === undefined) return;
    child.kill('SIGCONT'); // a paused etcd cannot act on SIGTERM
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    await this.exited;
    clearTimeout(timer);
  }

  /** SIGKILL: etcd dies without a clean shutdown, as in a crash. */
  async kill(): Promise<void> {
    if (this.child === undefined) return;
    this.child.kill('SIGKILL');
    await this.exited;
  }

  /**
   * SIGSTOP: etcd keeps its sockets open but answers nothing (a hung server, not a refused connection). Resolves
   * once every etcd thread is stopped: on a busy machine a thread may otherwise still answer a request sent
   * right after the signal.
   */
  async pause(): Promise<void> {
    const child = this.child;
    if (child?.pid === undefined) return;
    child.kill('SIGSTOP');
    const deadline = Date.now() + STOP_GRACE_MS;
    while (!allThreadsStopped(child.pid)) {
      if (Date.now() > deadline) throw new Error(`etcd (pid ${child.pid}) did not stop within ${STOP_GRACE_MS} ms`);
      await sleep(5);
    }
  }

  resume(): void {
    this.child?.kill('SIGCONT');
  }

  get running(): boolean {
    return this.child !== undefined;
  }

  /** Stops etcd and removes its data dir and log. */
  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.rootDir, { recursive: true, force: true });
  }

  /** The last few KB of etcd's log, for error messages. */
  logTail(): string {
    try {
      const log = readFileSync(this.logFile, 'utf8');
      return log.slice(-LOG_TAIL_CHARS);
    } catch {
      return '(no log)';
    }
  }

  private async launch(binary: string): Promise<void> {
    const logFd = openSync(this.logFile, 'a');
    let child: ChildProcess;
    try {
      child = spawn(binary, this.args, { stdio: ['ignore', logFd, logFd] });
    } finally {
      closeSync(logFd);
    }
    this.child = child;
    process.once('exit', this.killOnExit);
    let exitCode: number | string | null | undefined;
    this.exited = new Promise<void>((resolve) => {
      const onGone = (code: number | null, signal: NodeJS.Signals | null): void => {
        exitCode = code ?? signal;
        if (this.child === child) this.child = undefined;
        process.removeListener('exit', this.killOnExit);
        resolve();
      };
      child.once('exit', onGone);
      child.once('error', () => onGone(null, null));
    });
    const deadline = Date.now() + this.startTimeoutMs;
    while (Date.now() < deadline) {
      if (exitCode !== undefined) {
        throw new Error(`etcd exited (${exitCode}) before answering at ${this.endpoint}. Log tail:\n${this.logTail()}`);
      }
      if (await this.isHealthy()) return;
      await sleep(50);
    }
    await this.kill();
    throw new Error(
      `etcd did not answer /health at ${this.endpoint} within ${this.startTimeoutMs} ms. Log tail:\n${this.logTail()}`,
    );
  }

  private async isHealthy(): Promise<boolean> {
    try {
      const response = await fetch(`${this.endpoint}/health`, { signal: AbortSignal.timeout(1_000) });
      const body = (await response.json()) as { health?: string };
      return response.ok && body.health === 'true';
    } catch {
      return false;
    }
  }
}

/** True when every thread of `pid` is in the stopped state (Linux /proc); true as well if /proc is unreadable. */
function allThreadsStopped(pid: number): boolean {
  let threads: string[];
  try {
    threads = readdirSync(`/proc/${pid}/task`);
  } catch {
    return true;
  }
  return threads.every((tid) => {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      // The state follows the parenthesised command name, which may itself contain spaces or parentheses.
      const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
      return state === 'T' || state === 't';
    } catch {
      return true; // the thread exited
    }
  });
}

function findEtcdBinary(): string {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, 'etcd');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  throw new Error("etcd not found on PATH: install Debian's etcd-server package (apt-get install etcd-server)");
}

/** Ports the OS reports free on `host` right now (all held open together, so they are distinct). */
async function freePorts(host: string, count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<ReturnType<typeof createServer>>((resolve, reject) => {
          const server = createServer();
          server.once('error', reject);
          server.listen(0, host, () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((server) => {
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error(`no port bound on ${host}`);
    return address.port;
  });
  await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
  return ports;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
