// The defaults and create/update rules of the built-in kinds a controller notices: a Pod comes back with
// restartPolicy, terminationGracePeriodSeconds and phase Pending; a Service gets a clusterIP and port defaults; a
// Namespace is Active with the kubernetes finalizer; a Pod's spec is immutable except for a few fields.

import type { StatusCause } from './errors.ts';
import { isPlainObject, jsonEqual, type KubeObject } from './kube-object.ts';
import type { ResourceType } from './resource-type.ts';

type Json = Record<string, unknown>;

function objects(list: unknown): Json[] {
  return Array.isArray(list) ? list.filter(isPlainObject) : [];
}

function defaultContainer(container: Json): void {
  const image = typeof container.image === 'string' ? container.image : '';
  const tag = image.includes('@') ? 'digest' : (/:([^/:]+)$/.exec(image)?.[1] ?? 'latest');
  container.imagePullPolicy ??= tag === 'latest' ? 'Always' : 'IfNotPresent';
  container.terminationMessagePath ??= '/dev/termination-log';
  container.terminationMessagePolicy ??= 'File';
  container.resources ??= {};
  for (const port of objects(container.ports)) port.protocol ??= 'TCP';
}

function defaultPodSpec(spec: Json): void {
  spec.restartPolicy ??= 'Always';
  spec.terminationGracePeriodSeconds ??= 30;
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.schedulerName ??= 'default-scheduler';
  spec.securityContext ??= {};
  spec.enableServiceLinks ??= true;
  for (const c of [...objects(spec.containers), ...objects(spec.initContainers)]) defaultContainer(c);
}

/** Hands out Service cluster IPs (one allocator per simulator, so parallel simulators do not share state). */
export function clusterIpAllocator(): () => string {
  let next = 1;
  return () => {
    const n = next++;
    return `10.96.${(n >> 8) & 255}.${n & 255}`;
  };
}

function defaultServiceSpec(spec: Json, allocateClusterIp: () => string): void {
  spec.type ??= 'ClusterIP';
  spec.sessionAffinity ??= 'None';
  if (spec.clusterIP === undefined) {
    spec.clusterIP = spec.type === 'ExternalName' ? 'None' : allocateClusterIp();
    spec.clusterIPs = [spec.clusterIP];
  }
  spec.ipFamilies ??= ['IPv4'];
  spec.ipFamilyPolicy ??= 'SingleStack';
  spec.internalTrafficPolicy ??= 'Cluster';
  for (const port of objects(spec.ports)) {
    port.protocol ??= 'TCP';
    port.targetPort ??= port.port;
  }
}

function specOf(object: KubeObject): Json {
  if (!isPlainObject(object.spec)) object.spec = {};
  return object.spec as Json;
}

/** Defaults applied to every write of a built-in kind (as the API server's defaulting runs on every decode). */
export function defaultBuiltin(type: ResourceType, object: KubeObject, allocateClusterIp: () => string): void {
  if (type.custom !== undefined) return;
  if (type.group === '' && type.plural === 'pods') defaultPodSpec(specOf(object));
  if (type.group === '' && type.plural === 'services') defaultServiceSpec(specOf(object), allocateClusterIp);
  if (type.group === 'apps' && type.plural === 'deployments') {
    const spec = specOf(object);
    spec.replicas ??= 1;
    if (isPlainObject(spec.template) && isPlainObject(spec.template.spec)) defaultPodSpec(spec.template.spec);
  }
}

/** The status a new object starts with: whatever the client sent is replaced, as the real strategies do. */
export function initialStatus(type: ResourceType, object: KubeObject): void {
  if (!type.statusSubresource) return;
  if (type.custom !== undefined) {
    delete object.status;
  } else if (type.plural === 'pods') {
    object.status = { phase: 'Pending', qosClass: 'BestEffort' };
  } else if (type.plural === 'namespaces') {
    specOf(object).finalizers ??= ['kubernetes'];
    object.status = { phase: 'Active' };
  } else if (type.plural === 'services') {
    object.status = { loadBalancer: {} };
  } else {
    object.status = {};
  }
}

const MUTABLE_POD_FIELDS = ['activeDeadlineSeconds', 'tolerations', 'terminationGracePeriodSeconds'];

function withoutMutablePodFields(spec: unknown): unknown {
  if (!isPlainObject(spec)) return spec;
  const copy: Json = { ...spec };
  for (const field of MUTABLE_POD_FIELDS) delete copy[field];
  for (const list of ['containers', 'initContainers'] as const) {
    copy[list] = objects(copy[list]).map((c) => ({ ...c, image: undefined }));
  }
  return copy;
}

/** Update rules of built-in kinds: a Pod's spec may change only its images, tolerations and deadlines. */
export function checkBuiltinUpdate(type: ResourceType, old: KubeObject, next: KubeObject): StatusCause[] {
  if (type.group !== '' || type.plural !== 'pods') return [];
  if (jsonEqual(withoutMutablePodFields(old.spec), withoutMutablePodFields(next.spec))) return [];
  return [
    {
      reason: 'FieldValueForbidden',
      field: 'spec',
      message:
        'Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
    },
  ];
}
