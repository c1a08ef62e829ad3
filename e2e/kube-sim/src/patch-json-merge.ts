// JSON merge patch (RFC 7386), `application/merge-patch+json`: what kubectl sends for custom resources and what
// controllers use for small status and label changes. Objects merge, null deletes, anything else replaces.

import { cloneObject, isPlainObject } from './kube-object.ts';

export function applyJsonMergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return cloneObject(patch);
  const result: Record<string, unknown> = isPlainObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = applyJsonMergePatch(result[key], value);
  }
  return result;
}
