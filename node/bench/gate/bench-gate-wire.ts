// What the gate benchmarks' processes agree on: the cluster key that the gate verifies and the client processes
// sign login tokens with (no dev-login round trips), player ids, the echo route, the pushed event, and the shapes
// of the snapshots the server processes report over IPC.
import { signToken } from '../../src/gate/index.ts';

/** 32 bytes, the same in every process of a benchmark run (a benchmark key, not a secret). */
export const BENCH_CLUSTER_KEY = Buffer.alloc(32, 0x67);
/** The echo benchmark's request route: Player.echo(x) on the session's own player. */
export const ECHO_ROUTE = 'player.echo';
export const PUSH_EVENT = 'bench.tick';
/** Clients send PING this often in the benchmarks that hold connections (the gate's default heartbeatMs / 2). */
export const PING_EVERY_MS = 5_000;

export function playerIdOf(index: number): string {
  return `p${index}`;
}

/** A login token for `playerId`, valid for an hour. */
export function loginTokenFor(playerId: string): string {
  const now = Math.floor(Date.now() / 1000);
  return signToken(BENCH_CLUSTER_KEY, { sub: playerId, iat: now, exp: now + 3600 });
}

/** process.memoryUsage() of a server process after collecting garbage. */
export interface MemorySnapshot {
  readonly rss: number;
  readonly heapTotal: number;
  readonly heapUsed: number;
  readonly external: number;
  readonly arrayBuffers: number;
}

/** What a server process (gate or raw baseline) reports when it is ready. */
export interface ServerInfo {
  readonly url: string;
}

/** The gate options a benchmark sets on its gate process (JSON: no key, no log function). */
export interface GateServerConfig {
  readonly host: string;
  readonly messagesPerSecond?: number;
  readonly burst?: number;
  readonly maxPendingRequests?: number;
  readonly maxConnections?: number;
  readonly attemptsPerIpPerMinute?: number;
  readonly maxBufferedBytes?: number;
  /** Session option; for finding what a connection costs (the figures use the default). */
  readonly resumeBufferSize?: number;
}
