// Every field of the CRD, broken every way its schema allows to break it (wrong type, one past each bound, not in
// the enum, too long, too few or too many items, a repeated item, a required field left out) and set to each
// bound: validateGameCluster() and the CRD (ajv on the YAML schema plus the CEL rules) must report the same paths.
// Generated from the YAML, so a field added to the CRD is covered without writing a case for it.
import { describe, expect, it } from '@jest/globals';
import { InvalidGameClusterError } from './errors.ts';
import { API_VERSION, KIND, ROLES } from './game-cluster.ts';
import { apiServerProblemPaths, gameClusterSchema, problemPaths, type SchemaNode } from './testing/crd-schema.ts';
import { validateGameCluster } from './validation.ts';

const ROLE_STATUS = { replicas: 3, ready: 3, updated: 3, draining: 0, players: 90 };

/** A manifest with every field set, valid: the base each mutation starts from. */
const BASE = {
  apiVersion: API_VERSION,
  kind: KIND,
  metadata: { name: 'arena-eu', namespace: 'games' },
  spec: {
    image: 'ghcr.io/gamecluster/node',
    version: '0.1.0',
    app: 'arena',
    roles: Object.fromEntries(
      ROLES.map((role) => [
        role,
        { replicas: 2, resources: { requests: { cpu: '500m', memory: '512Mi' }, limits: { cpu: '1', memory: '1Gi' } } },
      ]),
    ),
    gateService: { type: 'LoadBalancer', port: 443 },
    zoneAutoscaling: {
      enabled: true,
      minReplicas: 2,
      maxReplicas: 40,
      targetPlayersPerPod: 800,
      scaleDownStabilizationSeconds: 600,
    },
    etcd: { endpoints: ['http://etcd-0:2379', 'http://etcd-1:2379'] },
    database: { mode: 'postgres', secretRef: { name: 'arena-postgres', key: 'url' } },
    drainTimeoutSeconds: 120,
    updateStrategy: { maxSurge: 1, maxUnavailable: 0 },
    env: [
      { name: 'A', value: '1' },
      { name: 'B', value: '2' },
    ],
    networkPolicy: { enabled: true },
  },
  status: {
    observedGeneration: 4,
    conditions: [
      {
        type: 'Ready',
        status: 'True',
        reason: 'AllPodsReady',
        message: 'ok',
        lastTransitionTime: '2025-03-01T10:00:00Z',
        observedGeneration: 4,
      },
    ],
    roles: Object.fromEntries(ROLES.map((role) => [role, ROLE_STATUS])),
    players: 90,
    version: '0.1.0',
    zoneSelector: 'gamecluster.io/cluster=arena-eu,gamecluster.io/role=zone',
    zoneReplicas: 3,
  },
};

type Key = string | number;

interface Mutation {
  readonly desc: string;
  readonly at: readonly Key[];
  /** undefined: delete the field. */
  readonly value: unknown;
  /** True when the API server must reject it on this field. */
  readonly invalid: boolean;
}

const WRONG_TYPE: Record<string, unknown> = { string: 42, integer: 'seven', boolean: 'true', object: 'x', array: 'x' };

function valuesFor(node: SchemaNode, current: unknown): { desc: string; value: unknown; invalid: boolean }[] {
  const out = [
    { desc: `wrong type ${JSON.stringify(WRONG_TYPE[node.type!])}`, value: WRONG_TYPE[node.type!], invalid: true },
  ];
  const n = (key: string) => node[key] as number | undefined;
  if (node.type === 'integer') {
    out.push({ desc: 'fraction', value: 1.5, invalid: true });
    if (n('minimum') !== undefined) {
      out.push({ desc: 'minimum - 1', value: n('minimum')! - 1, invalid: true });
      out.push({ desc: 'minimum', value: n('minimum'), invalid: false });
    }
    if (n('maximum') !== undefined) {
      out.push({ desc: 'maximum + 1', value: n('maximum')! + 1, invalid: true });
      out.push({ desc: 'maximum', value: n('maximum'), invalid: false });
    }
  }
  if (node.type === 'string') {
    if (node.enum !== undefined) out.push({ desc: 'not in the enum', value: 'Bogus', invalid: true });
    if (n('maxLength') !== undefined) {
      out.push({ desc: 'maxLength + 1', value: 'a'.repeat(n('maxLength')! + 1), invalid: true });
    }
    if (n('minLength') !== undefined) out.push({ desc: 'empty', value: '', invalid: n('minLength')! > 0 });
    if (node.pattern !== undefined || node.format !== undefined) {
      for (const value of ['', ' a b ', '-x', 'A:B@c/d?e', 'a\nb'])
        out.push({ desc: `pattern ${JSON.stringify(value)}`, value, invalid: false });
    }
  }
  if (node.type === 'array' && Array.isArray(current)) {
    if (n('minItems') !== undefined) out.push({ desc: 'too few items', value: [], invalid: n('minItems')! > 0 });
    if (n('maxItems') !== undefined) {
      const many = Array.from({ length: n('maxItems')! + 1 }, () => current[0]);
      out.push({ desc: 'too many items', value: many, invalid: true });
    }
    if (node['x-kubernetes-list-type'] === 'set' || node['x-kubernetes-list-type'] === 'map') {
      out.push({ desc: 'a repeated item', value: [current[0], current[0]], invalid: true });
    }
  }
  return out;
}

/** Every mutation of every field of BASE that the schema constrains. */
function mutations(node: SchemaNode, current: unknown, at: Key[]): Mutation[] {
  const here: Mutation[] = at.length === 0 ? [] : valuesFor(node, current).map((m) => ({ ...m, at }));
  if (node.type === 'object' && typeof current === 'object' && current !== null) {
    const record = current as Record<string, unknown>;
    for (const name of node.required ?? [])
      here.push({ desc: 'left out', at: [...at, name], value: undefined, invalid: true });
    for (const [name, child] of Object.entries(node.properties ?? {})) {
      if (name !== 'metadata' && record[name] !== undefined)
        here.push(...mutations(child, record[name], [...at, name]));
    }
  }
  if (node.type === 'array' && Array.isArray(current) && current.length > 0) {
    here.push(...mutations(node.items!, current[0], [...at, 0]));
  }
  return here;
}

function mutate(at: readonly Key[], value: unknown): unknown {
  const copy = structuredClone(BASE) as Record<Key, unknown>;
  let parent = copy;
  for (const key of at.slice(0, -1)) parent = parent[key] as Record<Key, unknown>;
  if (value === undefined) delete parent[at.at(-1)!];
  else parent[at.at(-1)!] = value;
  return copy;
}

function fieldPath(at: readonly Key[]): string {
  return at.reduce<string>(
    (path, key) => (typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key),
    '',
  );
}

function tsPaths(input: unknown): string[] {
  try {
    validateGameCluster(input);
    return [];
  } catch (error) {
    if (error instanceof InvalidGameClusterError) return problemPaths(error.problems);
    throw error;
  }
}

const all = mutations(gameClusterSchema(), BASE, []);
const cases = all.map((m) => ({ ...m, path: fieldPath(m.at) }));

describe('every constrained field, broken and at its bounds', () => {
  it('the base manifest is valid for both', () => {
    expect([apiServerProblemPaths(BASE), tsPaths(BASE)]).toEqual([[], []]);
  });

  it('covers every field of the schema', () => {
    const mutated = new Set(cases.map((c) => c.path.replace(/\[\d+\]/g, '[]')));
    expect(mutated.size).toBeGreaterThan(60);
    expect(mutated).toContain('spec.etcd.endpoints[]');
    expect(mutated).toContain('status.conditions[].lastTransitionTime');
  });

  it.each(cases)('$path: $desc', ({ at, value, invalid, path }) => {
    const input = mutate(at, value);
    const fromCrd = apiServerProblemPaths(input);
    expect(tsPaths(input)).toEqual(fromCrd);
    // Reported on the field itself, or on the item or part of it that is wrong.
    if (invalid) expect([path, fromCrd.some((p) => p === path || p.startsWith(`${path}[`))]).toEqual([path, true]);
  });
});
