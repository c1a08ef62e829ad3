// The planner written the obvious way, as the `operator.plan` benchmark's baseline and a second opinion in tests:
// the same rules (it calls the same planRole and planStatus), but every question about the pods re-filters the
// whole pod list — each group of each role is its own scan (and sort), and each role's turn re-derives every
// earlier role from the list again: O(roles² × pods) scans where planGameCluster sorts once and groups in one pass.
// Its plans must equal planGameCluster's (naive-plan.test.ts); the bench checks that too before it times them.
import type { Role } from '../../api/game-cluster.ts';
import { ROLES } from '../../api/game-cluster.ts';
import { autoscaleDesired } from '../autoscale-desired.ts';
import type { RoleView } from '../plan-conditions.ts';
import { isRolledOut, planStatus } from '../plan-status.ts';
import type { ObservedPod, Plan, PlanAction, PlanInput } from '../plan-types.ts';
import { compareNames, isNodeDrained, isNodeLeaving, isTerminal } from '../pod-facts.ts';
import { effectiveMaxSurge, planRole } from '../role-plan.ts';
import type { RolePods } from '../role-pods.ts';

function rolePodsByScans(input: PlanInput, role: Role): RolePods {
  const hash = input.templateHashes[role];
  const pods = input.pods;
  const isLive = (pod: ObservedPod) =>
    pod.role === role &&
    !pod.deleting &&
    !isTerminal(pod) &&
    pod.drain === null &&
    !isNodeDrained(pod) &&
    !isNodeLeaving(pod);
  const present = (pod: ObservedPod) => pod.role === role && !pod.deleting && !isTerminal(pod);
  const newPods = pods.filter((pod) => isLive(pod) && pod.templateHash === hash).sort(compareNames);
  const oldPods = pods.filter((pod) => isLive(pod) && pod.templateHash !== hash).sort(compareNames);
  const reportingPods = pods.filter((pod) => present(pod) && pod.node !== null);
  return {
    role,
    templateHash: hash,
    newPods,
    oldPods,
    draining: pods.filter((pod) => present(pod) && (pod.drain !== null || isNodeDrained(pod))).sort(compareNames),
    leaving: pods
      .filter((pod) => present(pod) && pod.drain === null && !isNodeDrained(pod) && isNodeLeaving(pod))
      .sort(compareNames),
    terminal: pods.filter((pod) => pod.role === role && !pod.deleting && isTerminal(pod)).sort(compareNames),
    deleting: pods.filter((pod) => pod.role === role && pod.deleting).length,
    readyNew: newPods.filter((pod) => pod.ready).length,
    readyOld: oldPods.filter((pod) => pod.ready).length,
    oldRemaining: pods.filter((pod) => present(pod) && pod.templateHash !== hash).length,
    failed: pods.filter((pod) => pod.role === role && !pod.deleting && pod.phase === 'Failed').length,
    players: reportingPods.reduce((sum, pod) => sum + (pod.node?.players ?? 0), 0),
    reporting: reportingPods.length,
  };
}

export function naivePlanGameCluster(input: PlanInput): Plan {
  const { cluster, now } = input;
  const spec = cluster.spec;
  const deleting = cluster.metadata.deletionTimestamp !== undefined;
  const zone = rolePodsByScans(input, 'zone');
  const autoscale = autoscaleDesired({
    autoscaling: spec.zoneAutoscaling,
    currentReplicas: spec.roles.zone.replicas,
    zonePlayers: deleting || zone.reporting === 0 ? null : zone.players,
    now,
    memory: input.autoscale,
  });
  const desiredOf = (role: Role) => (role === 'zone' ? autoscale.desired : spec.roles[role].replicas);
  const desiredReplicas = {} as Record<Role, number>;
  for (const role of ROLES) desiredReplicas[role] = desiredOf(role);
  const { maxSurge, maxUnavailable } = spec.updateStrategy;
  const actions: PlanAction[] = [];
  const views = {} as Record<Role, RoleView>;
  let requeueAt: number | null = autoscale.scaleDownAt;
  ROLES.forEach((role, index) => {
    const pods = rolePodsByScans(input, role);
    const mayRoll = ROLES.slice(0, index).every((earlier) =>
      isRolledOut(rolePodsByScans(input, earlier), desiredOf(earlier)),
    );
    planRole(
      {
        pods,
        desired: desiredOf(role),
        maxSurge: effectiveMaxSurge(maxSurge, maxUnavailable),
        maxUnavailable: Math.max(0, maxUnavailable),
        mayRoll,
        clusterDeleting: deleting,
        now,
        drainTimeoutMs: spec.drainTimeoutSeconds * 1000,
      },
      actions,
    );
    views[role] = { pods, desired: desiredOf(role), rolledOut: isRolledOut(pods, desiredOf(role)), mayRoll };
    for (const pod of pods.draining) {
      if (pod.drain !== null && pod.drain.deadline > now) {
        requeueAt = requeueAt === null ? pod.drain.deadline : Math.min(requeueAt, pod.drain.deadline);
      }
    }
  });
  for (const action of actions) {
    if (action.type === 'startDrain') {
      requeueAt = requeueAt === null ? action.deadline : Math.min(requeueAt, action.deadline);
    }
  }
  const status = planStatus({ cluster, roles: views, deleting, now });
  const statusRequeue = status.requeueAt;
  return {
    actions,
    status: status.status,
    autoscale: autoscale.memory,
    desiredReplicas,
    requeueAt:
      requeueAt === null ? statusRequeue : statusRequeue === null ? requeueAt : Math.min(requeueAt, statusRequeue),
  };
}
