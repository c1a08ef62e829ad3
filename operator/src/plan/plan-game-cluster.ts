// The reconcile planner: (GameCluster, current template hashes, observed pods with their node's `/status`, now,
// autoscaler memory) -> actions, status, autoscaler memory, desired replicas. Pure and deterministic — no clock, no
// randomness, no I/O, input never changed, output independent of the pods' order — so the controller applies the
// same plan however often it reconciles, and the tests can replay any state. It groups the pods once
// (role-pods.ts), lets the autoscaler pick the zone count (autoscale-desired.ts), plans each role in rollout order
// (role-plan.ts: a role rolls only once every earlier one has rolled out) and derives the status (plan-status.ts).
// Pod names are the controller's (generateName): the planner only counts.
//
// What the controller does with a plan: createPod -> a pod from the role's current template; startDrain -> write
// the drain annotation {startedAt, deadline} and POST /drain (the node's drain is idempotent, so retry it while
// the node still says `started`); deletePod -> delete; write `status`; when autoscaling is on and
// desiredReplicas.zone differs from spec.roles.zone.replicas, write it through the scale subresource; keep
// `autoscale` for the next plan; reconcile again at `requeueAt` (and poll draining nodes' /status meanwhile).
//
// Choices worth knowing (each rule's own file says more):
// - Draining pods do not count against maxSurge: a rollout whose old pods are busy surges past them instead of
//   stalling, at the cost of up to one drainTimeout of extra pods. maxSurge 0 with maxUnavailable 0 is taken as
//   maxSurge 1 (nothing could move otherwise).
// - A draining pod is deleted only when its node says drained or at its deadline; an unreachable one waits for the
//   deadline. A pod that never served (Pending, or its node `new`) is deleted without a drain ('neverReady').
// - A role waiting for its rollout turn still replaces missing pods, on the current template: capacity first.
// - Degraded counts a shortfall of ready pods only once a not-ready pod is UNAVAILABLE_GRACE_MS old, so no
//   memory of when the shortfall began is needed.
import type { Role } from '../api/game-cluster.ts';
import { ROLES } from '../api/game-cluster.ts';
import { autoscaleDesired } from './autoscale-desired.ts';
import type { RoleView } from './plan-conditions.ts';
import { isRolledOut, planStatus } from './plan-status.ts';
import type { Plan, PlanAction, PlanInput } from './plan-types.ts';
import { effectiveMaxSurge, planRole } from './role-plan.ts';
import { groupPodsByRole } from './role-pods.ts';

function earliest(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.min(a, b);
}

export function planGameCluster(input: PlanInput): Plan {
  const { cluster, now } = input;
  const spec = cluster.spec;
  const deleting = cluster.metadata.deletionTimestamp !== undefined;
  const groups = groupPodsByRole(input.pods, input.templateHashes);

  const zone = groups.zone;
  const autoscale = autoscaleDesired({
    autoscaling: spec.zoneAutoscaling,
    currentReplicas: spec.roles.zone.replicas,
    // While the cluster is being deleted the autoscaler holds: its zones are draining, not idle.
    zonePlayers: deleting || zone.reporting === 0 ? null : zone.players,
    now,
    memory: input.autoscale,
  });
  const desiredReplicas = {} as Record<Role, number>;
  for (const role of ROLES) desiredReplicas[role] = role === 'zone' ? autoscale.desired : spec.roles[role].replicas;

  const { maxSurge, maxUnavailable } = spec.updateStrategy;
  const surge = effectiveMaxSurge(maxSurge, maxUnavailable);
  const drainTimeoutMs = spec.drainTimeoutSeconds * 1000;
  const actions: PlanAction[] = [];
  const views = {} as Record<Role, RoleView>;
  let requeueAt: number | null = autoscale.scaleDownAt;
  let earlierRolledOut = true;
  for (const role of ROLES) {
    const pods = groups[role];
    const desired = desiredReplicas[role];
    planRole(
      {
        pods,
        desired,
        maxSurge: surge,
        maxUnavailable: Math.max(0, maxUnavailable),
        mayRoll: earlierRolledOut,
        clusterDeleting: deleting,
        now,
        drainTimeoutMs,
      },
      actions,
    );
    const rolledOut = isRolledOut(pods, desired);
    views[role] = { pods, desired, rolledOut, mayRoll: earlierRolledOut };
    earlierRolledOut &&= rolledOut;
    for (const pod of pods.draining) {
      if (pod.drain !== null && pod.drain.deadline > now) requeueAt = earliest(requeueAt, pod.drain.deadline);
    }
  }

  // A drain started now is due at its deadline, whether or not its node ever answers again.
  if (actions.some((action) => action.type === 'startDrain')) requeueAt = earliest(requeueAt, now + drainTimeoutMs);
  const status = planStatus({ cluster, roles: views, deleting, now });
  return {
    actions,
    status: status.status,
    autoscale: autoscale.memory,
    desiredReplicas,
    requeueAt: earliest(requeueAt, status.requeueAt),
  };
}
