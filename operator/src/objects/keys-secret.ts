// The Secret of a cluster's keys: `cluster-key` signs players' login and resume tokens on the gates, `admin-key`
// guards every node's POST /drain. Generated once from random bytes: the controller creates it when absent and
// never updates it (new keys would log every player out and lock the operator out of running pods).
import { randomBytes } from 'node:crypto';
import type { V1Secret } from '@kubernetes/client-node';
import type { GameCluster } from '../api/game-cluster.ts';
import { clusterLabels } from './labels.ts';
import { secretName } from './object-names.ts';
import { ownedMetadata } from './owned-metadata.ts';

/** Secret key of the token-signing key (env GAMECLUSTER_CLUSTER_KEY on gate pods). */
export const CLUSTER_KEY_SECRET_KEY = 'cluster-key';
/** Secret key of the admin key (env GAMECLUSTER_ADMIN_KEY on every pod; the operator's drain client sends it). */
export const ADMIN_KEY_SECRET_KEY = 'admin-key';
/** Random bytes per key (256 bits); each is stored as base64url text, which both node options accept. */
export const KEY_BYTES = 32;

/** Where the randomness comes from; tests pass a fixed source. */
export type RandomBytes = (size: number) => Buffer;

/**
 * The cluster's key Secret with two fresh keys. Immutable: rotating keys means deleting it (the controller
 * creates a new one) and replacing the pods, a deliberate act rather than an edit.
 */
export function secret(cluster: GameCluster, random: RandomBytes = randomBytes): V1Secret {
  const key = () => Buffer.from(random(KEY_BYTES).toString('base64url')).toString('base64');
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: ownedMetadata(cluster, { name: secretName(cluster) }, clusterLabels(cluster)),
    type: 'Opaque',
    immutable: true,
    data: { [CLUSTER_KEY_SECRET_KEY]: key(), [ADMIN_KEY_SECRET_KEY]: key() },
  };
}

/** The admin key text (base64url) in a key Secret as read from the API, for the Authorization header. */
export function adminKeyOf(keys: V1Secret): string | undefined {
  const encoded = keys.data?.[ADMIN_KEY_SECRET_KEY];
  return encoded === undefined ? undefined : Buffer.from(encoded, 'base64').toString('utf8');
}
