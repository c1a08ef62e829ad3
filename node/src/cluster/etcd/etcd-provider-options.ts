// Options of the etcd cluster provider, their defaults, validation, and the timings derived from them once (how
// often to renew the lease, how long a renewal proves the lease alive, how long a witnessed outage lasts).
import { InvalidClusterConfigError } from '../errors.ts';

export interface EtcdClusterProviderOptions {
  /** etcd client URLs, `http://host:port` (required). */
  endpoints: readonly string[];
  /** Cluster name: every key lives under `/gamecluster/<cluster>/` (required; letters, digits, `.`, `_`, `-`). */
  cluster: string;
  /** Lease TTL in ms; a node that cannot renew within it stops serving (default: 5_000; at least 1_000). */
  leaseTtlMs?: number;
  /** Deadline of every etcd call; lease renewals use min(this, leaseTtlMs / 3) (default: min(2_000, leaseTtlMs / 2)). */
  callTimeoutMs?: number;
  /** Monotonic clock in ms used for the lease deadline (default: performance.now); tests pass a fake. */
  now?: () => number;
  /** Where failures nobody waits for go: watch reconnects, revokes (default: a JSON line on stderr). */
  onError?: (error: unknown, where: string) => void;
}

export const DEFAULT_LEASE_TTL_MS = 5_000;
export const MIN_LEASE_TTL_MS = 1_000;
export const MAX_CALL_TIMEOUT_MS = 2_000;
/** Share of the TTL kept in hand for clock drift and etcd's expiry check (10%). */
export const SERVE_MARGIN_RATIO = 0.1;
/** Renewals per TTL (what etcd's Go client does). */
export const KEEPALIVES_PER_TTL = 3;

export interface ResolvedEtcdProviderOptions {
  readonly endpoints: readonly string[];
  readonly cluster: string;
  readonly leaseTtlMs: number;
  /** The TTL asked of etcd: whole seconds, rounded up so etcd never expires the lease before we think it does. */
  readonly leaseTtlSeconds: number;
  readonly callTimeoutMs: number;
  readonly keepaliveIntervalMs: number;
  /**
   * Deadline of one renewal: min(callTimeoutMs, keepaliveIntervalMs). Short, so that the first failed renewal
   * after a good one is known well before the lease deadline (interval + timeout <= 2/3 of the TTL, against a
   * deadline at 9/10): only then can an outage be told apart from a stall in time.
   */
  readonly keepaliveTimeoutMs: number;
  /** A renewal sent at t proves the lease alive until t + leaseTtlMs - serveMarginMs. */
  readonly serveMarginMs: number;
  /**
   * How recent the last failed renewal must be for an outage to count as witnessed. Renewals do not overlap and
   * time out within an interval, so while the loop keeps running the newest known failure is at most two
   * intervals old; half an interval more absorbs timer lateness on a loaded machine.
   */
  readonly outageGraceMs: number;
  readonly now: () => number;
  readonly onError: (error: unknown, where: string) => void;
}

const CLUSTER_NAME = /^[A-Za-z0-9._-]+$/;

export function resolveEtcdProviderOptions(options: EtcdClusterProviderOptions): ResolvedEtcdProviderOptions {
  const problems: string[] = [];
  const endpoints = Array.isArray(options.endpoints) ? options.endpoints : [];
  if (endpoints.length === 0) problems.push('endpoints: give at least one etcd URL, e.g. http://127.0.0.1:2379');
  for (const [i, endpoint] of endpoints.entries()) {
    if (typeof endpoint !== 'string' || !/^https?:\/\/[^/]+$/.test(endpoint)) {
      problems.push(`endpoints[${i}]: ${JSON.stringify(endpoint)} is not an http(s)://host:port URL`);
    }
  }
  if (typeof options.cluster !== 'string' || !CLUSTER_NAME.test(options.cluster)) {
    problems.push(`cluster: ${JSON.stringify(options.cluster)} must be non-empty letters, digits, '.', '_' or '-'`);
  }
  const leaseTtlMs = options.leaseTtlMs ?? DEFAULT_LEASE_TTL_MS;
  if (!Number.isFinite(leaseTtlMs) || leaseTtlMs < MIN_LEASE_TTL_MS) {
    problems.push(`leaseTtlMs: ${leaseTtlMs} is below ${MIN_LEASE_TTL_MS} (etcd leases count whole seconds)`);
  }
  const callTimeoutMs = options.callTimeoutMs ?? Math.min(MAX_CALL_TIMEOUT_MS, leaseTtlMs / 2);
  if (!Number.isFinite(callTimeoutMs) || callTimeoutMs <= 0) {
    problems.push(`callTimeoutMs: ${callTimeoutMs} must be a number of ms above 0`);
  }
  if (problems.length > 0) {
    throw new InvalidClusterConfigError(`invalid etcd cluster provider options:\n  ${problems.join('\n  ')}`);
  }
  const keepaliveIntervalMs = leaseTtlMs / KEEPALIVES_PER_TTL;
  const keepaliveTimeoutMs = Math.min(callTimeoutMs, keepaliveIntervalMs);
  return {
    endpoints: [...endpoints],
    cluster: options.cluster,
    leaseTtlMs,
    leaseTtlSeconds: Math.ceil(leaseTtlMs / 1000),
    callTimeoutMs,
    keepaliveIntervalMs,
    keepaliveTimeoutMs,
    serveMarginMs: leaseTtlMs * SERVE_MARGIN_RATIO,
    outageGraceMs: keepaliveIntervalMs + keepaliveTimeoutMs + keepaliveIntervalMs / 2,
    now: options.now ?? (() => performance.now()),
    onError: options.onError ?? writeErrorLine,
  };
}

function writeErrorLine(error: unknown, where: string): void {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`${JSON.stringify({ level: 'error', component: 'etcd-provider', where, message })}\n`);
}
