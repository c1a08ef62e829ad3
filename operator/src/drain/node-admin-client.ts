// The operator's side of a node's admin port: GET /status (lifecycle, players, load, drain progress) and
// POST /drain with the cluster's admin key. Answers from a node are parsed defensively (a pod may run another
// version): a field that is missing or of the wrong type reads as unknown, never as a crash.

export type DrainState = 'none' | 'draining' | 'drained' | 'failed';

/** What the operator reads from a node's /status. */
export interface NodeStatusView {
  readonly lifecycle: string;
  /** Gate connections on this node. */
  readonly players: number;
  /** Players in this node's open scenes (zone nodes). */
  readonly zonePlayers: number;
  readonly load: number;
  readonly drain: DrainState;
  /** Documents a finished drain could not save (a failed drain). */
  readonly unsaved: number;
}

export class DrainRequestError extends Error {
  readonly code = 'GC_ERR_DRAIN_REQUEST';
  readonly status: number;

  constructor(url: string, status: number, detail: string) {
    super(
      `POST ${url} answered ${status}: ${detail}; check that the pod has the cluster's admin key (GAMECLUSTER_ADMIN_KEY from the <cluster>-keys Secret)`,
    );
    this.name = 'DrainRequestError';
    this.status = status;
  }
}

const DRAIN_STATES: readonly DrainState[] = ['none', 'draining', 'drained', 'failed'];

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

/** Reads a /status body; null when it is not a node's status at all. */
export function parseNodeStatus(body: unknown): NodeStatusView | null {
  if (typeof body !== 'object' || body === null) return null;
  const status = body as Record<string, unknown>;
  if (typeof status.lifecycle !== 'string') return null;
  const drain = (status.drain ?? {}) as Record<string, unknown>;
  const state = DRAIN_STATES.includes(drain.state as DrainState) ? (drain.state as DrainState) : 'none';
  return {
    lifecycle: status.lifecycle,
    players: numberOr(status.players, 0),
    zonePlayers: numberOr(status.zonePlayers, 0),
    load: numberOr(status.load, 0),
    drain: state,
    unsaved: numberOr(drain.unsaved, 0),
  };
}

/** The node's status, or null when it does not answer in time (starting, stopped, partitioned). */
export async function fetchNodeStatus(baseUrl: string, timeoutMs: number): Promise<NodeStatusView | null> {
  try {
    const response = await fetch(`${baseUrl}/status`, { signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) return null;
    return parseNodeStatus(await response.json());
  } catch {
    return null;
  }
}

/**
 * Asks the node to drain (idempotent on the node: a second request reports the drain under way). Resolves with
 * the drain state it reports; throws DrainRequestError when the node refuses (wrong or missing key) and a network
 * error when it cannot be reached.
 */
export async function requestDrain(
  baseUrl: string,
  adminKey: string,
  deadlineSeconds: number,
  timeoutMs: number,
): Promise<DrainState> {
  const url = `${baseUrl}/drain`;
  const response = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ deadlineSeconds }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  if (response.status !== 200 && response.status !== 202) throw new DrainRequestError(url, response.status, text);
  try {
    const state = (JSON.parse(text) as { state?: unknown; drain?: { state?: unknown } }).state;
    return DRAIN_STATES.includes(state as DrainState) ? (state as DrainState) : 'draining';
  } catch {
    return 'draining';
  }
}
