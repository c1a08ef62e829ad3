// What the login routes count on a gate node for its metrics: attempts per method, and failures per method and
// reason. Reasons come from a fixed set (a failure's error code mapped below), so the labels stay bounded.
import type { ActorSystem } from '../../actor/actor-system.ts';

export const LOGIN_METHODS = ['device', 'register', 'login'] as const;
export type LoginMethod = (typeof LOGIN_METHODS)[number];

/** Why a login failed, as the metrics label it. */
export const LOGIN_FAILURE_REASONS = [
  /** 400: the body was malformed (shape, lengths, characters). */
  'invalid_request',
  /** 401: unknown account or wrong password. */
  'bad_credentials',
  /** 409: register with a taken username. */
  'username_taken',
  /** 429: the account is locked after repeated failures. */
  'locked',
  /** 503: the account could not be reached (world or store down, timeouts). */
  'unavailable',
  /** 500: anything else (a bug). */
  'internal',
] as const;
export type LoginFailureReason = (typeof LOGIN_FAILURE_REASONS)[number];

export class LoginStats {
  readonly attempts: Record<LoginMethod, number> = { device: 0, register: 0, login: 0 };
  /** Failures by `${method} ${reason}`. */
  readonly failures = new Map<string, number>();

  failed(method: LoginMethod, reason: LoginFailureReason): void {
    const key = `${method} ${reason}`;
    this.failures.set(key, (this.failures.get(key) ?? 0) + 1);
  }

  /** Every failure count with its labels. */
  *failureCounts(): Generator<{ method: LoginMethod; reason: LoginFailureReason; count: number }> {
    for (const [key, count] of this.failures) {
      const [method, reason] = key.split(' ') as [LoginMethod, LoginFailureReason];
      yield { method, reason, count };
    }
  }

  /** The login stats of `system` (made on first use). */
  static of(system: ActorSystem): LoginStats {
    let stats = statsBySystem.get(system);
    if (stats === undefined) {
      stats = new LoginStats();
      statsBySystem.set(system, stats);
    }
    return stats;
  }
}

const statsBySystem = new WeakMap<ActorSystem, LoginStats>();
