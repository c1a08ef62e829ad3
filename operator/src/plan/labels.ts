// The labels the operator puts on every pod it owns, in one place: the controller writes them, the planner's status
// names them in the zone selector (the scale subresource's `selector`, which an HPA reads), and nothing else may
// spell them.

/** The GameCluster (metadata.name) a pod belongs to. */
export const CLUSTER_LABEL = 'gamecluster.io/cluster';
/** The pod's role: db, world, match, zone or gate. */
export const ROLE_LABEL = 'gamecluster.io/role';
/** Hash of the role's pod template the pod was created from; a pod whose hash differs from the current one is old. */
export const TEMPLATE_HASH_LABEL = 'gamecluster.io/template-hash';

/** Label selector of one cluster's pods of one role, in the string form the scale subresource reports. */
export function roleSelector(clusterName: string, role: string): string {
  return `${CLUSTER_LABEL}=${clusterName},${ROLE_LABEL}=${role}`;
}
