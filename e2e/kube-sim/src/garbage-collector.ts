// Owner-reference garbage collection, as kube-controller-manager's GC does it: a dependent whose owners are all
// gone is deleted (background); dangling references beside a live owner are dropped; an owner deleted with
// Orphan loses its `orphan` finalizer once its dependents no longer point at it; with Foreground it keeps its
// `foregroundDeletion` finalizer until its dependents are gone.

import { ApiError } from './errors.ts';
import type { KubeObject } from './kube-object.ts';
import { FOREGROUND_FINALIZER, ORPHAN_FINALIZER } from './object-deletion.ts';
import type { ResourceApi } from './resource-api.ts';
import { groupResource, type ResourceType } from './resource-type.ts';

interface Entry {
  readonly type: ResourceType;
  readonly object: KubeObject;
}

function ignoreGone(action: () => void): void {
  try {
    action();
  } catch (error) {
    if (!(error instanceof ApiError && (error.httpCode === 404 || error.httpCode === 409))) throw error;
  }
}

function hasFinalizer(object: KubeObject, finalizer: string): boolean {
  return object.metadata.deletionTimestamp !== undefined && (object.metadata.finalizers ?? []).includes(finalizer);
}

function withoutFinalizer(finalizer: string): (o: KubeObject) => void {
  return (o) => {
    o.metadata.finalizers = (o.metadata.finalizers ?? []).filter((f) => f !== finalizer);
  };
}

export function collectGarbage(api: ResourceApi): void {
  const { store, registry } = api.context;
  const all: Entry[] = [];
  for (const type of registry.all()) {
    for (const object of store.list(groupResource(type))) all.push({ type, object });
  }
  const byUid = new Map(all.map((e) => [e.object.metadata.uid ?? '', e]));
  const dependents = new Map<string, Entry[]>();
  for (const e of all) {
    for (const ref of e.object.metadata.ownerReferences ?? []) {
      dependents.set(ref.uid, [...(dependents.get(ref.uid) ?? []), e]);
    }
  }
  const at = (e: Entry): [ResourceType, string, string] => [
    e.type,
    e.object.metadata.namespace ?? '',
    e.object.metadata.name ?? '',
  ];

  for (const owner of all) {
    const uid = owner.object.metadata.uid ?? '';
    const deps = dependents.get(uid) ?? [];
    if (hasFinalizer(owner.object, ORPHAN_FINALIZER)) {
      for (const d of deps) {
        ignoreGone(() =>
          api.mutate(...at(d), (o) => {
            o.metadata.ownerReferences = (o.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid);
            if (o.metadata.ownerReferences.length === 0) delete o.metadata.ownerReferences;
          }),
        );
      }
      ignoreGone(() => api.mutate(...at(owner), withoutFinalizer(ORPHAN_FINALIZER)));
    } else if (hasFinalizer(owner.object, FOREGROUND_FINALIZER)) {
      if (deps.length === 0) ignoreGone(() => api.mutate(...at(owner), withoutFinalizer(FOREGROUND_FINALIZER)));
      for (const d of deps) {
        if (d.object.metadata.deletionTimestamp === undefined) {
          ignoreGone(() => api.delete(...at(d), { propagationPolicy: 'Foreground' }));
        }
      }
    }
  }

  for (const d of all) {
    const refs = d.object.metadata.ownerReferences ?? [];
    if (refs.length === 0 || d.object.metadata.deletionTimestamp !== undefined) continue;
    const live = refs.filter((r) => byUid.has(r.uid));
    if (live.length === 0) {
      ignoreGone(() => api.delete(...at(d), { propagationPolicy: 'Background' }));
    } else if (live.length < refs.length) {
      ignoreGone(() =>
        api.mutate(...at(d), (o) => {
          o.metadata.ownerReferences = (o.metadata.ownerReferences ?? []).filter((r) => byUid.has(r.uid));
        }),
      );
    }
  }
}
