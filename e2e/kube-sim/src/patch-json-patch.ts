// JSON patch (RFC 6902), `application/json-patch+json`: the default patch type of @kubernetes/client-node, and how
// controllers add a finalizer with a `test` on resourceVersion. A failed operation rejects the whole patch.

import { ApiError, badRequest } from './errors.ts';
import { cloneObject, isPlainObject, jsonEqual } from './kube-object.ts';

interface Operation {
  readonly op: string;
  readonly path: string;
  readonly from?: string;
  readonly value?: unknown;
}

function patchFailed(message: string): ApiError {
  return new ApiError(422, 'Invalid', `the server rejected our request due to an error in our request: ${message}`);
}

function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw patchFailed(`invalid JSON pointer "${pointer}"`);
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
}

type Container = Record<string, unknown> | unknown[];

/** The container holding the last segment, and that segment. */
function locate(root: unknown, segments: readonly string[], pointer: string): { parent: Container; key: string } {
  let current: unknown = root;
  for (const segment of segments.slice(0, -1)) {
    if (Array.isArray(current)) current = current[Number(segment)];
    else if (isPlainObject(current)) current = current[segment];
    else current = undefined;
    if (current === undefined) throw patchFailed(`path "${pointer}" does not exist`);
  }
  if (!Array.isArray(current) && !isPlainObject(current)) throw patchFailed(`path "${pointer}" does not exist`);
  return { parent: current, key: segments[segments.length - 1] ?? '' };
}

function arrayIndex(array: unknown[], key: string, forInsert: boolean, pointer: string): number {
  if (forInsert && key === '-') return array.length;
  if (!/^(0|[1-9][0-9]*)$/.test(key)) throw patchFailed(`invalid array index in "${pointer}"`);
  const index = Number(key);
  if (index > array.length || (!forInsert && index === array.length)) {
    throw patchFailed(`array index out of bounds in "${pointer}"`);
  }
  return index;
}

function read(root: unknown, pointer: string): unknown {
  const segments = parsePointer(pointer);
  if (segments.length === 0) return root;
  const { parent, key } = locate(root, segments, pointer);
  const value = Array.isArray(parent) ? parent[arrayIndex(parent, key, false, pointer)] : parent[key];
  if (value === undefined) throw patchFailed(`path "${pointer}" does not exist`);
  return value;
}

function remove(root: unknown, pointer: string): unknown {
  const segments = parsePointer(pointer);
  const { parent, key } = locate(root, segments, pointer);
  if (Array.isArray(parent)) return parent.splice(arrayIndex(parent, key, false, pointer), 1)[0];
  if (!Object.hasOwn(parent, key)) throw patchFailed(`path "${pointer}" does not exist`);
  const value = parent[key];
  delete parent[key];
  return value;
}

function add(root: unknown, pointer: string, value: unknown, replace: boolean): unknown {
  const segments = parsePointer(pointer);
  if (segments.length === 0) return cloneObject(value);
  const { parent, key } = locate(root, segments, pointer);
  if (Array.isArray(parent)) {
    const index = arrayIndex(parent, key, !replace, pointer);
    parent.splice(index, replace ? 1 : 0, cloneObject(value));
  } else {
    if (replace && !Object.hasOwn(parent, key)) throw patchFailed(`path "${pointer}" does not exist`);
    parent[key] = cloneObject(value);
  }
  return root;
}

function asOperations(patch: unknown): Operation[] {
  if (!Array.isArray(patch)) throw badRequest('a JSON patch must be an array of operations');
  return patch.map((op) => {
    if (!isPlainObject(op) || typeof op.op !== 'string' || typeof op.path !== 'string') {
      throw badRequest('each JSON patch operation needs "op" and "path" strings');
    }
    return op as unknown as Operation;
  });
}

export function applyJsonPatch(target: unknown, patch: unknown): unknown {
  let document = cloneObject(target);
  for (const op of asOperations(patch)) {
    switch (op.op) {
      case 'add':
        document = add(document, op.path, op.value, false);
        break;
      case 'replace':
        document = add(document, op.path, op.value, true);
        break;
      case 'remove':
        remove(document, op.path);
        break;
      case 'move': {
        const value = remove(document, op.from ?? '');
        document = add(document, op.path, value, false);
        break;
      }
      case 'copy':
        document = add(document, op.path, read(document, op.from ?? ''), false);
        break;
      case 'test':
        if (!jsonEqual(read(document, op.path), op.value)) {
          throw patchFailed(`testing value ${op.path} failed`);
        }
        break;
      default:
        throw badRequest(`unknown JSON patch operation "${op.op}"`);
    }
  }
  return document;
}
