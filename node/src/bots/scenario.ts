// What a bot does once connected: a Scenario, looked up by name in a registry. Scenarios are plain objects so a
// game (or a later demo like `arena`) adds its own without touching the runner.
import type { GameClient } from '../client/index.ts';

export interface ScenarioContext {
  readonly client: GameClient;
  /** 0-based index of this bot in the run. */
  readonly index: number;
  readonly playerId: string;
  /** Aborted when the run's duration is over: stop promptly. */
  readonly signal: AbortSignal;
  /** Sends a request and records its latency or error code in the run's statistics; undefined on error. */
  timedRequest<T = unknown>(route: string, ...args: unknown[]): Promise<T | undefined>;
  /** Adds to one of the run's counters (they appear in the summary's `counters`). */
  count(name: string, by?: number): void;
  /** Records an error code in the run's statistics (a broken invariant, an unexpected push). */
  error(code: string): void;
}

/** What a scenario's own login gives: the token for the handshake and the player id the server assigned. */
export interface ScenarioLogin {
  readonly token: string;
  readonly playerId: string;
}

export interface Scenario {
  readonly name: string;
  readonly description: string;
  /**
   * How a bot logs in (default: the gate's dev login with player id `<prefix><index>`): `httpUrl` is the gate's
   * `http://host:port`, `botName` is `<prefix><index>` (stable across runs with the same prefix).
   */
  login?(httpUrl: string, botName: string): Promise<ScenarioLogin>;
  /** Runs until ctx.signal aborts (or the client closes for good). */
  run(ctx: ScenarioContext): Promise<void>;
}

export class ScenarioRegistry {
  private readonly byName = new Map<string, Scenario>();

  register(scenario: Scenario): this {
    if (this.byName.has(scenario.name)) throw new TypeError(`scenario ${scenario.name} is registered twice`);
    this.byName.set(scenario.name, scenario);
    return this;
  }

  get(name: string): Scenario | undefined {
    return this.byName.get(name);
  }

  names(): string[] {
    return [...this.byName.keys()].sort();
  }
}

/** Resolves when `signal` aborts. */
export function untilAborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}
