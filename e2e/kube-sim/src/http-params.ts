// Reads the query parameters, headers and bodies of API requests into the options the resource API takes:
// selectors, paging, dryRun, fieldValidation, DeleteOptions, the patch type from Content-Type, and what the
// client accepts (plain JSON, a Table, or PartialObjectMetadata).

import { badRequest, unsupportedMediaType } from './errors.ts';
import { parseFieldSelector } from './field-selector.ts';
import { isPlainObject } from './kube-object.ts';
import { parseLabelSelector } from './label-selector.ts';
import type { DeleteOptions } from './object-deletion.ts';
import type { FieldValidation, ListQuery, PatchType } from './resource-api.ts';
import type { IncludeObject } from './table-printer.ts';

export type ResponseShape = 'object' | 'table' | 'metadata';

export function listQueryOf(query: URLSearchParams): ListQuery {
  const limit = query.get('limit');
  const labels = query.get('labelSelector');
  const fields = query.get('fieldSelector');
  const next = query.get('continue');
  return {
    ...(labels === null || labels === '' ? {} : { labelSelector: parseLabelSelector(labels) }),
    ...(fields === null || fields === '' ? {} : { fieldSelector: parseFieldSelector(fields) }),
    ...(limit === null || limit === '' ? {} : { limit: Number(limit) }),
    ...(next === null || next === '' ? {} : { continue: next }),
  };
}

export function isDryRun(query: URLSearchParams): boolean {
  const value = query.get('dryRun');
  if (value === null || value === '') return false;
  if (value !== 'All') throw badRequest(`dryRun: Unsupported value: "${value}": supported values: "All"`);
  return true;
}

export function fieldValidationOf(query: URLSearchParams): FieldValidation {
  const value = query.get('fieldValidation') ?? 'Warn';
  if (value === '' || value === 'Warn') return 'Warn';
  if (value === 'Strict' || value === 'Ignore') return value;
  throw badRequest(`fieldValidation: Unsupported value: "${value}": supported values: "Ignore", "Strict", "Warn"`);
}

/** DeleteOptions from the body (when sent) merged with the query parameters. */
export function deleteOptionsOf(query: URLSearchParams, body: unknown): DeleteOptions {
  const fromBody = isPlainObject(body) ? body : {};
  const grace = query.get('gracePeriodSeconds') ?? fromBody.gracePeriodSeconds;
  const policy = query.get('propagationPolicy') ?? fromBody.propagationPolicy;
  const orphan = query.get('orphanDependents') ?? fromBody.orphanDependents;
  const pre = isPlainObject(fromBody.preconditions) ? fromBody.preconditions : undefined;
  const dryRun = isDryRun(query) || (Array.isArray(fromBody.dryRun) && fromBody.dryRun.includes('All'));
  return {
    ...(grace === undefined || grace === null ? {} : { gracePeriodSeconds: Number(grace) }),
    ...(typeof policy === 'string' ? { propagationPolicy: policy } : {}),
    ...(orphan === undefined || orphan === null ? {} : { orphanDependents: orphan === true || orphan === 'true' }),
    ...(pre === undefined
      ? {}
      : {
          preconditions: {
            ...(typeof pre.uid === 'string' ? { uid: pre.uid } : {}),
            ...(typeof pre.resourceVersion === 'string' ? { resourceVersion: pre.resourceVersion } : {}),
          },
        }),
    dryRun,
  };
}

export function patchTypeOf(contentType: string | undefined): PatchType {
  const media = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  switch (media) {
    case 'application/json-patch+json':
      return 'json';
    case 'application/merge-patch+json':
      return 'merge';
    case 'application/strategic-merge-patch+json':
      return 'strategic';
    case 'application/apply-patch+yaml':
      throw unsupportedMediaType(`${media}: server-side apply is not implemented by kube-sim; use client-side apply`);
    default:
      throw unsupportedMediaType(media);
  }
}

/** What the Accept header asks for: a Table (kubectl get), PartialObjectMetadata, or the objects. */
export function responseShapeOf(accept: string | undefined): ResponseShape {
  const first = (accept ?? '').split(',')[0] ?? '';
  if (/;\s*as=Table/i.test(first)) return 'table';
  if (/;\s*as=PartialObjectMetadata/i.test(first)) return 'metadata';
  return 'object';
}

export function includeObjectOf(query: URLSearchParams): IncludeObject {
  const value = query.get('includeObject');
  if (value === 'None' || value === 'Object') return value;
  return 'Metadata';
}

/** Parses a JSON request body; undefined when empty. */
export function parseJsonBody(raw: string, contentType: string | undefined): unknown {
  if (raw.trim() === '') return undefined;
  const media = (contentType ?? 'application/json').split(';')[0]?.trim().toLowerCase() ?? '';
  if (media.includes('yaml') || media.includes('protobuf') || media.includes('cbor')) {
    throw unsupportedMediaType(
      `${media}: kube-sim reads JSON bodies only; kubectl's typed generators (create namespace|secret|configmap) send protobuf, so create from YAML with kubectl apply -f or create -f`,
    );
  }
  try {
    return JSON.parse(raw) as unknown;
  } catch (error) {
    throw badRequest(`couldn't get version/kind; json parse error: ${(error as Error).message}`);
  }
}
