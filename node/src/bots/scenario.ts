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
}

export interface Scenario {
  readonly name: string;
  readonly description: string;
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
