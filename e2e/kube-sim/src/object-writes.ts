// The steps every write shares, as pure functions over (type, stored object, new object): which fields the server
// owns and carries over, how generation moves, and when an update changes nothing (no new resourceVersion).

import { cloneObject, isPlainObject, jsonEqual, type KubeObject } from './kube-object.ts';
import type { ResourceType } from './resource-type.ts';

/** Metadata fields only the server sets: kept from the stored object on every update. */
const SERVER_OWNED_META = [
  'uid',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'generation',
  'namespace',
  'name',
] as const;

/** The object a main-resource update stores: the client's body, with server-owned fields and (where a status
 *  subresource exists) the stored status carried over. */
export function mainUpdateObject(type: ResourceType, current: KubeObject, body: KubeObject): KubeObject {
  const next = cloneObject(body);
  const meta: Record<string, unknown> = next.metadata;
  for (const field of SERVER_OWNED_META) {
    if (current.metadata[field] === undefined) delete meta[field];
    else meta[field] = current.metadata[field];
  }
  if (type.statusSubresource) {
    if (current.status === undefined) delete next.status;
    else next.status = cloneObject(current.status);
  }
  if (type.group === '' && type.plural === 'services' && isPlainObject(next.spec) && isPlainObject(current.spec)) {
    next.spec.clusterIP ??= current.spec.clusterIP;
    next.spec.clusterIPs ??= current.spec.clusterIPs;
  }
  return next;
}

/** The object a /status update stores: the stored object with only its status replaced. */
export function statusUpdateObject(current: KubeObject, body: KubeObject): KubeObject {
  const next = cloneObject(current);
  if (body.status === undefined) delete next.status;
  else next.status = cloneObject(body.status);
  return next;
}

function generationView(type: ResourceType, object: KubeObject): unknown {
  if (type.generation === 'spec') return object.spec;
  const view: Record<string, unknown> = { ...object };
  delete view.metadata;
  delete view.apiVersion;
  delete view.kind;
  if (type.generation === 'non-metadata-non-status') delete view.status;
  return view;
}

/** metadata.generation after an update: +1 when the fields the kind counts as "spec" changed. */
export function nextGeneration(type: ResourceType, current: KubeObject, next: KubeObject): number | undefined {
  const generation = current.metadata.generation;
  if (type.generation === 'none' || generation === undefined) return generation;
  return jsonEqual(generationView(type, current), generationView(type, next)) ? generation : generation + 1;
}

/** True when storing `next` would change nothing (the API server then keeps the resourceVersion). */
export function isNoOp(current: KubeObject, next: KubeObject): boolean {
  const strip = (o: KubeObject): KubeObject => {
    const copy = { ...o, metadata: { ...o.metadata } };
    delete copy.metadata.resourceVersion;
    delete copy.metadata.managedFields;
    return copy;
  };
  return jsonEqual(strip(current), strip(next));
}

/** An object being deleted goes once its finalizers are gone and no grace period is pending. */
export function isReadyToRemove(object: KubeObject): boolean {
  return (
    object.metadata.deletionTimestamp !== undefined &&
    (object.metadata.finalizers ?? []).length === 0 &&
    (object.metadata.deletionGracePeriodSeconds ?? 0) === 0
  );
}
