// Turns etcd client failures into the cluster layer's typed errors, and tells "the lease is gone" (fence) apart
// from "etcd did not answer" (an outage).
import { EtcdLeaseInvalidError } from 'etcd3';
import { ClusterUnavailableError } from '../errors.ts';

/** etcd answered that the lease does not exist (expired or revoked). */
export function isLeaseGoneError(error: unknown): boolean {
  return error instanceof EtcdLeaseInvalidError || /requested lease not found/i.test(errorMessage(error));
}

/** A ClusterUnavailableError for a failed call `what` (e.g. "claim Player/7"), keeping the etcd error as cause. */
export function etcdUnavailable(what: string, endpoints: readonly string[], error: unknown): ClusterUnavailableError {
  if (error instanceof ClusterUnavailableError) return error;
  return new ClusterUnavailableError(
    `etcd at ${endpoints.join(', ')} did not complete "${what}": ${errorMessage(error)}. Existing activations keep ` +
      'serving; retry once etcd is reachable (check that etcd runs and this node can reach it).',
    { cause: error },
  );
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
