// The shape kube-sim stores: plain JSON objects with Kubernetes metadata. Objects are kept as untyped JSON (like the
// API server's unstructured objects) because the simulator serves custom resources it has never seen.

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  finalizers?: string[];
  ownerReferences?: OwnerReference[];
  [key: string]: unknown;
}

export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  [key: string]: unknown;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Deep copy: stored objects are never shared with callers. */
export function cloneObject<T>(value: T): T {
  return structuredClone(value);
}

/** Structural equality of JSON values (key order ignored). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => jsonEqual(item, b[i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const aKeys = Object.keys(a).filter((k) => a[k] !== undefined);
    const bKeys = Object.keys(b).filter((k) => b[k] !== undefined);
    if (aKeys.length !== bKeys.length) return false;
    return aKeys.every((k) => jsonEqual(a[k], b[k]));
  }
  return false;
}

/** Kubernetes timestamps have second precision: `2025-01-02T03:04:05Z`. */
export function kubeTimestamp(ms: number): string {
  return `${new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19)}Z`;
}

/** Reads a value at a dotted path (`.spec.replicas`), undefined when any step is missing. */
export function readPath(object: unknown, path: readonly string[]): unknown {
  let current: unknown = object;
  for (const key of path) {
    if (!isPlainObject(current)) return undefined;
    current = current[key];
  }
  return current;
}

/** Writes a value at a path, creating intermediate objects. */
export function writePath(object: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let current = object;
  for (const key of path.slice(0, -1)) {
    const next = current[key];
    if (!isPlainObject(next)) {
      const created: Record<string, unknown> = {};
      current[key] = created;
      current = created;
    } else {
      current = next;
    }
  }
  const last = path[path.length - 1];
  if (last !== undefined) current[last] = value;
}

/** `.spec.roles.zone.replicas` → ['spec', 'roles', 'zone', 'replicas']. */
export function splitDottedPath(path: string): string[] {
  return path.split('.').filter((s) => s !== '');
}
