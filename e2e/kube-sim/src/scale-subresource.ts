// The /scale subresource: an autoscaling/v1 Scale view of an object whose kind declares specReplicasPath,
// statusReplicasPath and labelSelectorPath. `kubectl scale` and an HPA read and write replicas through it.

import { badRequest, conflict, invalid, notFound, STALE_OBJECT_MESSAGE } from './errors.ts';
import { cloneObject, isPlainObject, type KubeObject, readPath, splitDottedPath, writePath } from './kube-object.ts';
import { applyJsonMergePatch } from './patch-json-merge.ts';
import { applyJsonPatch } from './patch-json-patch.ts';
import type { PatchType, ResourceApi, WriteResult } from './resource-api.ts';
import type { ResourceType, ScaleSubresource } from './resource-type.ts';

function scaleOf(type: ResourceType): ScaleSubresource {
  if (type.scale === undefined) throw notFound(type, 'scale');
  return type.scale;
}

/** The Scale object for a stored object. */
export function toScale(type: ResourceType, object: KubeObject): KubeObject {
  const scale = scaleOf(type);
  const specReplicas = readPath(object, splitDottedPath(scale.specReplicasPath));
  const statusReplicas = readPath(object, splitDottedPath(scale.statusReplicasPath));
  const selector =
    scale.labelSelectorPath === undefined ? undefined : readPath(object, splitDottedPath(scale.labelSelectorPath));
  const m = object.metadata;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: {
      name: m.name,
      ...(m.namespace === undefined ? {} : { namespace: m.namespace }),
      uid: m.uid,
      resourceVersion: m.resourceVersion,
      creationTimestamp: m.creationTimestamp,
    },
    spec: { replicas: typeof specReplicas === 'number' ? specReplicas : 0 },
    status: {
      replicas: typeof statusReplicas === 'number' ? statusReplicas : 0,
      ...(typeof selector === 'string' ? { selector } : {}),
    },
  };
}

export function getScale(api: ResourceApi, type: ResourceType, namespace: string, name: string): KubeObject {
  scaleOf(type);
  return toScale(type, api.get(type, namespace, name));
}

export function updateScale(
  api: ResourceApi,
  type: ResourceType,
  namespace: string,
  name: string,
  body: unknown,
  dryRun = false,
): WriteResult {
  const scale = scaleOf(type);
  if (!isPlainObject(body)) throw badRequest('the request body must be a Scale object');
  const current = api.get(type, namespace, name);
  const meta = isPlainObject(body.metadata) ? body.metadata : {};
  const rv = meta.resourceVersion;
  if (typeof rv === 'string' && rv !== '' && rv !== current.metadata.resourceVersion) {
    throw conflict(type, name, STALE_OBJECT_MESSAGE);
  }
  const replicas = isPlainObject(body.spec) ? body.spec.replicas : undefined;
  if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) {
    throw invalid('Scale', 'autoscaling', name, [
      {
        reason: 'FieldValueInvalid',
        field: 'spec.replicas',
        message: `Invalid value: ${JSON.stringify(replicas ?? null)}: must be greater than or equal to 0`,
      },
    ]);
  }
  const next = cloneObject(current);
  writePath(next, splitDottedPath(scale.specReplicasPath), replicas);
  const result = api.update(type, namespace, name, next, { dryRun });
  return { object: toScale(type, result.object), warnings: result.warnings };
}

export function patchScale(
  api: ResourceApi,
  type: ResourceType,
  namespace: string,
  name: string,
  patchType: PatchType,
  patch: unknown,
  dryRun = false,
): WriteResult {
  const current = getScale(api, type, namespace, name);
  const patched = patchType === 'json' ? applyJsonPatch(current, patch) : applyJsonMergePatch(current, patch);
  return updateScale(api, type, namespace, name, patched, dryRun);
}
