// withDefaults() fills exactly what the API server fills under the CRD's `default:` values (its defaulting
// algorithm transcribed in testing/crd-schema.ts, and ajv's useDefaults as a second opinion): on a table of
// partial manifests and on random ones generated from the schema.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { GAMECLUSTER_DEFAULTS, withDefaults } from './defaults.ts';
import type { GameClusterManifest } from './game-cluster.ts';
import { API_VERSION, KIND } from './game-cluster.ts';
import { apiServerDefaulting, gameClusterSchema, loadYaml, newAjv, type SchemaNode } from './testing/crd-schema.ts';

const schema = gameClusterSchema();

function manifest(spec: Record<string, unknown>, extra: Record<string, unknown> = {}): GameClusterManifest {
  return {
    apiVersion: API_VERSION,
    kind: KIND,
    metadata: { name: 'arena', namespace: 'games' },
    spec: { image: 'ghcr.io/gamecluster/node', ...spec },
    ...extra,
  } as GameClusterManifest;
}

const cases: { desc: string; input: GameClusterManifest }[] = [
  { desc: 'only the image', input: manifest({}) },
  { desc: 'one role given, with replicas only', input: manifest({ roles: { zone: { replicas: 5 } } }) },
  {
    desc: 'resources given in part (kept as given, not merged with the defaults)',
    input: manifest({ roles: { db: { resources: { limits: { memory: '1Gi' } } }, gate: { resources: {} } } }),
  },
  { desc: 'autoscaling in part', input: manifest({ zoneAutoscaling: { enabled: true, maxReplicas: 3 } }) },
  {
    desc: 'postgres with its secret',
    input: manifest({ database: { mode: 'postgres', secretRef: { name: 'pg', key: 'url' } } }),
  },
  { desc: 'env items without a value', input: manifest({ env: [{ name: 'A' }, { name: 'B', value: 'x' }] }) },
  { desc: 'empty objects everywhere', input: manifest({ roles: {}, gateService: {}, etcd: {}, updateStrategy: {} }) },
  {
    desc: 'nulls, which the API server drops before defaulting',
    input: manifest({ version: null, gateService: null, roles: { gate: null, zone: { replicas: null } }, env: null }),
  },
  {
    desc: 'fields the schema does not know, which the API server prunes',
    input: manifest({ bogus: 1, roles: { zone: { replicas: 3, extra: true } }, gateService: { nodePort: 30000 } }),
  },
  {
    desc: 'a status, copied as it is',
    input: manifest({}, { status: { observedGeneration: 2, players: 10, version: '0.1.0' } }),
  },
  {
    desc: 'examples/gamecluster-arena.yaml',
    input: loadYaml('examples/gamecluster-arena.yaml') as GameClusterManifest,
  },
  {
    desc: 'examples/gamecluster-production.yaml',
    input: loadYaml('examples/gamecluster-production.yaml') as GameClusterManifest,
  },
];

describe('withDefaults', () => {
  it.each(cases)('fills what the API server fills: $desc', ({ input }) => {
    expect(withDefaults(input)).toStrictEqual(apiServerDefaulting(schema, input));
  });

  it.each(cases.filter(({ desc }) => !desc.startsWith('nulls') && !desc.startsWith('fields the schema')))(
    "fills what ajv's useDefaults fills: $desc",
    ({ input }) => {
      const validate = newAjv({ useDefaults: true }).compile(schema as object);
      const copy = structuredClone(input);
      validate(copy);
      expect(withDefaults(input)).toStrictEqual(copy);
    },
  );

  it('fills the defaults of GAMECLUSTER_DEFAULTS into a minimal manifest', () => {
    expect(withDefaults(manifest({})).spec).toStrictEqual({
      ...GAMECLUSTER_DEFAULTS,
      image: 'ghcr.io/gamecluster/node',
    });
  });

  it('keeps given values, including falsy ones (0, false, empty string, empty list)', () => {
    const spec = withDefaults(
      manifest({
        roles: { world: { replicas: 0 } },
        zoneAutoscaling: { enabled: false },
        env: [{ name: 'EMPTY', value: '' }],
        updateStrategy: { maxSurge: 0, maxUnavailable: 1 },
      }),
    ).spec;
    expect([spec.roles.world.replicas, spec.zoneAutoscaling.enabled, spec.env, spec.updateStrategy]).toEqual([
      0,
      false,
      [{ name: 'EMPTY', value: '' }],
      { maxSurge: 0, maxUnavailable: 1 },
    ]);
  });

  it('neither changes its input nor shares objects with it or with the defaults', () => {
    const input = manifest({ etcd: { endpoints: ['http://a:2379'] } }, { status: { players: 1 } });
    const before = structuredClone(input);
    const result = withDefaults(input);
    expect(input).toStrictEqual(before);
    expect(result.spec.etcd.endpoints).not.toBe(input.spec.etcd?.endpoints);
    expect(result.metadata).not.toBe(input.metadata);
    expect(result.status).not.toBe(input.status);
    expect(withDefaults(manifest({})).spec.roles.zone).not.toBe(GAMECLUSTER_DEFAULTS.roles.zone);
    expect(withDefaults(manifest({})).spec.env).not.toBe(GAMECLUSTER_DEFAULTS.env);
    expect(Object.isFrozen(GAMECLUSTER_DEFAULTS.roles.zone.resources.requests)).toBe(true);
  });
});

/** Any partial spec the schema describes (values within its types, some fields null), for the property test. */
function partialOf(node: SchemaNode): fc.Arbitrary<unknown> {
  switch (node.type) {
    case 'object': {
      const properties = Object.entries(node.properties ?? {}).map(
        ([name, child]) => [name, fc.oneof({ arbitrary: partialOf(child), weight: 5 }, fc.constant(null))] as const,
      );
      return fc.record(Object.fromEntries(properties), { requiredKeys: [] });
    }
    case 'array':
      return fc.array(partialOf(node.items!), { maxLength: 3 });
    case 'integer':
      return fc.integer({ min: (node.minimum as number | undefined) ?? 0, max: (node.maximum as number) ?? 1000 });
    case 'boolean':
      return fc.boolean();
    default:
      return node.enum ? fc.constantFrom(...(node.enum as string[])) : fc.constantFrom('', 'a', '100m', 'x_y');
  }
}

describe('withDefaults on random partial manifests', () => {
  it('matches the API server on any partial spec the schema describes', () => {
    const specs = partialOf(schema.properties!.spec!) as fc.Arbitrary<Record<string, unknown>>;
    fc.assert(
      fc.property(specs, (spec) => {
        const input = manifest({ ...spec, image: 'ghcr.io/gamecluster/node' });
        expect(withDefaults(input)).toStrictEqual(apiServerDefaulting(schema, input));
      }),
      { numRuns: 300 },
    );
  });
});
