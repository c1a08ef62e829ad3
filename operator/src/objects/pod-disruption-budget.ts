// One PodDisruptionBudget per role, so a machine drain evicts a role's pods one at a time (each eviction runs the
// preStop drain). Never maxUnavailable 0: that would block machine drains forever, the operator's own rollouts
// are bounded by updateStrategy instead (its deletes do not go through the eviction API).
import type { V1PodDisruptionBudget } from '@kubernetes/client-node';
import type { GameCluster, Role } from '../api/game-cluster.ts';
import { ROLES } from '../api/game-cluster.ts';
import { roleLabels, roleSelector } from './labels.ts';
import { podDisruptionBudgetName } from './object-names.ts';
import { ownedMetadata } from './owned-metadata.ts';

/** The budget of one role: updateStrategy.maxUnavailable pods at a time, at least 1. */
export function podDisruptionBudget(cluster: GameCluster, role: Role): V1PodDisruptionBudget {
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: ownedMetadata(cluster, { name: podDisruptionBudgetName(cluster, role) }, roleLabels(cluster, role)),
    spec: {
      maxUnavailable: Math.max(1, cluster.spec.updateStrategy.maxUnavailable),
      selector: { matchLabels: roleSelector(cluster, role) },
      // A pod that is not ready serves nobody: evicting it must not wait on the budget (a crash-looping pod
      // would otherwise hold a machine drain up forever).
      unhealthyPodEvictionPolicy: 'AlwaysAllow',
    },
  };
}

/** One budget per role, in ROLES order. */
export function podDisruptionBudgets(cluster: GameCluster): V1PodDisruptionBudget[] {
  return ROLES.map((role) => podDisruptionBudget(cluster, role));
}
