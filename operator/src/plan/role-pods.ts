// Sorts the observed pods into their roles and, within a role, into the groups every rule reads (serving on the
// current template, serving on an old one, draining, leaving on their own, finished), in one pass over a list sorted
// by name: the planner never scans the pod list again, and every group is in name order, which makes the plan's
// order independent of the order the informer listed the pods in.
import type { Role } from '../api/game-cluster.ts';
import { ROLES } from '../api/game-cluster.ts';
import type { ObservedPod } from './plan-types.ts';
import { compareNames, isNodeDrained, isNodeLeaving, isTerminal } from './pod-facts.ts';

export interface RolePods {
  readonly role: Role;
  /** The role's current template hash. */
  readonly templateHash: string;
  /** Serving, or starting to serve, on the current template: not finished, not deleted, not draining. */
  readonly newPods: readonly ObservedPod[];
  /** The same on an old template. */
  readonly oldPods: readonly ObservedPod[];
  /** Drains the operator started (annotated), and pods whose node reports its drain done. */
  readonly draining: readonly ObservedPod[];
  /** Pods whose node drains or stops on its own, with no drain annotation yet (preStop, or a drain by hand). */
  readonly leaving: readonly ObservedPod[];
  /** Failed or Succeeded, not yet deleted. */
  readonly terminal: readonly ObservedPod[];
  /** Pods Kubernetes is deleting already (deletionTimestamp set): counted nowhere else. */
  readonly deleting: number;
  readonly readyNew: number;
  readonly readyOld: number;
  /** Pods on an old template that still exist and are not finished: the role has not rolled out while any do. */
  readonly oldRemaining: number;
  readonly failed: number;
  /** Players reported by the role's pods that are not finished or deleted (draining ones included: a drain moves
   * players, it does not lose them). */
  readonly players: number;
  /** How many of those pods answered `/status`. */
  readonly reporting: number;
}

interface MutableRolePods {
  role: Role;
  templateHash: string;
  newPods: ObservedPod[];
  oldPods: ObservedPod[];
  draining: ObservedPod[];
  leaving: ObservedPod[];
  terminal: ObservedPod[];
  deleting: number;
  readyNew: number;
  readyOld: number;
  oldRemaining: number;
  failed: number;
  players: number;
  reporting: number;
}

function emptyGroup(role: Role, templateHash: string): MutableRolePods {
  return {
    role,
    templateHash,
    newPods: [],
    oldPods: [],
    draining: [],
    leaving: [],
    terminal: [],
    deleting: 0,
    readyNew: 0,
    readyOld: 0,
    oldRemaining: 0,
    failed: 0,
    players: 0,
    reporting: 0,
  };
}

export function groupPodsByRole(
  pods: readonly ObservedPod[],
  templateHashes: Readonly<Record<Role, string>>,
): Record<Role, RolePods> {
  const groups = {} as Record<Role, MutableRolePods>;
  for (const role of ROLES) groups[role] = emptyGroup(role, templateHashes[role]);
  const sorted = [...pods].sort(compareNames);
  for (const pod of sorted) {
    const group = groups[pod.role];
    // A pod of a role this operator does not know is not ours to plan.
    if (group === undefined) continue;
    if (pod.deleting) {
      group.deleting++;
      continue;
    }
    if (isTerminal(pod)) {
      group.terminal.push(pod);
      if (pod.phase === 'Failed') group.failed++;
      continue;
    }
    const old = pod.templateHash !== group.templateHash;
    if (old) group.oldRemaining++;
    if (pod.node !== null) {
      group.players += pod.node.players;
      group.reporting++;
    }
    if (pod.drain !== null || isNodeDrained(pod)) group.draining.push(pod);
    else if (isNodeLeaving(pod)) group.leaving.push(pod);
    else if (old) {
      group.oldPods.push(pod);
      if (pod.ready) group.readyOld++;
    } else {
      group.newPods.push(pod);
      if (pod.ready) group.readyNew++;
    }
  }
  return groups;
}
