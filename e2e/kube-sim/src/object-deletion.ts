// DELETE as the API server does it: preconditions, propagation policy (Orphan and Foreground become finalizers the
// garbage collector works off), finalizers that hold the object with a deletionTimestamp, and graceful Pod deletion
// that leaves the Pod for the kubelet (or deletes it at once when no kubelet is attached).

import { badRequest, conflict, forbidden } from './errors.ts';
import { cloneObject, isPlainObject, type KubeObject, kubeTimestamp } from './kube-object.ts';
import type { ApiContext } from './resource-api.ts';
import { groupResource, type ResourceType } from './resource-type.ts';

export type PropagationPolicy = 'Orphan' | 'Background' | 'Foreground';

/** meta/v1 DeleteOptions (body or query parameters). */
export interface DeleteOptions {
  readonly gracePeriodSeconds?: number;
  readonly propagationPolicy?: string;
  readonly orphanDependents?: boolean;
  readonly preconditions?: { readonly uid?: string; readonly resourceVersion?: string };
  readonly dryRun?: boolean;
}

export interface DeleteOutcome {
  /** The object as it was removed, or as it now waits (with deletionTimestamp). */
  readonly object: KubeObject;
  /** False while finalizers or a grace period hold the object. */
  readonly deleted: boolean;
}

export const ORPHAN_FINALIZER = 'orphan';
export const FOREGROUND_FINALIZER = 'foregroundDeletion';
const PROTECTED_NAMESPACES = new Set(['default', 'kube-system', 'kube-public']);

function policyOf(options: DeleteOptions): PropagationPolicy {
  const policy = options.propagationPolicy;
  if (policy === undefined || policy === '') {
    return options.orphanDependents === true ? 'Orphan' : 'Background';
  }
  if (policy !== 'Orphan' && policy !== 'Background' && policy !== 'Foreground') {
    throw badRequest(
      `DeleteOptions.propagationPolicy: Unsupported value: "${policy}": supported values: "Foreground", "Background", "Orphan"`,
    );
  }
  return policy;
}

/** Seconds a Pod may take to stop: 0 deletes at once (unscheduled, finished, or no kubelet to finish it). */
function podGraceSeconds(ctx: ApiContext, pod: KubeObject, requested: number | undefined): number {
  const spec = isPlainObject(pod.spec) ? pod.spec : {};
  const phase = isPlainObject(pod.status) ? pod.status.phase : undefined;
  const fromSpec = typeof spec.terminationGracePeriodSeconds === 'number' ? spec.terminationGracePeriodSeconds : 30;
  const grace = Math.max(0, requested ?? fromSpec);
  const nodeName = typeof spec.nodeName === 'string' ? spec.nodeName : '';
  if (!ctx.kubeletAttached() || nodeName === '' || phase === 'Succeeded' || phase === 'Failed') return 0;
  return grace;
}

export function deleteObject(
  ctx: ApiContext,
  type: ResourceType,
  current: KubeObject,
  options: DeleteOptions,
): DeleteOutcome {
  const name = current.metadata.name ?? '';
  const pre = options.preconditions;
  if (pre?.uid !== undefined && pre.uid !== current.metadata.uid) {
    throw conflict(
      type,
      name,
      `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${current.metadata.uid}`,
    );
  }
  if (pre?.resourceVersion !== undefined && pre.resourceVersion !== current.metadata.resourceVersion) {
    throw conflict(
      type,
      name,
      `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${current.metadata.resourceVersion}`,
    );
  }
  const policy = policyOf(options);
  const resource = groupResource(type);
  const namespace = current.metadata.namespace ?? '';
  const isNamespace = type.group === '' && type.plural === 'namespaces';
  if (isNamespace && PROTECTED_NAMESPACES.has(name)) {
    throw forbidden(type, name, 'this namespace may not be deleted');
  }
  const grace =
    type.group === '' && type.plural === 'pods' ? podGraceSeconds(ctx, current, options.gracePeriodSeconds) : 0;
  const finalizers = [...(current.metadata.finalizers ?? [])];
  if (current.metadata.deletionTimestamp === undefined) {
    if (policy === 'Orphan' && !finalizers.includes(ORPHAN_FINALIZER)) finalizers.push(ORPHAN_FINALIZER);
    if (policy === 'Foreground' && !finalizers.includes(FOREGROUND_FINALIZER)) finalizers.push(FOREGROUND_FINALIZER);
  }
  const mustWait = finalizers.length > 0 || grace > 0 || isNamespace;
  if (!mustWait) {
    if (options.dryRun === true) return { object: current, deleted: true };
    return { object: ctx.store.remove(resource, namespace, name) ?? current, deleted: true };
  }
  const waiting = cloneObject(current);
  const meta = waiting.metadata;
  const pendingGrace = meta.deletionGracePeriodSeconds;
  if (meta.deletionTimestamp === undefined || pendingGrace === undefined || grace < pendingGrace) {
    meta.deletionTimestamp = kubeTimestamp(ctx.now() + grace * 1000);
    meta.deletionGracePeriodSeconds = grace;
  }
  if (current.metadata.deletionTimestamp === undefined && meta.generation !== undefined) meta.generation += 1;
  meta.finalizers = finalizers;
  if (finalizers.length === 0) delete meta.finalizers;
  if (isNamespace) waiting.status = { ...(isPlainObject(waiting.status) ? waiting.status : {}), phase: 'Terminating' };
  if (options.dryRun === true) return { object: waiting, deleted: false };
  if (finalizers.length === 0 && meta.deletionGracePeriodSeconds === 0 && !isNamespace) {
    return { object: ctx.store.remove(resource, namespace, name) ?? waiting, deleted: true };
  }
  return { object: ctx.store.write(resource, waiting), deleted: false };
}
