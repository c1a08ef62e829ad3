// The CRD in crds/ and the TypeScript API agree: a CRD the API server accepts (kubernetes-models, structural-schema
// rules), the resource's names, subresources and columns, the same fields as the types, the same keywords as
// game-cluster-fields.ts, the same defaults as defaults.ts, and every CEL rule with its TypeScript twin.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { CustomResourceDefinition } from 'kubernetes-models/apiextensions.k8s.io/v1';
import { GAMECLUSTER_CEL_RULES } from './cel-rules.ts';
import { GAMECLUSTER_DEFAULTS, GAMECLUSTER_ITEM_DEFAULTS } from './defaults.ts';
import type { Field } from './field-checks.ts';
import type { Condition, GameCluster, GameClusterManifest, RoleStatus } from './game-cluster.ts';
import { API_VERSION, GROUP, KIND, PLURAL, ROLES, SHORT_NAME, VERSION } from './game-cluster.ts';
import { GAMECLUSTER_SPEC_FIELD, GAMECLUSTER_STATUS_FIELD } from './game-cluster-fields.ts';
import {
  apiServerDefaulting,
  apiServerProblemPaths,
  crdCelRules,
  gameClusterSchema,
  loadCrd,
  loadYaml,
  newAjv,
  REPOSITORY_ROOT,
  type SchemaNode,
  schemaNodes,
} from './testing/crd-schema.ts';
import { validateGameCluster } from './validation.ts';

const crd = loadCrd();
const schema = gameClusterSchema(crd);
const specSchema = schema.properties!.spec!;
const statusSchema = schema.properties!.status!;

/** The schema node at a field path such as `spec.roles.zone.replicas` (`[]` steps into list items). */
function nodeAt(path: string): SchemaNode | undefined {
  let node: SchemaNode | undefined = schema;
  for (const part of path.split('.')) {
    const [name, ...items] = part.split('[]');
    node = node?.properties?.[name!];
    for (const _ of items) node = node?.items;
  }
  return node;
}

describe('the CRD object', () => {
  it('is a valid apiextensions.k8s.io/v1 CustomResourceDefinition', () => {
    expect(() => new CustomResourceDefinition(loadCrd() as never).validate()).not.toThrow();
  });

  it('fails that validation when broken (the check can fail)', () => {
    const broken = loadCrd() as unknown as { spec: { names: Record<string, unknown> } };
    delete broken.spec.names.plural;
    expect(() => new CustomResourceDefinition(broken as never).validate()).toThrow();
  });

  it('names the resource as the TypeScript API does', () => {
    expect(crd.metadata.name).toBe(`${PLURAL}.${GROUP}`);
    expect(crd.spec.group).toBe(GROUP);
    expect(crd.spec.scope).toBe('Namespaced');
    expect(crd.spec.names).toEqual({
      kind: KIND,
      listKind: `${KIND}List`,
      plural: PLURAL,
      singular: 'gamecluster',
      shortNames: [SHORT_NAME],
      categories: ['gamecluster'],
    });
    expect(crd.spec.versions.map((v) => [v.name, v.served, v.storage])).toEqual([[VERSION, true, true]]);
    expect(API_VERSION).toBe(`${crd.spec.group}/${crd.spec.versions[0]!.name}`);
  });

  it('has status and scale subresources, scale being the zone replicas with a selector for an HPA', () => {
    const { subresources } = crd.spec.versions[0]!;
    expect(subresources).toEqual({
      status: {},
      scale: {
        specReplicasPath: '.spec.roles.zone.replicas',
        statusReplicasPath: '.status.zoneReplicas',
        labelSelectorPath: '.status.zoneSelector',
      },
    });
    expect(nodeAt('spec.roles.zone.replicas')?.type).toBe('integer');
    expect(nodeAt('status.zoneReplicas')?.type).toBe('integer');
    expect(nodeAt('status.zoneSelector')?.type).toBe('string');
  });

  it('prints Ready, Zones, Players, Version and Age, each from a field of the right type', () => {
    const columns = crd.spec.versions[0]!.additionalPrinterColumns;
    expect(columns.map((c) => [c.name, c.type, c.jsonPath])).toEqual([
      ['Ready', 'string', '.status.conditions[?(@.type=="Ready")].status'],
      ['Zones', 'integer', '.status.zoneReplicas'],
      ['Players', 'integer', '.status.players'],
      ['Version', 'string', '.status.version'],
      ['Age', 'date', '.metadata.creationTimestamp'],
    ]);
    expect(nodeAt('status.conditions[].status')?.enum).toEqual(['True', 'False', 'Unknown']);
    for (const column of columns.slice(1, 4)) expect(nodeAt(column.jsonPath.slice(1))?.type).toBe(column.type);
  });
});

const KNOWN_KEYWORDS = new Set([
  'type',
  'description',
  'properties',
  'items',
  'required',
  'default',
  'enum',
  'minimum',
  'maximum',
  'minLength',
  'maxLength',
  'pattern',
  'format',
  'minItems',
  'maxItems',
  'x-kubernetes-validations',
  'x-kubernetes-list-type',
  'x-kubernetes-list-map-keys',
]);

/** Keys in `value` the schema does not know (the API server would prune them). */
function unknownKeys(node: SchemaNode, value: unknown, path: string): string[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => unknownKeys(node.items!, item, `${path}[${i}]`));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const childNode = node.properties?.[key];
    return childNode === undefined ? [`${path}.${key}`] : unknownKeys(childNode, child, `${path}.${key}`);
  });
}

describe('the schema is structural', () => {
  const nodes = [...schemaNodes(schema)];

  it.each(nodes.map(([path, node]) => ({ path: path || '(root)', node })))('$path has a type', ({ node }) => {
    expect(['object', 'array', 'string', 'integer', 'boolean', 'number']).toContain(node.type);
  });

  it('uses only keywords the API server and these tests know, and no $ref or preserve-unknown-fields', () => {
    for (const [path, node] of nodes) {
      for (const keyword of Object.keys(node))
        expect([path, keyword, KNOWN_KEYWORDS.has(keyword)]).toEqual([path, keyword, true]);
    }
    expect(JSON.stringify(schema)).not.toContain('x-kubernetes-preserve-unknown-fields');
  });

  it('leaves metadata to the API server (type object, nothing else)', () => {
    expect(schema.properties!.metadata).toEqual({ type: 'object' });
  });

  it('types every object: properties on every object except metadata, items on every array', () => {
    for (const [path, node] of nodes) {
      if (node.type === 'object' && path !== 'metadata')
        expect([path, node.properties !== undefined]).toEqual([path, true]);
      if (node.type === 'array') expect([path, node.items !== undefined]).toEqual([path, true]);
    }
  });

  it('keys map lists by fields that are required', () => {
    for (const [path, node] of nodes) {
      if (node['x-kubernetes-list-type'] !== 'map') continue;
      for (const key of node['x-kubernetes-list-map-keys'] ?? []) {
        expect([path, key, node.items?.required?.includes(key)]).toEqual([path, key, true]);
        expect(node.items?.properties?.[key]?.type).toBe('string');
      }
    }
  });

  it('gives every default a value the schema accepts, with nothing the schema would prune', () => {
    const ajv = newAjv();
    for (const [path, node] of nodes) {
      if (node.default === undefined) continue;
      const defaulted = apiServerDefaulting(node, node.default);
      const validate = ajv.compile(node as object);
      expect([path, validate(defaulted), validate.errors ?? null]).toEqual([path, true, null]);
      expect([path, unknownKeys(node, node.default, path)]).toEqual([path, []]);
    }
  });

  it('writes every CEL rule with a one-line message', () => {
    const rules = crdCelRules(schema);
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) {
      expect(rule.message).toMatch(/^[^\n]+$/);
      expect(rule.message!.length).toBeLessThan(300);
    }
  });

  it('compiles in strict ajv with only the Kubernetes keywords added', () => {
    expect(() => newAjv().compile(schema as object)).not.toThrow();
  });
});

/** The keywords validation depends on, in one shape for schema nodes and for game-cluster-fields.ts. */
function keywordsOfSchema(node: SchemaNode): unknown {
  const out: Record<string, unknown> = { type: node.type };
  for (const key of [
    'enum',
    'minimum',
    'maximum',
    'minLength',
    'maxLength',
    'pattern',
    'format',
    'minItems',
    'maxItems',
  ]) {
    if (node[key] !== undefined) out[key] = node[key];
  }
  if (node.required !== undefined) out.required = [...node.required].sort();
  if (node['x-kubernetes-list-type'] !== undefined) out.listType = node['x-kubernetes-list-type'];
  if (node['x-kubernetes-list-map-keys'] !== undefined) out.listMapKeys = node['x-kubernetes-list-map-keys'];
  if (node.properties !== undefined) {
    out.properties = Object.fromEntries(Object.entries(node.properties).map(([k, v]) => [k, keywordsOfSchema(v)]));
  }
  if (node.items !== undefined) out.items = keywordsOfSchema(node.items);
  return out;
}

function keywordsOfField(field: Field): unknown {
  const { hint: _hint, ...rest } = field as Field & { hint?: string };
  const out: Record<string, unknown> = { ...rest };
  if (field.type === 'object') {
    out.properties = Object.fromEntries(Object.entries(field.properties).map(([k, v]) => [k, keywordsOfField(v)]));
    if (field.required !== undefined) out.required = [...field.required].sort();
  }
  if (field.type === 'array') out.items = keywordsOfField(field.items);
  return out;
}

describe('game-cluster-fields.ts checks what the schema checks', () => {
  it('spec: the same fields, types, bounds, patterns, enums, required fields and list types', () => {
    expect(keywordsOfField(GAMECLUSTER_SPEC_FIELD)).toEqual(keywordsOfSchema(specSchema));
  });

  it('status: the same', () => {
    expect(keywordsOfField(GAMECLUSTER_STATUS_FIELD)).toEqual(keywordsOfSchema(statusSchema));
  });

  it('root: apiVersion, kind, metadata, spec (required) and status', () => {
    expect(Object.keys(schema.properties!)).toEqual(['apiVersion', 'kind', 'metadata', 'spec', 'status']);
    expect(schema.required).toEqual(['spec']);
  });

  it('the comparison notices a changed bound', () => {
    const changed = structuredClone(specSchema) as { properties: { drainTimeoutSeconds: { maximum: number } } };
    changed.properties.drainTimeoutSeconds.maximum = 7200;
    expect(keywordsOfField(GAMECLUSTER_SPEC_FIELD)).not.toEqual(keywordsOfSchema(changed as SchemaNode));
  });
});

describe('CEL rules and their TypeScript twins', () => {
  const fromYaml = crdCelRules(schema).map(({ at, rule, message, fieldPath, reason }) => ({
    at,
    rule,
    message,
    ...(fieldPath === undefined ? {} : { fieldPath }),
    ...(reason === undefined ? {} : { reason }),
  }));
  const fromTs = GAMECLUSTER_CEL_RULES.map(({ at, rule, message, fieldPath, reason }) => ({
    at,
    rule,
    message,
    ...(fieldPath === undefined ? {} : { fieldPath }),
    ...(reason === undefined ? {} : { reason }),
  }));

  it('every rule in the YAML has a twin with the same place, text, message, fieldPath and reason, and back', () => {
    expect(fromTs).toEqual(fromYaml);
  });

  it('every twin reads fields the schema has, and reports on one', () => {
    for (const rule of GAMECLUSTER_CEL_RULES) {
      for (const read of rule.reads) {
        if (read !== 'metadata.name') expect([read, nodeAt(read) !== undefined]).toEqual([read, true]);
      }
      if (rule.fieldPath !== undefined) {
        const path = `${rule.at}${rule.fieldPath}`.replace(/^\./, '');
        expect([path, nodeAt(path) !== undefined]).toEqual([path, true]);
      }
    }
  });

  it('the defaults satisfy every rule', () => {
    const cluster = apiServerDefaulting(schema, {
      apiVersion: API_VERSION,
      kind: KIND,
      metadata: { name: 'arena' },
      spec: { image: 'ghcr.io/gamecluster/node' },
    }) as GameCluster;
    for (const rule of GAMECLUSTER_CEL_RULES) expect([rule.rule, rule.holds(cluster)]).toEqual([rule.rule, true]);
  });
});

/** Every field required, recursively: a value of this type has every key the TypeScript types name. */
type DeepRequired<T> = T extends readonly (infer U)[]
  ? readonly DeepRequired<U>[]
  : T extends object
    ? { readonly [K in keyof T]-?: DeepRequired<T[K]> }
    : T;

const ROLE_STATUS: RoleStatus = { replicas: 2, ready: 2, updated: 1, draining: 1, players: 40 };

/** A GameCluster with every field of the TypeScript types set (the type checker rejects a missing or extra key). */
const EVERY_FIELD: DeepRequired<GameCluster> = {
  apiVersion: API_VERSION,
  kind: KIND,
  metadata: {
    name: 'arena',
    namespace: 'games',
    uid: 'u',
    generation: 3,
    resourceVersion: '9',
    labels: {},
    annotations: {},
    finalizers: [],
    deletionTimestamp: '2025-01-01T00:00:00Z',
    creationTimestamp: '2025-01-01T00:00:00Z',
  },
  spec: {
    ...GAMECLUSTER_DEFAULTS,
    image: 'ghcr.io/gamecluster/node',
    database: { mode: 'postgres', secretRef: { name: 'pg', key: 'url' } },
    env: [{ name: 'A', value: 'b' }],
    roles: {
      db: { replicas: 1, resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '2', memory: '2Gi' } } },
      world: { replicas: 1, resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '2', memory: '2Gi' } } },
      match: { replicas: 1, resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '2', memory: '2Gi' } } },
      zone: { replicas: 1, resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '2', memory: '2Gi' } } },
      gate: { replicas: 1, resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '2', memory: '2Gi' } } },
    },
  },
  status: {
    observedGeneration: 3,
    conditions: [
      {
        type: 'Ready',
        status: 'True',
        reason: 'AllPodsReady',
        message: '',
        lastTransitionTime: '2025-01-01T00:00:00Z',
        observedGeneration: 3,
      },
    ],
    roles: { db: ROLE_STATUS, world: ROLE_STATUS, match: ROLE_STATUS, zone: ROLE_STATUS, gate: ROLE_STATUS },
    players: 40,
    version: '0.1.0',
    zoneSelector: 'gamecluster.io/cluster=arena,gamecluster.io/role=zone',
    zoneReplicas: 2,
  },
};

/** Keys of the object that the schema lacks, and schema properties the object lacks, with their paths. */
function nameMismatches(value: unknown, node: SchemaNode, path: string): string[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => nameMismatches(item, node.items!, `${path}[${i}]`));
  if (typeof value !== 'object' || value === null || path === 'metadata' || node.properties === undefined) return [];
  const keys = Object.keys(value);
  const properties = Object.keys(node.properties);
  const join = (name: string) => (path === '' ? name : `${path}.${name}`);
  return [
    ...keys.filter((k) => !properties.includes(k)).map((k) => `only in TypeScript: ${join(k)}`),
    ...properties.filter((k) => !keys.includes(k)).map((k) => `only in the schema: ${join(k)}`),
    ...keys
      .filter((k) => properties.includes(k))
      .flatMap((k) => nameMismatches((value as Record<string, unknown>)[k], node.properties![k]!, join(k))),
  ];
}

type RequiredKeys<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? never : K }[keyof T];
type Same<A, B> = (<X>() => X extends A ? 1 : 2) extends <X>() => X extends B ? 1 : 2 ? true : false;

const CONDITION_REQUIRED = ['type', 'status', 'reason', 'message', 'lastTransitionTime', 'observedGeneration'] as const;
const ROLE_STATUS_REQUIRED = ['replicas', 'ready', 'updated', 'draining', 'players'] as const;
const SPEC_REQUIRED = ['image'] as const;
// Compile-time: each list is exactly the type's required keys (npm run typecheck fails otherwise).
const conditionRequiredMatches: Same<RequiredKeys<Condition>, (typeof CONDITION_REQUIRED)[number]> = true;
const roleStatusRequiredMatches: Same<RequiredKeys<RoleStatus>, (typeof ROLE_STATUS_REQUIRED)[number]> = true;
const specRequiredMatches: Same<RequiredKeys<GameClusterManifest['spec']>, (typeof SPEC_REQUIRED)[number]> = true;

describe('TypeScript field names and the schema property names', () => {
  it('every field of the types is a schema property and every schema property a field of the types', () => {
    expect(nameMismatches(EVERY_FIELD, schema, '')).toEqual([]);
  });

  it('the walk notices a field only one side has', () => {
    const extra = { ...EVERY_FIELD, spec: { ...EVERY_FIELD.spec, replicas: 3 } };
    expect(nameMismatches(extra, schema, '')).toEqual(['only in TypeScript: spec.replicas']);
  });

  it('the fully populated object is valid under the schema (same value types)', () => {
    const validate = newAjv().compile(schema as object);
    expect([validate(EVERY_FIELD), validate.errors ?? null]).toEqual([true, null]);
  });

  it('requires what the types require: spec.image in a manifest; every field of a condition and a role status', () => {
    expect([conditionRequiredMatches, roleStatusRequiredMatches, specRequiredMatches]).toEqual([true, true, true]);
    expect(nodeAt('spec')?.required).toEqual([...SPEC_REQUIRED]);
    expect(nodeAt('status.conditions[]')?.required).toEqual([...CONDITION_REQUIRED]);
    for (const role of ROLES) expect(nodeAt(`status.roles.${role}`)?.required).toEqual([...ROLE_STATUS_REQUIRED]);
  });
});

/** Leaf paths of a defaults object (arrays are leaves) with their values. */
function leaves(value: unknown, path: string): [string, unknown][] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [[path, value]];
  return Object.entries(value).flatMap(([k, v]) => leaves(v, `${path}.${k}`));
}

function valueAt(root: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], root);
}

describe('the schema defaults and defaults.ts', () => {
  const schemaDefaults = [...schemaNodes(specSchema, 'spec')].filter(([, node]) => node.default !== undefined);

  it('every spec field but image has a default; image is required', () => {
    const withoutDefault = Object.entries(specSchema.properties!).filter(([, node]) => node.default === undefined);
    expect(withoutDefault.map(([name]) => name)).toEqual(['image']);
  });

  it('every default in the schema has the same value in GAMECLUSTER_DEFAULTS (or GAMECLUSTER_ITEM_DEFAULTS)', () => {
    const defaulted = apiServerDefaulting(specSchema, { image: 'x' });
    for (const [path, node] of schemaDefaults) {
      if (path.includes('[]')) {
        const [list, field] = path.replace(/^spec\./, '').split('[].');
        expect([path, valueAt(GAMECLUSTER_ITEM_DEFAULTS, `${list}.${field}`)]).toEqual([path, node.default]);
        continue;
      }
      const relative = path.replace(/^spec\./, '');
      const inDefaults = valueAt(GAMECLUSTER_DEFAULTS, relative);
      expect([path, inDefaults !== undefined]).toEqual([path, true]);
      expect([path, inDefaults]).toEqual([path, valueAt(defaulted, relative)]);
      // A default set on a leaf (not `{}` on a parent) is the very value defaults.ts holds.
      if (typeof node.default !== 'object' || Array.isArray(node.default)) {
        expect([path, inDefaults]).toEqual([path, node.default]);
      }
    }
  });

  it('every value in GAMECLUSTER_DEFAULTS has a default in the schema, on the field or on a parent object', () => {
    const defaultedPaths = new Set(schemaDefaults.map(([path]) => path));
    const all = [...leaves(GAMECLUSTER_DEFAULTS, 'spec'), ...leaves(GAMECLUSTER_ITEM_DEFAULTS.env, 'spec.env[]')];
    for (const [path] of all) {
      const ancestors = path.split('.').map((_, i, parts) => parts.slice(0, i + 1).join('.'));
      const covered = ancestors.some((p) => defaultedPaths.has(p) && p !== 'spec');
      expect([path, covered]).toEqual([path, true]);
    }
  });

  it('a minimal manifest defaults to GAMECLUSTER_DEFAULTS under the schema', () => {
    expect(apiServerDefaulting(specSchema, { image: 'x' })).toStrictEqual({ ...GAMECLUSTER_DEFAULTS, image: 'x' });
  });
});

describe('examples/gamecluster-*.yaml', () => {
  const examples = readdirSync(new URL('examples/', REPOSITORY_ROOT)).filter((f) => /^gamecluster-.*\.yaml$/.test(f));

  it('there are examples (arena and production at least)', () => {
    expect(examples).toEqual(expect.arrayContaining(['gamecluster-arena.yaml', 'gamecluster-production.yaml']));
  });

  it.each(examples)('%s is valid under the CRD and for validateGameCluster', (file) => {
    const example = loadYaml(`examples/${file}`);
    expect(apiServerProblemPaths(example)).toEqual([]);
    expect(validateGameCluster(example)).toStrictEqual(apiServerDefaulting(schema, example));
  });

  it('the arena demo embeds its database and autoscales; production uses PostgreSQL from a Secret', () => {
    const arena = validateGameCluster(loadYaml('examples/gamecluster-arena.yaml'));
    const production = validateGameCluster(loadYaml('examples/gamecluster-production.yaml'));
    expect([arena.spec.database.mode, arena.spec.zoneAutoscaling.enabled]).toEqual(['embedded', true]);
    expect(production.spec.database).toEqual({ mode: 'postgres', secretRef: { name: 'arena-postgres', key: 'url' } });
  });
});
