// The apiextensions controllers in one sweep: serve each CRD's resource as soon as it is stored (and again when
// its spec changes), set NamesAccepted/Established, and on CRD deletion delete every instance, stop serving the
// resource, then drop the cleanup finalizer so the CRD goes.

import type { SimLog } from './controller-loop.ts';
import { resourceTypeOfCrd } from './crd-types.ts';
import { ApiError } from './errors.ts';
import { isPlainObject, type KubeObject, kubeTimestamp } from './kube-object.ts';
import type { ResourceApi } from './resource-api.ts';
import { groupResource, type ResourceType } from './resource-type.ts';

export const CRD_RESOURCE = 'customresourcedefinitions.apiextensions.k8s.io';
export const CRD_CLEANUP_FINALIZER = 'customresourcecleanup.apiextensions.k8s.io';

function crdKey(crd: KubeObject): string {
  const spec = isPlainObject(crd.spec) ? crd.spec : {};
  const names = isPlainObject(spec.names) ? spec.names : {};
  return `${String(names.plural)}.${String(spec.group)}`;
}

function isEstablished(crd: KubeObject): boolean {
  const status = isPlainObject(crd.status) ? crd.status : {};
  const conditions = Array.isArray(status.conditions) ? status.conditions : [];
  return conditions.some((c) => isPlainObject(c) && c.type === 'Established' && c.status === 'True');
}

export class CrdController {
  readonly #api: ResourceApi;
  readonly #log: SimLog;
  /** CRD name → `uid/generation` of the definition currently served. */
  readonly #served = new Map<string, string>();

  constructor(api: ResourceApi, log: SimLog) {
    this.#api = api;
    this.#log = log;
  }

  sweep(): void {
    const { store, registry } = this.#api.context;
    const crdType = registry.byGroupResource(CRD_RESOURCE) as ResourceType;
    const crds = store.list(CRD_RESOURCE);
    const present = new Set(crds.map((c) => c.metadata.name ?? ''));
    for (const [name] of this.#served) {
      if (!present.has(name)) this.#served.delete(name);
    }
    for (const type of registry.all()) {
      if (type.custom !== undefined && !present.has(type.custom.crdName)) registry.removeCustom(groupResource(type));
    }
    for (const crd of crds) {
      const name = crd.metadata.name ?? '';
      if (crd.metadata.deletionTimestamp !== undefined) {
        this.#cleanUp(crdType, crd);
        continue;
      }
      const version = `${crd.metadata.uid}/${crd.metadata.generation}`;
      if (this.#served.get(name) !== version) {
        const { type, skippedRules } = resourceTypeOfCrd(crd);
        registry.setCustom(type);
        this.#served.set(name, version);
        for (const rule of skippedRules) this.#log({ crd: name, skippedCelRule: rule });
      }
      if (!isEstablished(crd)) this.#establish(crdType, crd);
    }
  }

  #establish(crdType: ResourceType, crd: KubeObject): void {
    const now = kubeTimestamp(this.#api.context.now());
    const spec = isPlainObject(crd.spec) ? crd.spec : {};
    const versions = Array.isArray(spec.versions) ? spec.versions.filter(isPlainObject) : [];
    const storage = versions.find((v) => v.storage === true)?.name;
    this.#api.mutate(
      crdType,
      '',
      crd.metadata.name ?? '',
      (o) => {
        o.status = {
          conditions: [
            {
              type: 'NamesAccepted',
              status: 'True',
              lastTransitionTime: now,
              reason: 'NoConflicts',
              message: 'no conflicts found',
            },
            {
              type: 'Established',
              status: 'True',
              lastTransitionTime: now,
              reason: 'InitialNamesAccepted',
              message: 'the initial names have been accepted',
            },
          ],
          acceptedNames: spec.names ?? {},
          storedVersions: storage === undefined ? [] : [storage],
        };
      },
      { subresource: 'status' },
    );
  }

  #cleanUp(crdType: ResourceType, crd: KubeObject): void {
    const { store, registry } = this.#api.context;
    const key = crdKey(crd);
    const type = registry.byGroupResource(key);
    const instances = store.list(key);
    if (type !== undefined) {
      for (const object of instances) {
        if (object.metadata.deletionTimestamp !== undefined) continue;
        try {
          this.#api.delete(type, object.metadata.namespace ?? '', object.metadata.name ?? '', {});
        } catch (error) {
          if (!(error instanceof ApiError && error.httpCode === 404)) throw error;
        }
      }
    }
    if (store.list(key).length > 0) return;
    registry.removeCustom(key);
    if ((crd.metadata.finalizers ?? []).includes(CRD_CLEANUP_FINALIZER)) {
      this.#api.mutate(crdType, '', crd.metadata.name ?? '', (o) => {
        o.metadata.finalizers = (o.metadata.finalizers ?? []).filter((f) => f !== CRD_CLEANUP_FINALIZER);
      });
    }
  }
}
