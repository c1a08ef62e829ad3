// `gamecluster-node drain`: the preStop hook's drain, the same one the operator starts. It POSTs /drain to the
// node, polls GET /status until the drain ended or the timeout, and prints one JSON line; exit 0 only when the
// node reports `drained`, so Kubernetes (and a person at a shell) can tell a clean drain from a cut-short one.
import { bearerHeader } from './admin-key.ts';
import { type DrainCommandConfig, parseDrainCommandConfig } from './drain-command-config.ts';
import type { DrainProgress, DrainState } from './drain-tracker.ts';

/** The JSON line the command prints. */
export interface DrainCommandResult {
  readonly event: 'drain.result';
  /** True when the node reported `drained`. */
  readonly ok: boolean;
  readonly url: string;
  /** The last drain state the node reported; null when it answered none. */
  readonly state: DrainState | null;
  /** The node's last drain progress (GET /status `drain`); null when it answered none. */
  readonly drain: DrainProgress | null;
  /** Why it is not ok (the node's own error, an HTTP refusal, the timeout); null when ok. */
  readonly error: string | null;
  readonly elapsedMs: number;
}

export interface DrainNodeOptions {
  /** Between two GET /status (default: 250 ms). */
  readonly pollIntervalMs?: number;
}

const DEFAULT_POLL_INTERVAL_MS = 250;
/** One request's own limit, so a hung node cannot hold the command past its timeout by much. */
const REQUEST_TIMEOUT_MS = 5_000;

/** Parses `argv`/`env`, drains the node and prints the result line; resolves with the exit code (0: drained). */
export async function runDrainCommand(
  argv: readonly string[],
  env: Record<string, string | undefined>,
  write: (line: string) => void = (line) => process.stdout.write(line),
): Promise<number> {
  const result = await drainNode(parseDrainCommandConfig(argv, env));
  write(`${JSON.stringify(result)}\n`);
  return result.ok ? 0 : 1;
}

/** Starts the node's drain (or joins the one running) and waits for its end; never rejects. */
export async function drainNode(
  config: DrainCommandConfig,
  options: DrainNodeOptions = {},
): Promise<DrainCommandResult> {
  const startedMs = Date.now();
  const deadlineMs = startedMs + config.timeoutSeconds * 1000;
  const pollIntervalMs = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
  let drain: DrainProgress | null = null;
  const finish = (error: string | null): DrainCommandResult => ({
    event: 'drain.result',
    ok: error === null && drain?.state === 'drained',
    url: config.adminUrl,
    state: drain?.state ?? null,
    drain,
    error: error ?? (drain?.state === 'drained' ? null : (drain?.error ?? `the drain is ${drain?.state}`)),
    elapsedMs: Date.now() - startedMs,
  });

  // POST until the node answers: in a pod the hook may run while the node is still starting or busy.
  let lastError = 'no answer yet';
  for (;;) {
    const answer = await request(config, 'POST', '/drain', deadlineMs);
    if (answer.kind === 'unreachable') {
      lastError = answer.error;
      if (!(await pause(pollIntervalMs, deadlineMs))) return finish(`timed out: ${lastError}`);
      continue;
    }
    if ((answer.status === 200 || answer.status === 202) && isProgress(answer.body)) {
      drain = answer.body;
      break;
    }
    const body = answer.body as { error?: unknown; drain?: DrainProgress } | null;
    drain = body?.drain ?? null;
    return finish(`POST /drain answered ${answer.status}: ${String(body?.error ?? 'no reason given')}`);
  }

  while (drain.state === 'draining') {
    if (!(await pause(pollIntervalMs, deadlineMs))) {
      return finish(`timed out after ${config.timeoutSeconds} s with the node still draining`);
    }
    const answer = await request(config, 'GET', '/status', deadlineMs);
    if (answer.kind === 'unreachable') continue;
    const status = answer.body as { drain?: unknown } | null;
    if (answer.status === 200 && isProgress(status?.drain)) drain = status.drain;
  }
  return finish(null);
}

function isProgress(body: unknown): body is DrainProgress {
  return typeof body === 'object' && body !== null && typeof (body as { state?: unknown }).state === 'string';
}

type Answer = { kind: 'answer'; status: number; body: unknown } | { kind: 'unreachable'; error: string };

async function request(config: DrainCommandConfig, method: string, path: string, deadlineMs: number): Promise<Answer> {
  const timeoutMs = Math.max(1, Math.min(REQUEST_TIMEOUT_MS, deadlineMs - Date.now()));
  try {
    const response = await fetch(`${config.adminUrl}${path}`, {
      method,
      headers: method === 'POST' ? { authorization: bearerHeader(config.key) } : {},
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    let body: unknown = null;
    try {
      body = JSON.parse(text);
    } catch {
      // Not JSON (a proxy's page?): the status code says enough.
    }
    return { kind: 'answer', status: response.status, body };
  } catch (error: unknown) {
    // fetch says only "fetch failed"; the reason (ECONNREFUSED, a timeout, "bad port") is in its cause.
    const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
    const reason = cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
    return { kind: 'unreachable', error: `${method} ${path}: ${String(reason)}` };
  }
}

/** Waits `ms` unless that passes the deadline; false when the deadline has come. */
async function pause(ms: number, deadlineMs: number): Promise<boolean> {
  const left = deadlineMs - Date.now();
  if (left <= 0) return false;
  await new Promise((resolve) => setTimeout(resolve, Math.min(ms, left)));
  return Date.now() < deadlineMs;
}
