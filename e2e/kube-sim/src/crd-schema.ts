// Checks a custom resource against its CRD version's openAPIV3Schema the way the API server does: prune, default,
// validate (ajv, with the OpenAPI v3.0 and x-kubernetes-* dialect translated to JSON Schema), then the CEL rules.
// The result carries the defaulted object and the causes for a 422 Invalid.

import { Ajv, type ErrorObject } from 'ajv';
import { applyDefaults, pruneUnknownFields, type StructuralSchema } from './crd-structural.ts';
import { compileRules, evaluateRules, type SkippedRule } from './crd-validation-rules.ts';
import type { StatusCause } from './errors.ts';
import { cloneObject, isPlainObject, type KubeObject } from './kube-object.ts';

export interface CustomResourceCheck {
  /** The object after pruning and defaulting: what is stored. */
  readonly object: KubeObject;
  readonly causes: readonly StatusCause[];
  /** Fields the schema does not declare (pruned): an error under fieldValidation=Strict, a warning otherwise. */
  readonly unknownFields: readonly string[];
}

export type ValidateCustomResource = (object: KubeObject, old: KubeObject | undefined) => CustomResourceCheck;

export interface CompiledSchema {
  readonly validate: ValidateCustomResource;
  readonly skippedRules: readonly SkippedRule[];
}

const K8S_KEYWORDS = [
  'x-kubernetes-preserve-unknown-fields',
  'x-kubernetes-embedded-resource',
  'x-kubernetes-int-or-string',
  'x-kubernetes-list-type',
  'x-kubernetes-list-map-keys',
  'x-kubernetes-map-type',
  'x-kubernetes-validations',
];

/** OpenAPI v3.0 (as CRDs write it) to the JSON Schema ajv reads: boolean exclusive bounds, int-or-string. */
function toJsonSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (!isPlainObject(schema)) return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'default' || key === 'example' || key === 'enum' || key === 'x-kubernetes-validations') {
      out[key] = value;
    } else if (key === 'properties' && isPlainObject(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJsonSchema(v)]));
    } else {
      out[key] = toJsonSchema(value);
    }
  }
  for (const [flag, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (out[flag] === true) {
      out[flag] = out[bound];
      delete out[bound];
    } else if (out[flag] === false) {
      delete out[flag];
    }
  }
  if (out['x-kubernetes-int-or-string'] === true) {
    delete out.type;
    out.anyOf = [{ type: 'integer' }, { type: 'string' }];
  }
  return out;
}

function fieldOf(error: ErrorObject): string {
  const base = error.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce((path, s) => (/^[0-9]+$/.test(s) ? `${path}[${s}]` : path === '' ? s : `${path}.${s}`), '');
  if (error.keyword === 'required') {
    const missing = String((error.params as { missingProperty?: string }).missingProperty ?? '');
    return base === '' ? missing : `${base}.${missing}`;
  }
  return base;
}

function shown(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null || value === undefined) return '"null"';
  return Array.isArray(value) ? '"array"' : '"object"';
}

/** The API server's wording for bounds and patterns (kube-openapi's validate messages). */
function boundWords(keyword: string, params: Record<string, unknown>): string | undefined {
  const limit = String(params.limit ?? '');
  switch (keyword) {
    case 'minimum':
      return params.comparison === '>'
        ? `should be greater than ${limit}`
        : `should be greater than or equal to ${limit}`;
    case 'maximum':
      return params.comparison === '<' ? `should be less than ${limit}` : `should be less than or equal to ${limit}`;
    case 'exclusiveMinimum':
      return `should be greater than ${limit}`;
    case 'exclusiveMaximum':
      return `should be less than ${limit}`;
    case 'minLength':
      return `should be at least ${limit} chars long`;
    case 'maxLength':
      return `should be at most ${limit} chars long`;
    case 'minItems':
      return `should have at least ${limit} items`;
    case 'maxItems':
      return `should have at most ${limit} items`;
    case 'pattern':
      return `should match '${String(params.pattern ?? '')}'`;
    default:
      return undefined;
  }
}

/** One ajv error as the API server words the same failure. */
function toCause(error: ErrorObject): StatusCause {
  const field = fieldOf(error);
  const value = error.data;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { reason: 'FieldValueRequired', field, message: 'Required value' };
    case 'enum': {
      const allowed = ((params.allowedValues as unknown[]) ?? []).map((v) => JSON.stringify(v)).join(', ');
      return {
        reason: 'FieldValueNotSupported',
        field,
        message: `Unsupported value: ${shown(value)}: supported values: ${allowed}`,
      };
    }
    case 'type':
      return {
        reason: 'FieldValueTypeNotSupported',
        field,
        message: `Invalid value: ${shown(value)}: ${field} in body must be of type ${String(params.type)}: ${shown(value)}`,
      };
    default: {
      const words = boundWords(error.keyword, params) ?? (error.message ?? 'is invalid').replace(/^must /, 'should ');
      return {
        reason: 'FieldValueInvalid',
        field,
        message: `Invalid value: ${shown(value)}: ${field} in body ${words}`,
      };
    }
  }
}

export function compileCustomResourceSchema(schema: StructuralSchema): CompiledSchema {
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false, verbose: true });
  for (const keyword of K8S_KEYWORDS) ajv.addKeyword({ keyword });
  const check = ajv.compile(toJsonSchema(schema) as object);
  const rules = compileRules(schema);
  const validate: ValidateCustomResource = (input, old) => {
    const object = cloneObject(input);
    const unknownFields = pruneUnknownFields(object, schema);
    applyDefaults(object, schema);
    const withoutMeta: Record<string, unknown> = { ...object };
    delete withoutMeta.metadata;
    const causes: StatusCause[] = [];
    if (check(withoutMeta) !== true) causes.push(...(check.errors ?? []).map(toCause));
    if (!causes.some((c) => c.reason === 'FieldValueTypeNotSupported')) {
      causes.push(...evaluateRules(rules, schema, object, old));
    }
    return { object, causes, unknownFields };
  };
  return { validate, skippedRules: rules.skipped };
}
