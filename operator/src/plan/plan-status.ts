// The status a plan writes: per role what the pods were observed doing (replicas are the serving pods, draining
// ones are counted apart), the players on the gates, the version every pod runs (the previous one until every
// role has rolled out and is ready), the zone selector and count for the scale subresource, and the conditions.
import type { GameCluster, GameClusterStatus, Role, RoleStatus } from '../api/game-cluster.ts';
import { ROLES } from '../api/game-cluster.ts';
import { roleSelector } from './labels.ts';
import { planConditions, type RoleView } from './plan-conditions.ts';
import type { RolePods } from './role-pods.ts';

export function roleStatus(pods: RolePods): RoleStatus {
  return {
    replicas: pods.newPods.length + pods.oldPods.length,
    ready: pods.readyNew + pods.readyOld,
    updated: pods.newPods.length,
    draining: pods.draining.length + pods.leaving.length,
    players: pods.players,
  };
}

/** No pod on an old template is left, and the role has `desired` ready pods on the current one. */
export function isRolledOut(pods: RolePods, desired: number): boolean {
  return pods.oldRemaining === 0 && pods.readyNew >= desired;
}

export interface StatusInput {
  readonly cluster: GameCluster;
  readonly roles: Readonly<Record<Role, RoleView>>;
  readonly deleting: boolean;
  readonly now: number;
}

export interface StatusResult {
  readonly status: GameClusterStatus;
  readonly requeueAt: number | null;
}

export function planStatus(input: StatusInput): StatusResult {
  const { cluster, roles } = input;
  const generation = cluster.metadata.generation ?? 0;
  const { conditions, requeueAt } = planConditions({
    roles,
    deleting: input.deleting,
    maxUnavailable: cluster.spec.updateStrategy.maxUnavailable,
    now: input.now,
    generation,
    previous: cluster.status?.conditions,
  });
  const roleStatuses = {} as Record<Role, RoleStatus>;
  let everyRoleRolledOut = true;
  for (const role of ROLES) {
    roleStatuses[role] = roleStatus(roles[role].pods);
    everyRoleRolledOut &&= roles[role].rolledOut;
  }
  const version = !input.deleting && everyRoleRolledOut ? cluster.spec.version : cluster.status?.version;
  const status: GameClusterStatus = {
    observedGeneration: generation,
    conditions,
    roles: roleStatuses,
    players: roleStatuses.gate.players,
    ...(version === undefined ? {} : { version }),
    zoneSelector: roleSelector(cluster.metadata.name, 'zone'),
    zoneReplicas: roleStatuses.zone.replicas,
  };
  return { status, requeueAt };
}
