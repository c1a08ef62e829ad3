// The contract of a placement strategy: choose which member activates a new directory-placed actor. Each
// strategy lives in its own `placement-*.ts` file beside this one.
import { NoEligibleMemberError } from '../errors.ts';
import type { MemberInfo } from '../member.ts';

export interface PlacementStrategy {
  /**
   * Chooses the member that activates `kind`/`id`. `candidates` are the active members that host the kind's
   * roles (see placementCandidates); callers never pass an empty list, and a strategy given one throws
   * NoEligibleMemberError.
   */
  pick(candidates: readonly MemberInfo[], kind: string, id: string): MemberInfo;
}

/** The error a strategy throws when it is given no candidate. */
export function noPlacementCandidateError(kind: string, id: string): NoEligibleMemberError {
  return new NoEligibleMemberError(
    `No active member can host ${kind}/${id}: start a node with one of the kind's roles, or fix the kind's roles.`,
    { details: { kind, id } },
  );
}
