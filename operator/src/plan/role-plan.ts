// The actions for one role, from its grouped pods. The rules, in the order they run:
//  1. Finished pods (Failed, Succeeded) are deleted at once.
//  2. A draining pod is deleted when its node reports the drain done, or at its deadline — never before, even when
//     its node does not answer (an unreachable pod may still be flushing). A node draining on its own gets a drain
//     recorded ('adopt') so that its deadline applies.
//  3. While the GameCluster is being deleted, every serving pod is drained (or deleted, if it never served).
//  4. A role whose pods are all on the current template, or whose turn it is to roll (every earlier role in ROLES
//     rolled out and ready), moves toward `desired` new pods: surplus new pods go; old pods go — the not-ready
//     ones at once, the ready ones only while ready serving pods stay ≥ desired − maxUnavailable; new pods are
//     created while serving pods (draining ones not counted) stay ≤ desired + maxSurge. Draining pods not counting
//     is what keeps a rollout moving when every old pod is busy: it drains them and surges past them.
//  5. A role whose template changed but whose turn has not come keeps its old pods and only scales: it creates
//     (on the current template: capacity comes before order) up to `desired`, and takes its surplus away.
// A pod taken away is drained, unless it never served (holdsNothing), which is deleted as it is. Whom to take
// first: compareForRemoval.
import type { Role } from '../api/game-cluster.ts';
import type { DeletePodReason, ObservedPod, PlanAction, StartDrainReason } from './plan-types.ts';
import { compareForRemoval, compareNames, holdsNothing, isNodeDrained } from './pod-facts.ts';
import type { RolePods } from './role-pods.ts';

export interface RolePlanContext {
  readonly pods: RolePods;
  readonly desired: number;
  /** Already made effective (see effectiveMaxSurge). */
  readonly maxSurge: number;
  readonly maxUnavailable: number;
  /** Every earlier role has rolled out: this role's old pods may be replaced now. */
  readonly mayRoll: boolean;
  readonly clusterDeleting: boolean;
  readonly now: number;
  readonly drainTimeoutMs: number;
}

/** maxSurge, but at least 1 when maxUnavailable is 0 too: with neither, no rollout could ever take a step. */
export function effectiveMaxSurge(maxSurge: number, maxUnavailable: number): number {
  return maxSurge <= 0 && maxUnavailable <= 0 ? 1 : Math.max(0, maxSurge);
}

function deletePod(pod: ObservedPod, role: Role, reason: DeletePodReason): PlanAction {
  return { type: 'deletePod', pod: pod.name, role, reason };
}

function startDrain(pod: ObservedPod, ctx: RolePlanContext, reason: StartDrainReason): PlanAction {
  return {
    type: 'startDrain',
    pod: pod.name,
    role: ctx.pods.role,
    reason,
    startedAt: ctx.now,
    deadline: ctx.now + ctx.drainTimeoutMs,
  };
}

function takeAway(pod: ObservedPod, ctx: RolePlanContext, reason: StartDrainReason, out: PlanAction[]): void {
  out.push(holdsNothing(pod) ? deletePod(pod, ctx.pods.role, 'neverReady') : startDrain(pod, ctx, reason));
}

function createPods(count: number, ctx: RolePlanContext, out: PlanAction[]): void {
  for (let i = 0; i < count; i++)
    out.push({ type: 'createPod', role: ctx.pods.role, templateHash: ctx.pods.templateHash });
}

function finishPods(ctx: RolePlanContext, out: PlanAction[]): void {
  const { role, terminal, draining, leaving } = ctx.pods;
  for (const pod of terminal) {
    out.push(deletePod(pod, role, pod.phase === 'Failed' ? 'failed' : pod.drain !== null ? 'drained' : 'exited'));
  }
  for (const pod of draining) {
    if (isNodeDrained(pod)) out.push(deletePod(pod, role, 'drained'));
    else if (pod.drain !== null && ctx.now >= pod.drain.deadline) out.push(deletePod(pod, role, 'drainDeadline'));
  }
  for (const pod of leaving) out.push(startDrain(pod, ctx, 'adopt'));
}

/** Rule 4: replace old pods within maxSurge and maxUnavailable, and scale the new ones to `desired`. */
function rollRole(ctx: RolePlanContext, out: PlanAction[]): void {
  const { newPods, oldPods } = ctx.pods;
  const desired = ctx.desired;
  const order = compareForRemoval(ctx.pods.templateHash);
  let newLive = newPods.length;
  let readyNew = ctx.pods.readyNew;
  if (newLive > desired) {
    const surplus = [...newPods].sort(order);
    for (let i = 0; i < surplus.length - desired; i++) {
      const pod = surplus[i]!;
      takeAway(pod, ctx, 'scaleDown', out);
      newLive--;
      if (pod.ready) readyNew--;
    }
  }
  let oldLive = oldPods.length;
  if (oldLive > 0) {
    let readyToSpare = readyNew + ctx.pods.readyOld - Math.max(0, desired - ctx.maxUnavailable);
    // Not-ready pods sort first: they go whatever the budget, as they serve no one.
    for (const pod of [...oldPods].sort(order)) {
      if (pod.ready) {
        if (readyToSpare <= 0) break;
        readyToSpare--;
      }
      takeAway(pod, ctx, 'rollout', out);
      oldLive--;
    }
  }
  createPods(Math.min(desired - newLive, desired + ctx.maxSurge - newLive - oldLive), ctx, out);
}

/** Rule 5: a role waiting for its turn scales without replacing its old pods. */
function scaleRole(ctx: RolePlanContext, out: PlanAction[]): void {
  const { newPods, oldPods } = ctx.pods;
  const live = newPods.length + oldPods.length;
  if (live > ctx.desired) {
    const surplus = [...newPods, ...oldPods].sort(compareForRemoval(ctx.pods.templateHash));
    for (let i = 0; i < live - ctx.desired; i++) takeAway(surplus[i]!, ctx, 'scaleDown', out);
  } else {
    createPods(ctx.desired - live, ctx, out);
  }
}

/** Appends the role's actions to `out` (one array for the whole plan, in ROLES order). */
export function planRole(ctx: RolePlanContext, out: PlanAction[]): void {
  finishPods(ctx, out);
  if (ctx.clusterDeleting) {
    const serving = [...ctx.pods.newPods, ...ctx.pods.oldPods].sort(compareNames);
    for (const pod of serving) takeAway(pod, ctx, 'deleting', out);
    return;
  }
  if (ctx.pods.oldPods.length === 0 || ctx.mayRoll) rollRole(ctx, out);
  else scaleRole(ctx, out);
}
