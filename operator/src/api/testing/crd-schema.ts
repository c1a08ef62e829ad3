// Test support: the GameCluster CRD read from crds/, and what the API server would do with a manifest under it
// (prune, default, validate the schema with ajv, check list types, run the CEL rules), so that tests can compare
// validateGameCluster() and withDefaults() with the CRD. Ajv does not run CEL: the CEL rules are evaluated by
// their TypeScript twins, which the schema test pins to the YAML's rule text.
import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { parse } from 'yaml';
import { type CelRule, celRulePath, GAMECLUSTER_CEL_RULES } from '../cel-rules.ts';
import type { FieldProblem } from '../field-checks.ts';
import type { GameCluster } from '../game-cluster.ts';

/** One node of an openAPIV3Schema, as the YAML holds it. */
export interface SchemaNode {
  readonly type?: string;
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly items?: SchemaNode;
  readonly required?: readonly string[];
  readonly default?: unknown;
  readonly additionalProperties?: unknown;
  readonly 'x-kubernetes-validations'?: readonly CrdValidationRule[];
  readonly 'x-kubernetes-list-type'?: 'atomic' | 'set' | 'map';
  readonly 'x-kubernetes-list-map-keys'?: readonly string[];
  readonly [keyword: string]: unknown;
}

export interface CrdValidationRule {
  readonly rule: string;
  readonly message?: string;
  readonly fieldPath?: string;
  readonly reason?: string;
}

export interface CrdVersion {
  readonly name: string;
  readonly served: boolean;
  readonly storage: boolean;
  readonly schema: { readonly openAPIV3Schema: SchemaNode };
  readonly subresources: {
    readonly status?: object;
    readonly scale?: { specReplicasPath: string; statusReplicasPath: string; labelSelectorPath?: string };
  };
  readonly additionalPrinterColumns: readonly { name: string; type: string; jsonPath: string }[];
}

export interface CrdDocument {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string };
  readonly spec: {
    readonly group: string;
    readonly scope: string;
    readonly names: {
      kind: string;
      listKind: string;
      plural: string;
      singular: string;
      shortNames: string[];
      categories: string[];
    };
    readonly versions: readonly CrdVersion[];
  };
}

export const REPOSITORY_ROOT = new URL('../../../../', import.meta.url);
export const CRD_URL = new URL('crds/gameclusters.gamecluster.io.yaml', REPOSITORY_ROOT);

/** The CRD as parsed from YAML (aliases resolved), fresh on every call so that tests may change their copy. */
export function loadCrd(): CrdDocument {
  return parse(readFileSync(CRD_URL, 'utf8')) as CrdDocument;
}

export function loadYaml(relativePath: string): unknown {
  return parse(readFileSync(new URL(relativePath, REPOSITORY_ROOT), 'utf8'));
}

let cachedSchema: SchemaNode | undefined;

/** The v1alpha1 openAPIV3Schema of `crd`, or of the CRD in crds/ (read once; do not change it). */
export function gameClusterSchema(crd?: CrdDocument): SchemaNode {
  if (crd === undefined) {
    cachedSchema ??= gameClusterSchema(loadCrd());
    return cachedSchema;
  }
  const version = crd.spec.versions.find((v) => v.name === 'v1alpha1');
  if (version === undefined) throw new Error('the CRD has no v1alpha1 version');
  return version.schema.openAPIV3Schema;
}

/** Every schema node with its field path (`spec.env[].name`; `[]` stands for any list item). */
export function* schemaNodes(node: SchemaNode, path = ''): Generator<[string, SchemaNode]> {
  yield [path, node];
  for (const [name, child] of Object.entries(node.properties ?? {})) {
    yield* schemaNodes(child, path === '' ? name : `${path}.${name}`);
  }
  if (node.items !== undefined) yield* schemaNodes(node.items, `${path}[]`);
}

type Json = unknown;

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * What the API server stores for `value` under `schema`: unknown fields pruned (not inside metadata), nulls
 * dropped, then defaults applied to absent fields of present objects, recursing into the defaults themselves.
 * A transcription of apiextensions-apiserver's pruning and structuraldefaulting algorithms.
 */
export function apiServerDefaulting(schema: SchemaNode, value: Json): Json {
  return defaultValue(schema, pruneValue(schema, structuredClone(value)));
}

function pruneValue(schema: SchemaNode, value: Json): Json {
  if (Array.isArray(value)) return schema.items === undefined ? value : value.map((v) => pruneValue(schema.items!, v));
  if (!isObject(value) || schema.properties === undefined) return value;
  const pruned: Record<string, Json> = {};
  for (const [name, child] of Object.entries(value)) {
    const childSchema = schema.properties[name];
    if (childSchema === undefined || child === null) continue;
    pruned[name] = name === 'metadata' ? child : pruneValue(childSchema, child);
  }
  return pruned;
}

function defaultValue(schema: SchemaNode, value: Json): Json {
  if (Array.isArray(value))
    return schema.items === undefined ? value : value.map((v) => defaultValue(schema.items!, v));
  if (!isObject(value) || schema.properties === undefined) return value;
  for (const [name, child] of Object.entries(schema.properties)) {
    if (child.default !== undefined && value[name] === undefined) value[name] = structuredClone(child.default);
  }
  for (const [name, child] of Object.entries(value)) {
    const childSchema = schema.properties[name];
    if (childSchema !== undefined && name !== 'metadata') value[name] = defaultValue(childSchema, child);
  }
  return value;
}

/** Kubernetes-only keywords, known to ajv so that it keeps strict mode for everything else. */
const KUBERNETES_KEYWORDS = [
  'x-kubernetes-validations',
  'x-kubernetes-list-type',
  'x-kubernetes-list-map-keys',
  'x-kubernetes-preserve-unknown-fields',
  'x-kubernetes-int-or-string',
  'x-kubernetes-embedded-resource',
];

export function newAjv(options: { useDefaults?: boolean } = {}): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: true, useDefaults: options.useDefaults ?? false });
  for (const keyword of KUBERNETES_KEYWORDS) ajv.addKeyword(keyword);
  // What kube-openapi's strfmt accepts for date-time (RFC 3339), written independently of field-checks.ts.
  ajv.addFormat('date-time', (text) => !Number.isNaN(Date.parse(text)) && /^\d{4}-\d\d-\d\dT/i.test(text));
  return ajv;
}

let compiled: ValidateFunction | undefined;
function schemaValidator(): ValidateFunction {
  compiled ??= newAjv().compile(gameClusterSchema() as object);
  return compiled;
}

/** `/spec/env/0/name` -> `spec.env[0].name`. */
export function toFieldPath(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path === '' ? part : `${path}.${part}`), '');
}

function ajvPath(error: ErrorObject): string {
  const path = toFieldPath(error.instancePath);
  if (error.keyword !== 'required') return path;
  const missing = (error.params as { missingProperty: string }).missingProperty;
  return path === '' ? missing : `${path}.${missing}`;
}

/** x-kubernetes-list-type set/map: repeated values or keys, on lists that are otherwise valid. */
function listTypeProblems(schema: SchemaNode, value: Json, path: string, invalid: readonly string[]): string[] {
  const found: string[] = [];
  if (Array.isArray(value)) {
    const listType = schema['x-kubernetes-list-type'];
    const clean = !invalid.some((bad) => bad === path || bad.startsWith(`${path}[`));
    if ((listType === 'set' || listType === 'map') && clean) {
      const seen = new Set<string>();
      value.forEach((item, index) => {
        const keys = schema['x-kubernetes-list-map-keys'] ?? [];
        const key = JSON.stringify(listType === 'set' ? item : keys.map((k) => (item as Record<string, Json>)[k]));
        if (seen.has(key)) found.push(`${path}[${index}]`);
        seen.add(key);
      });
    }
    value.forEach((item, index) => {
      if (schema.items) found.push(...listTypeProblems(schema.items, item, `${path}[${index}]`, invalid));
    });
  } else if (isObject(value) && schema.properties !== undefined) {
    for (const [name, child] of Object.entries(value)) {
      const childSchema = schema.properties[name];
      if (childSchema !== undefined) {
        found.push(...listTypeProblems(childSchema, child, path === '' ? name : `${path}.${name}`, invalid));
      }
    }
  }
  return found;
}

/** The CEL rules of the YAML with where they sit, in schema order. */
export function crdCelRules(schema: SchemaNode = gameClusterSchema()): (CrdValidationRule & { at: string })[] {
  const rules: (CrdValidationRule & { at: string })[] = [];
  for (const [path, node] of schemaNodes(schema)) {
    for (const rule of node['x-kubernetes-validations'] ?? []) rules.push({ at: path, ...rule });
  }
  return rules;
}

function twinOf(rule: CrdValidationRule & { at: string }): CelRule {
  const twin = GAMECLUSTER_CEL_RULES.find((t) => t.at === rule.at && t.rule === rule.rule);
  if (twin === undefined) throw new Error(`CEL rule at '${rule.at}' has no TypeScript twin: ${rule.rule}`);
  return twin;
}

function touches(invalid: readonly string[], reads: readonly string[]): boolean {
  return invalid.some((bad) =>
    reads.some(
      (read) => bad === read || bad.startsWith(`${read}.`) || bad.startsWith(`${read}[`) || read.startsWith(`${bad}.`),
    ),
  );
}

/**
 * The field paths the API server would reject `manifest` on (sorted, unique), or [] if it would store it.
 * apiVersion and kind are the API server's own business and are not checked here.
 */
export function apiServerProblemPaths(manifest: Json): string[] {
  const schema = gameClusterSchema();
  const stored = apiServerDefaulting(schema, manifest);
  const validate = schemaValidator();
  const invalid = validate(stored) ? [] : (validate.errors ?? []).map(ajvPath);
  const paths = [...invalid, ...listTypeProblems(schema, stored, '', invalid)];
  for (const rule of crdCelRules(schema)) {
    const twin = twinOf(rule);
    if (!touches(invalid, twin.reads) && !twin.holds(stored as GameCluster)) paths.push(celRulePath(twin));
  }
  return [...new Set(paths)].sort();
}

/** The sorted, unique paths of problems (what validateGameCluster reported). */
export function problemPaths(problems: readonly FieldProblem[]): string[] {
  return [...new Set(problems.map((p) => p.path))].sort();
}
