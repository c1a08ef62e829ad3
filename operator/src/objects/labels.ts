// The label and annotation keys on everything the operator owns, and the label sets built from them: the
// operator finds its pods by cluster and role and tells templates apart by hash, so these keys are its memory.
// (plan/labels.ts may re-export them; they live here so the builders do not wait for the planner.)
import type { GameCluster, Role } from '../api/game-cluster.ts';

/** The GameCluster an object belongs to (its name). */
export const CLUSTER_LABEL = 'gamecluster.io/cluster';
/** The role of a pod (db, world, match, zone, gate), or of a per-role object such as a PodDisruptionBudget. */
export const ROLE_LABEL = 'gamecluster.io/role';
/** templateHash() of the pod template a pod was created from: a different hash means an outdated pod. */
export const TEMPLATE_HASH_LABEL = 'gamecluster.io/template-hash';

export const NAME_LABEL = 'app.kubernetes.io/name';
export const INSTANCE_LABEL = 'app.kubernetes.io/instance';
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
export const COMPONENT_LABEL = 'app.kubernetes.io/component';

/** app.kubernetes.io/name of node pods and of the objects that serve them. */
export const NODE_APP_NAME = 'gamecluster-node';
/** app.kubernetes.io/name of the operator's own pods (the NetworkPolicy lets them reach the admin port). */
export const OPERATOR_APP_NAME = 'gamecluster-operator';
/** app.kubernetes.io/managed-by of everything the operator creates. */
export const MANAGED_BY = 'gamecluster-operator';

/** When the operator started draining a pod (ISO time). */
export const DRAIN_STARTED_ANNOTATION = 'gamecluster.io/drain-started';
/** When the operator deletes a draining pod whether or not it has drained (ISO time). */
export const DRAIN_DEADLINE_ANNOTATION = 'gamecluster.io/drain-deadline';

export type Labels = Record<string, string>;

/** Labels of every object of `cluster`. */
export function clusterLabels(cluster: GameCluster): Labels {
  return {
    [NAME_LABEL]: NODE_APP_NAME,
    [INSTANCE_LABEL]: cluster.metadata.name,
    [MANAGED_BY_LABEL]: MANAGED_BY,
    [CLUSTER_LABEL]: cluster.metadata.name,
  };
}

/** Labels of the pods of one role (and of objects about that role), without the template hash. */
export function roleLabels(cluster: GameCluster, role: Role): Labels {
  return { ...clusterLabels(cluster), [COMPONENT_LABEL]: role, [ROLE_LABEL]: role };
}

/** The selector of every pod of `cluster` (any role, any template). */
export function clusterSelector(cluster: GameCluster): Labels {
  return { [CLUSTER_LABEL]: cluster.metadata.name };
}

/** The selector of the pods of one role of `cluster` (any template). */
export function roleSelector(cluster: GameCluster, role: Role): Labels {
  return { [CLUSTER_LABEL]: cluster.metadata.name, [ROLE_LABEL]: role };
}

/** `key=value,...` for a list call's labelSelector or a scale subresource's status.selector; keys sorted. */
export function selectorText(selector: Labels): string {
  return Object.keys(selector)
    .sort()
    .map((key) => `${key}=${selector[key]}`)
    .join(',');
}
