// The metadata every owned object shares: the cluster's namespace, its labels, and an owner reference to the
// GameCluster (controller: the operator alone manages it; blockOwnerDeletion: garbage collection waits for it),
// so that deleting the GameCluster deletes them and the operator's informers map them back to their cluster.
import type { V1ObjectMeta, V1OwnerReference } from '@kubernetes/client-node';
import type { GameCluster } from '../api/game-cluster.ts';
import { API_VERSION, KIND } from '../api/game-cluster.ts';
import { ObjectSpecError } from './errors.ts';
import { checkObjectNames } from './object-names.ts';

/** The owner reference to `cluster`; throws ObjectSpecError when the cluster has no uid (it was never stored). */
export function ownerReference(cluster: GameCluster): V1OwnerReference {
  const uid = cluster.metadata.uid;
  if (uid === undefined || uid === '') {
    throw new ObjectSpecError(
      `GameCluster '${cluster.metadata.name}' has no metadata.uid: build owned objects from the GameCluster the API server returned, not from a manifest`,
    );
  }
  return {
    apiVersion: API_VERSION,
    kind: KIND,
    name: cluster.metadata.name,
    uid,
    controller: true,
    blockOwnerDeletion: true,
  };
}

/**
 * Metadata of an owned object: `name` (or `generateName` for pods), the cluster's namespace, `labels` and the
 * owner reference. Checks every derived name first (ObjectNameError).
 */
export function ownedMetadata(
  cluster: GameCluster,
  naming: { readonly name: string } | { readonly generateName: string },
  labels: Record<string, string>,
  annotations?: Record<string, string>,
): V1ObjectMeta {
  checkObjectNames(cluster);
  const namespace = cluster.metadata.namespace;
  return {
    ...naming,
    ...(namespace === undefined ? {} : { namespace }),
    labels,
    ...(annotations === undefined ? {} : { annotations }),
    ownerReferences: [ownerReference(cluster)],
  };
}
