// Strategic merge patch, `application/strategic-merge-patch+json`: kubectl's client-side apply and `kubectl patch`
// send it for built-in kinds. The common subset: maps merge, lists with a merge key (containers by name, ports by
// containerPort/port, volumeMounts by mountPath, ...) merge item by item, other lists replace, and the directives
// kubectl emits ($patch, $setElementOrder, $deleteFromPrimitiveList, $retainKeys) are honoured.

import { cloneObject, isPlainObject, jsonEqual } from './kube-object.ts';

const NAME_KEYED = new Set([
  'containers',
  'initContainers',
  'ephemeralContainers',
  'env',
  'volumes',
  'imagePullSecrets',
  'resourceClaims',
  'schedulingGates',
]);
const CONTAINER_LISTS = new Set(['containers', 'initContainers', 'ephemeralContainers']);

/** The merge key of the list at this field path (field names only), 'primitive' for set-like lists of scalars. */
export function mergeKeyFor(path: readonly string[]): string | undefined {
  const field = path[path.length - 1] ?? '';
  const parent = path[path.length - 2] ?? '';
  if (NAME_KEYED.has(field)) return 'name';
  switch (field) {
    case 'ports':
      return CONTAINER_LISTS.has(parent) ? 'containerPort' : 'port';
    case 'volumeMounts':
      return 'mountPath';
    case 'volumeDevices':
      return 'devicePath';
    case 'conditions':
      return 'type';
    case 'ownerReferences':
      return 'uid';
    case 'hostAliases':
      return 'ip';
    case 'topologySpreadConstraints':
      return 'topologyKey';
    case 'finalizers':
      return parent === 'metadata' ? 'primitive' : undefined;
  }
  return undefined;
}

const SET_ORDER = '$setElementOrder/';
const DELETE_PRIMITIVE = '$deleteFromPrimitiveList/';

function withoutDirectives(item: unknown): unknown {
  if (!isPlainObject(item)) return cloneObject(item);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(item)) if (!k.startsWith('$')) out[k] = withoutDirectives(v);
  return out;
}

function mergeList(original: unknown, patch: unknown[], path: readonly string[]): unknown[] {
  const key = mergeKeyFor(path);
  if (key === undefined) return patch.map(withoutDirectives);
  const out = Array.isArray(original) ? [...original] : [];
  if (key === 'primitive') {
    for (const item of patch) if (!out.some((o) => jsonEqual(o, item))) out.push(item);
    return out;
  }
  for (const item of patch) {
    if (!isPlainObject(item)) {
      out.push(item);
      continue;
    }
    const index = item[key] === undefined ? -1 : out.findIndex((o) => isPlainObject(o) && jsonEqual(o[key], item[key]));
    if (item.$patch === 'delete') {
      if (index >= 0) out.splice(index, 1);
      continue;
    }
    const merged = applyStrategicMergePatch(index >= 0 ? out[index] : undefined, item, path);
    if (index >= 0) out[index] = merged;
    else out.push(merged);
  }
  return out;
}

/** Puts items in the order the patch names; items it does not name keep their relative order after them. */
function reorder(list: unknown[], order: unknown[], key: string | undefined): unknown[] {
  const identity = (item: unknown): unknown =>
    key !== undefined && key !== 'primitive' && isPlainObject(item) ? item[key] : item;
  const wanted = order.map(identity);
  const named = wanted
    .map((w) => list.find((item) => jsonEqual(identity(item), w)))
    .filter((item) => item !== undefined);
  const rest = list.filter((item) => !wanted.some((w) => jsonEqual(identity(item), w)));
  return [...named, ...rest];
}

/** Applies a strategic merge patch; `path` is the field path of `original` (empty at the object's root). */
export function applyStrategicMergePatch(original: unknown, patch: unknown, path: readonly string[] = []): unknown {
  if (!isPlainObject(patch)) return cloneObject(patch);
  if (patch.$patch === 'replace') return withoutDirectives(patch);
  const result: Record<string, unknown> = isPlainObject(original) ? { ...original } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith('$')) continue;
    const childPath = [...path, key];
    if (value === null) delete result[key];
    else if (Array.isArray(value)) result[key] = mergeList(result[key], value, childPath);
    else if (isPlainObject(value) && value.$patch === 'delete') delete result[key];
    else if (isPlainObject(value)) result[key] = applyStrategicMergePatch(result[key], value, childPath);
    else result[key] = value;
  }
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith(DELETE_PRIMITIVE) && Array.isArray(value)) {
      const field = key.slice(DELETE_PRIMITIVE.length);
      const current = result[field];
      if (Array.isArray(current)) result[field] = current.filter((item) => !value.some((v) => jsonEqual(v, item)));
    }
  }
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith(SET_ORDER) && Array.isArray(value)) {
      const field = key.slice(SET_ORDER.length);
      const current = result[field];
      if (Array.isArray(current)) result[field] = reorder(current, value, mergeKeyFor([...path, field]));
    }
  }
  const retain = patch.$retainKeys;
  if (Array.isArray(retain)) {
    for (const key of Object.keys(result)) if (!retain.includes(key)) delete result[key];
  }
  return result;
}
