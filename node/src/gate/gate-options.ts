// Options of a Gate (DESIGN §4 gate): where it listens, its limits with the close code each one triggers, its
// timeouts and what clients reach. Defaults live here; resolved and validated once in the Gate's constructor.
import { currentTraceId } from '../actor/actor-tracer.ts';
import { FIELD_LIMITS } from './protocol/field-limits.ts';
import {
  checkWhole,
  type ResolvedSessionOptions,
  resolveSessionOptionsInto,
  type SessionOptions,
  throwIfProblems,
} from './session-options.ts';

export interface GateOptions extends SessionOptions {
  /** HMAC key of login and resume tokens, the same on every node; at least 32 bytes (required). */
  clusterKey: Uint8Array;
  /** (default: '0.0.0.0') */
  host?: string;
  /** 0 = any free port (default: 7350). */
  port?: number;
  /** Largest frame a client may send; larger ones close the connection with 1009 (default: 65_536). */
  maxFrameBytes?: number;
  /** Sustained messages per second per connection; past the burst the connection closes with 4004 (default: 50). */
  messagesPerSecond?: number;
  /** Messages a connection may send at once above the sustained rate (default: 100). */
  burst?: number;
  /** Requests awaiting responses per connection; one more closes it with 4005 (default: 64). */
  maxPendingRequests?: number;
  /** Bytes queued for a client that does not read before it is closed with 4006 (default: 1_048_576). */
  maxBufferedBytes?: number;
  /** A connection that sends nothing for this long is closed with 4007 (default: 30_000). */
  idleTimeoutMs?: number;
  /**
   * HELLO must arrive within this long of connecting, else 4002; the session must be ready by then too, else the
   * client gets ERROR GC_ERR_SESSION_UNAVAILABLE and 1001, and resumes (default: 5_000).
   */
  handshakeTimeoutMs?: number;
  /** Open connections; one more is closed with 4008 (default: 20_000). */
  maxConnections?: number;
  /** WebSocket handshakes plus dev logins per IP address per minute; more close with 4009 (default: 30). */
  attemptsPerIpPerMinute?: number;
  /** Deadline of a client request to an actor (default: 10_000). */
  requestTimeoutMs?: number;
  /** The kind bound to every session as `player`, keyed by the player id (default: 'Player'). */
  playerKind?: string;
  /** Serve `POST /dev/login` ({playerId} -> {token}) — for development only (default: false). */
  devLogin?: boolean;
  /** Lifetime of dev-login tokens (default: 3_600_000). */
  devLoginTokenTtlMs?: number;
  /** Lifetime of resume tokens; the session's grace window still bounds a resume (default: 86_400_000). */
  resumeTokenTtlMs?: number;
  /** drain() spreads the clients' reconnects over this long with MIGRATE.retryAfterMs (default: 5_000). */
  drainSpreadMs?: number;
  /** How long drain() waits for this gate's sessions to be resumed elsewhere (default: 30_000). */
  drainTimeoutMs?: number;
  /** A closing connection that does not finish the close handshake is cut after this long (default: 5_000). */
  closeTimeoutMs?: number;
  /** Gate lifecycle events and errors (default: a JSON line on stderr). */
  log?: (event: string, fields: Record<string, unknown>) => void;
}

export const DEFAULT_GATE_HOST = '0.0.0.0';
export const DEFAULT_GATE_PORT = 7350;
export const DEFAULT_MAX_FRAME_BYTES = 65_536;
export const DEFAULT_MESSAGES_PER_SECOND = 50;
export const DEFAULT_BURST = 100;
export const DEFAULT_MAX_PENDING_REQUESTS = 64;
export const DEFAULT_MAX_BUFFERED_BYTES = 1_048_576;
export const DEFAULT_IDLE_TIMEOUT_MS = 30_000;
export const DEFAULT_HANDSHAKE_TIMEOUT_MS = 5_000;
export const DEFAULT_MAX_CONNECTIONS = 20_000;
export const DEFAULT_ATTEMPTS_PER_IP_PER_MINUTE = 30;
export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
export const DEFAULT_PLAYER_KIND = 'Player';
export const DEFAULT_DEV_LOGIN_TOKEN_TTL_MS = 3_600_000;
export const DEFAULT_RESUME_TOKEN_TTL_MS = 86_400_000;
export const DEFAULT_DRAIN_SPREAD_MS = 5_000;
export const DEFAULT_DRAIN_TIMEOUT_MS = 30_000;
export const DEFAULT_CLOSE_TIMEOUT_MS = 5_000;
/** HMAC-SHA256 keys shorter than its output weaken it. */
export const MIN_CLUSTER_KEY_BYTES = 32;

export interface ResolvedGateOptions extends ResolvedSessionOptions {
  readonly clusterKey: Uint8Array;
  readonly host: string;
  readonly port: number;
  readonly maxFrameBytes: number;
  readonly messagesPerSecond: number;
  readonly burst: number;
  readonly maxPendingRequests: number;
  readonly maxBufferedBytes: number;
  readonly idleTimeoutMs: number;
  readonly handshakeTimeoutMs: number;
  readonly maxConnections: number;
  readonly attemptsPerIpPerMinute: number;
  readonly requestTimeoutMs: number;
  readonly playerKind: string;
  readonly devLogin: boolean;
  readonly devLoginTokenTtlMs: number;
  readonly resumeTokenTtlMs: number;
  readonly drainSpreadMs: number;
  readonly drainTimeoutMs: number;
  readonly closeTimeoutMs: number;
  readonly log: (event: string, fields: Record<string, unknown>) => void;
}

const MAX_TIMER_MS = 2_147_483_647;
/** Shortest timeouts accepted: tests use tens of ms; shorter would make the sweep spin. */
const MIN_TIMEOUT_MS = 10;

export function resolveGateOptions(options: GateOptions): ResolvedGateOptions {
  const problems: string[] = [];
  const session = resolveSessionOptionsInto(options, problems);
  const resolved: ResolvedGateOptions = {
    ...session,
    clusterKey: options.clusterKey,
    host: options.host ?? DEFAULT_GATE_HOST,
    port: options.port ?? DEFAULT_GATE_PORT,
    maxFrameBytes: options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES,
    messagesPerSecond: options.messagesPerSecond ?? DEFAULT_MESSAGES_PER_SECOND,
    burst: options.burst ?? DEFAULT_BURST,
    maxPendingRequests: options.maxPendingRequests ?? DEFAULT_MAX_PENDING_REQUESTS,
    maxBufferedBytes: options.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED_BYTES,
    idleTimeoutMs: options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS,
    handshakeTimeoutMs: options.handshakeTimeoutMs ?? DEFAULT_HANDSHAKE_TIMEOUT_MS,
    maxConnections: options.maxConnections ?? DEFAULT_MAX_CONNECTIONS,
    attemptsPerIpPerMinute: options.attemptsPerIpPerMinute ?? DEFAULT_ATTEMPTS_PER_IP_PER_MINUTE,
    requestTimeoutMs: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    playerKind: options.playerKind ?? DEFAULT_PLAYER_KIND,
    devLogin: options.devLogin ?? false,
    devLoginTokenTtlMs: options.devLoginTokenTtlMs ?? DEFAULT_DEV_LOGIN_TOKEN_TTL_MS,
    resumeTokenTtlMs: options.resumeTokenTtlMs ?? DEFAULT_RESUME_TOKEN_TTL_MS,
    drainSpreadMs: options.drainSpreadMs ?? DEFAULT_DRAIN_SPREAD_MS,
    drainTimeoutMs: options.drainTimeoutMs ?? DEFAULT_DRAIN_TIMEOUT_MS,
    closeTimeoutMs: options.closeTimeoutMs ?? DEFAULT_CLOSE_TIMEOUT_MS,
    log: options.log ?? logToStderr,
  };
  if (!(resolved.clusterKey instanceof Uint8Array) || resolved.clusterKey.byteLength < MIN_CLUSTER_KEY_BYTES) {
    problems.push(
      `clusterKey must be at least ${MIN_CLUSTER_KEY_BYTES} bytes (the same on every node): set --cluster-key or GAMECLUSTER_CLUSTER_KEY`,
    );
  }
  if (typeof resolved.host !== 'string' || resolved.host.length === 0)
    problems.push('host must be a host name or address');
  checkWhole(problems, 'port', resolved.port, 0, 65_535);
  // The ws close frame of 1009 and the codec's own limits need a few bytes; 64 is the smallest useful frame.
  checkWhole(problems, 'maxFrameBytes', resolved.maxFrameBytes, 64, 64 * 1024 * 1024);
  checkWhole(problems, 'messagesPerSecond', resolved.messagesPerSecond, 1, 1_000_000);
  checkWhole(problems, 'burst', resolved.burst, 1, 1_000_000);
  checkWhole(problems, 'maxPendingRequests', resolved.maxPendingRequests, 1, 100_000);
  checkWhole(problems, 'maxBufferedBytes', resolved.maxBufferedBytes, 1024, 1024 * 1024 * 1024);
  checkWhole(problems, 'idleTimeoutMs', resolved.idleTimeoutMs, MIN_TIMEOUT_MS, MAX_TIMER_MS);
  checkWhole(problems, 'handshakeTimeoutMs', resolved.handshakeTimeoutMs, MIN_TIMEOUT_MS, MAX_TIMER_MS);
  checkWhole(problems, 'maxConnections', resolved.maxConnections, 1, 10_000_000);
  checkWhole(problems, 'attemptsPerIpPerMinute', resolved.attemptsPerIpPerMinute, 1, 1_000_000);
  checkWhole(problems, 'requestTimeoutMs', resolved.requestTimeoutMs, 1, MAX_TIMER_MS);
  if (typeof resolved.playerKind !== 'string' || !/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/.test(resolved.playerKind)) {
    problems.push(`playerKind must be a registered kind name, got ${JSON.stringify(resolved.playerKind)}`);
  }
  if (typeof resolved.devLogin !== 'boolean') problems.push('devLogin must be true or false');
  checkWhole(problems, 'devLoginTokenTtlMs', resolved.devLoginTokenTtlMs, 1000, MAX_TIMER_MS);
  checkWhole(problems, 'resumeTokenTtlMs', resolved.resumeTokenTtlMs, 1000, 365 * 86_400_000);
  checkWhole(problems, 'drainSpreadMs', resolved.drainSpreadMs, 0, FIELD_LIMITS.maxDurationMs);
  checkWhole(problems, 'drainTimeoutMs', resolved.drainTimeoutMs, 0, MAX_TIMER_MS);
  checkWhole(problems, 'closeTimeoutMs', resolved.closeTimeoutMs, MIN_TIMEOUT_MS, MAX_TIMER_MS);
  throwIfProblems('gate options', problems);
  return resolved;
}

// traceId: set when the line is written inside a traced turn or client call (absent, not null, otherwise).
function logToStderr(event: string, fields: Record<string, unknown>): void {
  const line = { time: new Date().toISOString(), event, traceId: currentTraceId(), ...fields };
  process.stderr.write(`${JSON.stringify(line)}\n`);
}
