// Namespace lifecycle: `default`, `kube-system` and `kube-public` exist from the start; a deleted namespace stays
// Terminating while everything in it is deleted, then goes (objects with finalizers hold it, as in Kubernetes).

import { randomUUID } from 'node:crypto';
import { ApiError } from './errors.ts';
import { kubeTimestamp } from './kube-object.ts';
import type { ResourceApi } from './resource-api.ts';
import { groupResource } from './resource-type.ts';

export const INITIAL_NAMESPACES = ['default', 'kube-system', 'kube-public'] as const;

export function createInitialNamespaces(api: ResourceApi): void {
  const { store, now } = api.context;
  for (const name of INITIAL_NAMESPACES) {
    store.write('namespaces', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name,
        uid: randomUUID(),
        creationTimestamp: kubeTimestamp(now()),
        labels: { 'kubernetes.io/metadata.name': name },
      },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
  }
}

export function finishTerminatingNamespaces(api: ResourceApi): void {
  const { store, registry } = api.context;
  for (const ns of store.list('namespaces')) {
    if (ns.metadata.deletionTimestamp === undefined) continue;
    const name = ns.metadata.name ?? '';
    let remaining = 0;
    for (const type of registry.all()) {
      if (!type.namespaced) continue;
      for (const object of store.list(groupResource(type), name)) {
        remaining++;
        if (object.metadata.deletionTimestamp !== undefined) continue;
        try {
          api.delete(type, name, object.metadata.name ?? '', {});
        } catch (error) {
          if (!(error instanceof ApiError && error.httpCode === 404)) throw error;
        }
      }
    }
    if (remaining === 0) store.remove('namespaces', '', name);
  }
}
