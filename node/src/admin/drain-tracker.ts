// The one drain of a node and its progress, for POST /drain, GET /status and SIGTERM: it starts node.drain() at
// most once (every later request sees the same drain) and records when it started and finished and what it saved.
// A drain that left documents unsaved or threw is `failed`: `drained` promises the operator that deleting the pod
// loses nothing.
import type { GameNode } from '../game-node.ts';

export type DrainState = 'none' | 'draining' | 'drained' | 'failed';

/** The `drain` object of GET /status and the body POST /drain answers. */
export interface DrainProgress {
  readonly state: DrainState;
  /** ISO time the drain started; null before. */
  readonly startedAt: string | null;
  /** ISO time it ended (drained or failed); null before. */
  readonly finishedAt: string | null;
  /** ISO time the requester said it would stop waiting (informational); null when it named none. */
  readonly deadlineAt: string | null;
  /** Dirty documents saved by the drain (0 until it finished). */
  readonly flushed: number;
  /** Dirty documents not saved within the flush timeout (0 until it finished). */
  readonly unsaved: number;
  /** Gate clients handed over to other gates (0 until it finished). */
  readonly migrated: number;
  /** Why the drain failed; null unless `failed`. */
  readonly error: string | null;
}

/** What a drain request did: started the drain, found it running or finished, or was refused. */
export type DrainStart =
  | { readonly outcome: 'started' | 'running' | 'finished'; readonly progress: DrainProgress }
  | { readonly outcome: 'refused'; readonly progress: DrainProgress; readonly reason: string };

export interface DrainRequest {
  /** How long the requester will wait before it stops the node anyway (informational). */
  readonly deadlineSeconds?: number;
}

export interface DrainTrackerOptions {
  /** Called once when the drain ended, drained or failed (the node process prints a line). */
  readonly onFinished?: (progress: DrainProgress) => void;
  /** The clock (default: Date.now). */
  readonly nowMs?: () => number;
}

/** The part of a GameNode a drain needs. */
export type Drainable = Pick<GameNode, 'drain' | 'lifecycle'>;

/** The progress of a drain that never started. */
export const NO_DRAIN: DrainProgress = {
  state: 'none',
  startedAt: null,
  finishedAt: null,
  deadlineAt: null,
  flushed: 0,
  unsaved: 0,
  migrated: 0,
  error: null,
};

export class DrainTracker {
  private readonly node: Drainable;
  private readonly onFinished: ((progress: DrainProgress) => void) | undefined;
  private readonly nowMs: () => number;
  private current: DrainProgress = NO_DRAIN;
  private running: Promise<DrainProgress> | undefined;

  constructor(node: Drainable, options: DrainTrackerOptions = {}) {
    this.node = node;
    this.onFinished = options.onFinished;
    this.nowMs = options.nowMs ?? Date.now;
  }

  get progress(): DrainProgress {
    return this.current;
  }

  /** Starts the drain unless one started already; never waits for it. */
  start(request: DrainRequest = {}): DrainStart {
    if (this.running !== undefined) {
      const finished = this.current.state === 'drained' || this.current.state === 'failed';
      return { outcome: finished ? 'finished' : 'running', progress: this.current };
    }
    const lifecycle = this.node.lifecycle;
    if (lifecycle === 'new' || lifecycle === 'stopping') {
      const reason =
        lifecycle === 'new'
          ? 'the node has not joined the cluster yet: retry once GET /readyz answers 200, or stop the process'
          : 'the node is stopping: it saves every document as it stops; wait for the process to exit';
      return { outcome: 'refused', progress: this.current, reason };
    }
    const now = this.nowMs();
    const deadline = request.deadlineSeconds;
    this.current = {
      ...NO_DRAIN,
      state: 'draining',
      startedAt: new Date(now).toISOString(),
      deadlineAt: deadline === undefined ? null : new Date(now + deadline * 1000).toISOString(),
    };
    this.running = this.drain();
    return { outcome: 'started', progress: this.current };
  }

  /** Starts the drain if needed and resolves with its end (drained or failed; never rejects). */
  run(request: DrainRequest = {}): Promise<DrainProgress> {
    const started = this.start(request);
    if (started.outcome === 'refused') return Promise.resolve({ ...started.progress, error: started.reason });
    return this.running as Promise<DrainProgress>;
  }

  private async drain(): Promise<DrainProgress> {
    let ended: DrainProgress;
    try {
      const result = await this.node.drain();
      const unsavedError =
        result.unsaved === 0
          ? null
          : `${result.unsaved} dirty document(s) were not saved within the flush timeout: the store is down or slow; ` +
            'stopping the node now loses their last writes, so restore the store and stop it, or accept the loss';
      ended = {
        ...this.current,
        state: unsavedError === null ? 'drained' : 'failed',
        finishedAt: new Date(this.nowMs()).toISOString(),
        flushed: result.flushed,
        unsaved: result.unsaved,
        migrated: result.migrated,
        error: unsavedError,
      };
    } catch (error: unknown) {
      ended = {
        ...this.current,
        state: 'failed',
        finishedAt: new Date(this.nowMs()).toISOString(),
        error: `the drain threw: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
    this.current = ended;
    this.onFinished?.(ended);
    return ended;
  }
}
