// Least-loaded placement: a new activation goes to the candidate with the lowest load, counting the placements
// this node made on it since it last published a load, so a burst between load updates spreads instead of
// landing on the one member that looked idle.
import type { MemberInfo } from '../member.ts';
import { noPlacementCandidateError, type PlacementStrategy } from './placement-strategy.ts';

/** Members tracked before the strategy forgets those absent from the current candidates (bounds memory). */
export const LEAST_LOADED_MAX_TRACKED_MEMBERS = 4096;

export interface LeastLoadedPlacementOptions {
  /** Uniform numbers in [0, 1), used to break ties; tests pass a seeded one. (default: `Math.random`) */
  readonly random?: () => number;
}

/** Placements made on one member since it published `load`. */
interface PendingPlacements {
  load: number;
  count: number;
}

export class LeastLoadedPlacement implements PlacementStrategy {
  readonly #random: () => number;
  readonly #pending = new Map<string, PendingPlacements>();

  constructor(options: LeastLoadedPlacementOptions = {}) {
    this.#random = options.random ?? Math.random;
  }

  pick(candidates: readonly MemberInfo[], kind: string, id: string): MemberInfo {
    if (candidates.length === 0) throw noPlacementCandidateError(kind, id);
    if (this.#pending.size > LEAST_LOADED_MAX_TRACKED_MEMBERS) this.#forgetAllBut(candidates);
    let best: MemberInfo | undefined;
    let bestScore = Number.POSITIVE_INFINITY;
    let ties = 0;
    for (const member of candidates) {
      const score = member.load + this.#pendingOn(member);
      if (score < bestScore) {
        best = member;
        bestScore = score;
        ties = 1;
      } else if (score === bestScore) {
        // Reservoir sampling: the k-th tied member replaces the choice with probability 1/k, uniform overall.
        ties++;
        if (Math.floor(this.#random() * ties) === 0) best = member;
      }
    }
    const chosen = best ?? (candidates[0] as MemberInfo);
    const pending = this.#pending.get(chosen.id);
    if (pending === undefined) this.#pending.set(chosen.id, { load: chosen.load, count: 1 });
    else pending.count++;
    return chosen;
  }

  /** Placements counted on `member` since it published its current load; a new load starts the count afresh. */
  #pendingOn(member: MemberInfo): number {
    const pending = this.#pending.get(member.id);
    if (pending === undefined) return 0;
    if (pending.load !== member.load) {
      pending.load = member.load;
      pending.count = 0;
    }
    return pending.count;
  }

  #forgetAllBut(candidates: readonly MemberInfo[]): void {
    const keep = new Set(candidates.map((member) => member.id));
    for (const memberId of this.#pending.keys()) if (!keep.has(memberId)) this.#pending.delete(memberId);
  }
}
