// Random placement: each new activation goes to a uniformly chosen candidate (Orleans' default placement).
import type { MemberInfo } from '../member.ts';
import { noPlacementCandidateError, type PlacementStrategy } from './placement-strategy.ts';

export interface RandomPlacementOptions {
  /** Uniform numbers in [0, 1); tests pass a seeded one. (default: `Math.random`) */
  readonly random?: () => number;
}

export class RandomPlacement implements PlacementStrategy {
  readonly #random: () => number;

  constructor(options: RandomPlacementOptions = {}) {
    this.#random = options.random ?? Math.random;
  }

  pick(candidates: readonly MemberInfo[], kind: string, id: string): MemberInfo {
    const member = candidates[Math.floor(this.#random() * candidates.length)];
    if (member === undefined) throw noPlacementCandidateError(kind, id);
    return member;
  }
}
