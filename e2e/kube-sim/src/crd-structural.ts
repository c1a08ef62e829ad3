// The structural-schema walks the API server runs on a custom resource before validating it: pruning (fields the
// schema does not declare are dropped, or reported under fieldValidation=Strict) and defaulting (a `default` fills an
// absent field, then the walk continues into it, so `default: {}` on an object brings its children's defaults).

import { cloneObject, isPlainObject } from './kube-object.ts';

export interface ValidationRule {
  readonly rule: string;
  readonly message?: string;
  readonly messageExpression?: string;
  readonly fieldPath?: string;
  readonly reason?: string;
}

export interface StructuralSchema {
  readonly type?: string;
  readonly properties?: Readonly<Record<string, StructuralSchema>>;
  readonly additionalProperties?: StructuralSchema | boolean;
  readonly items?: StructuralSchema;
  readonly default?: unknown;
  readonly nullable?: boolean;
  readonly 'x-kubernetes-preserve-unknown-fields'?: boolean;
  readonly 'x-kubernetes-embedded-resource'?: boolean;
  readonly 'x-kubernetes-int-or-string'?: boolean;
  readonly 'x-kubernetes-validations'?: readonly ValidationRule[];
  readonly [keyword: string]: unknown;
}

const RESOURCE_ENVELOPE = new Set(['apiVersion', 'kind', 'metadata']);

function childSchema(schema: StructuralSchema, key: string): StructuralSchema | undefined {
  const declared = schema.properties?.[key];
  if (declared !== undefined) return declared;
  return isPlainObject(schema.additionalProperties) ? (schema.additionalProperties as StructuralSchema) : undefined;
}

/** Fills defaults in place (and drops nulls the schema does not allow, as the API server does before defaulting). */
export function applyDefaults(value: unknown, schema: StructuralSchema): void {
  if (Array.isArray(value)) {
    if (schema.items !== undefined) for (const item of value) applyDefaults(item, schema.items);
    return;
  }
  if (!isPlainObject(value)) return;
  for (const [key, child] of Object.entries(schema.properties ?? {})) {
    if (value[key] === null && child.nullable !== true && child.default !== undefined) delete value[key];
    if (value[key] === undefined && child.default !== undefined) value[key] = cloneObject(child.default);
  }
  for (const [key, item] of Object.entries(value)) {
    const child = childSchema(schema, key);
    if (child !== undefined) applyDefaults(item, child);
  }
}

function joinPath(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

/**
 * Removes fields the schema does not declare, in place, and returns their paths (`spec.foo`). The root's
 * apiVersion, kind and metadata, and those of embedded resources, are kept as the API server keeps them.
 */
export function pruneUnknownFields(value: unknown, schema: StructuralSchema, path = '', isResource = true): string[] {
  const unknown: string[] = [];
  if (Array.isArray(value)) {
    if (schema.items !== undefined) {
      value.forEach((item, i) => {
        unknown.push(...pruneUnknownFields(item, schema.items as StructuralSchema, `${path}[${i}]`, false));
      });
    }
    return unknown;
  }
  if (!isPlainObject(value)) return unknown;
  const envelope = isResource || schema['x-kubernetes-embedded-resource'] === true;
  const preserve = schema['x-kubernetes-preserve-unknown-fields'] === true;
  for (const key of Object.keys(value)) {
    if (envelope && RESOURCE_ENVELOPE.has(key)) continue;
    const child = childSchema(schema, key);
    if (child === undefined) {
      if (preserve || schema.additionalProperties === true) continue;
      unknown.push(joinPath(path, key));
      delete value[key];
      continue;
    }
    unknown.push(...pruneUnknownFields(value[key], child, joinPath(path, key), false));
  }
  return unknown;
}
