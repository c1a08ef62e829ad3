// Options of a MeshTransport with their defaults, validated and resolved once in the constructor.
import type { Envelope } from '../../actor/envelope.ts';
import { InvalidClusterConfigError } from '../errors.ts';

/** A member this node talks to: its member id and where its mesh server listens. */
export interface MeshPeer {
  readonly id: string;
  /** "host:port" of the peer's mesh server. */
  readonly address: string;
}

/** What the transport delivers inbound messages to (the cluster router). */
export interface MeshHandler {
  /**
   * A tell (requestId 0) or ask (requestId > 0) from peer `from`; answer an ask with
   * `transport.respond(from, requestId, ...)`. `hops` is how often the message was already forwarded.
   */
  onEnvelope(from: string, envelope: Envelope, hops: number): void;
}

/** Client and server certificates for mutual TLS (PEM). The server requires and verifies client certificates. */
export interface MeshTlsOptions {
  readonly ca: Buffer;
  readonly cert: Buffer;
  readonly key: Buffer;
  /**
   * The name peers' certificates are checked against, when they carry a shared name rather than each node's
   * address (default: the host part of the peer's address).
   */
  readonly serverName?: string;
}

export interface MeshTransportOptions {
  /** This node's member id (changes when the node rejoins: see setSelfId). */
  selfId: string;
  /** Interface to listen on, e.g. "127.0.0.1" or "0.0.0.0". */
  host: string;
  /** Port to listen on; 0 picks a free one (listen() returns the bound address). */
  port: number;
  handler: MeshHandler;
  /** Messages (tells, asks, responses) waiting to be written to one peer; beyond it sends fail (default: 100_000). */
  maxQueuedPerPeer?: number;
  /** Most messages in one frame (default: 4096). */
  maxBatchEnvelopes?: number;
  /** Largest frame in bytes; also the gRPC max message size both ways (default: 4 MiB). */
  maxFrameBytes?: number;
  /** First reconnect delay after a stream to a peer broke (default: 50). */
  reconnectInitialMs?: number;
  /** Longest reconnect delay; the delay doubles per failed attempt up to it (default: 2000). */
  reconnectMaxMs?: number;
  /** Interval of HTTP/2 keepalive pings on idle and busy connections (default: 10_000). */
  keepaliveIntervalMs?: number;
  /** A connection whose ping is not answered within this is closed and its pending asks fail (default: 5000). */
  keepaliveTimeoutMs?: number;
  /** How often settled asks (answered elsewhere, timed out by their caller) are swept from the tables (default: 1000). */
  sweepIntervalMs?: number;
  /** Mutual TLS; plaintext when absent. */
  tls?: MeshTlsOptions;
  /** Where problems nobody waits for go: bad frames, failed tells, handler errors (default: a JSON line on stderr). */
  onError?: (error: unknown, where: string) => void;
}

export const DEFAULT_MAX_QUEUED_PER_PEER = 100_000;
export const DEFAULT_MAX_BATCH_ENVELOPES = 4096;
export const DEFAULT_MAX_FRAME_BYTES = 4 * 1024 * 1024;
export const DEFAULT_RECONNECT_INITIAL_MS = 50;
export const DEFAULT_RECONNECT_MAX_MS = 2000;
export const DEFAULT_KEEPALIVE_INTERVAL_MS = 10_000;
export const DEFAULT_KEEPALIVE_TIMEOUT_MS = 5000;
export const DEFAULT_SWEEP_INTERVAL_MS = 1000;

/** The smallest frame limit accepted: room for a handful of ordinary messages. */
const MIN_FRAME_BYTES = 1024;

export interface ResolvedMeshTransportOptions {
  readonly host: string;
  readonly port: number;
  readonly handler: MeshHandler;
  readonly maxQueuedPerPeer: number;
  readonly maxBatchEnvelopes: number;
  readonly maxFrameBytes: number;
  readonly reconnectInitialMs: number;
  readonly reconnectMaxMs: number;
  readonly keepaliveIntervalMs: number;
  readonly keepaliveTimeoutMs: number;
  readonly sweepIntervalMs: number;
  readonly tls: MeshTlsOptions | undefined;
  readonly onError: (error: unknown, where: string) => void;
}

/** Applies defaults and checks every field; all problems are reported together. */
export function resolveMeshTransportOptions(options: MeshTransportOptions): ResolvedMeshTransportOptions {
  const resolved: ResolvedMeshTransportOptions = {
    host: options.host,
    port: options.port,
    handler: options.handler,
    maxQueuedPerPeer: options.maxQueuedPerPeer ?? DEFAULT_MAX_QUEUED_PER_PEER,
    maxBatchEnvelopes: options.maxBatchEnvelopes ?? DEFAULT_MAX_BATCH_ENVELOPES,
    maxFrameBytes: options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES,
    reconnectInitialMs: options.reconnectInitialMs ?? DEFAULT_RECONNECT_INITIAL_MS,
    reconnectMaxMs: options.reconnectMaxMs ?? DEFAULT_RECONNECT_MAX_MS,
    keepaliveIntervalMs: options.keepaliveIntervalMs ?? DEFAULT_KEEPALIVE_INTERVAL_MS,
    keepaliveTimeoutMs: options.keepaliveTimeoutMs ?? DEFAULT_KEEPALIVE_TIMEOUT_MS,
    sweepIntervalMs: options.sweepIntervalMs ?? DEFAULT_SWEEP_INTERVAL_MS,
    tls: options.tls,
    onError: options.onError ?? writeErrorLine,
  };
  const problems: string[] = [];
  if (typeof options.selfId !== 'string' || options.selfId === '') problems.push('selfId must be a non-empty string');
  if (typeof resolved.host !== 'string' || resolved.host === '') problems.push('host must be a non-empty string');
  if (!Number.isInteger(resolved.port) || resolved.port < 0 || resolved.port > 65535) {
    problems.push(`port must be an integer 0..65535 (0 = any free port), got ${resolved.port}`);
  }
  if (typeof resolved.handler?.onEnvelope !== 'function') problems.push('handler.onEnvelope must be a function');
  checkPositiveInteger(problems, 'maxQueuedPerPeer', resolved.maxQueuedPerPeer);
  checkPositiveInteger(problems, 'maxBatchEnvelopes', resolved.maxBatchEnvelopes);
  checkPositiveInteger(problems, 'maxFrameBytes', resolved.maxFrameBytes);
  if (resolved.maxFrameBytes < MIN_FRAME_BYTES) problems.push(`maxFrameBytes must be at least ${MIN_FRAME_BYTES}`);
  checkPositiveInteger(problems, 'reconnectInitialMs', resolved.reconnectInitialMs);
  checkPositiveInteger(problems, 'reconnectMaxMs', resolved.reconnectMaxMs);
  if (resolved.reconnectMaxMs < resolved.reconnectInitialMs) {
    problems.push('reconnectMaxMs must not be below reconnectInitialMs');
  }
  checkPositiveInteger(problems, 'keepaliveIntervalMs', resolved.keepaliveIntervalMs);
  checkPositiveInteger(problems, 'keepaliveTimeoutMs', resolved.keepaliveTimeoutMs);
  checkPositiveInteger(problems, 'sweepIntervalMs', resolved.sweepIntervalMs);
  if (resolved.tls !== undefined) {
    for (const field of ['ca', 'cert', 'key'] as const) {
      if (!Buffer.isBuffer(resolved.tls[field])) problems.push(`tls.${field} must be a Buffer holding PEM`);
    }
  }
  if (problems.length > 0) {
    throw new InvalidClusterConfigError(`invalid mesh transport options: ${problems.join('; ')}`);
  }
  return resolved;
}

function checkPositiveInteger(problems: string[], name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value <= 0) problems.push(`${name} must be a positive integer, got ${value}`);
}

// Until the observability layer brings the structured logger, mesh problems are JSON lines on stderr.
function writeErrorLine(error: unknown, where: string): void {
  const e = error as { code?: unknown; message?: unknown };
  const line = { level: 'error', msg: 'mesh error', where, code: e?.code, error: String(e?.message ?? error) };
  process.stderr.write(`${JSON.stringify(line)}\n`);
}
