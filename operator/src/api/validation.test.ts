// validateGameCluster() accepts exactly what the API server would accept under the CRD and reports the same field
// paths: good and bad samples (including examples/), each checked against hand-written expectations AND against
// the CRD itself (ajv on the YAML schema plus the CEL rules, testing/crd-schema.ts). Also the error's shape.
import { describe, expect, it } from '@jest/globals';
import { GAMECLUSTER_CEL_RULES } from './cel-rules.ts';
import { withDefaults } from './defaults.ts';
import { InvalidGameClusterError } from './errors.ts';
import type { FieldProblem } from './field-checks.ts';
import type { GameCluster, GameClusterManifest } from './game-cluster.ts';
import { API_VERSION, KIND } from './game-cluster.ts';
import { apiServerProblemPaths, loadYaml, problemPaths } from './testing/crd-schema.ts';
import { validateGameCluster } from './validation.ts';

function manifest(spec: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    apiVersion: API_VERSION,
    kind: KIND,
    metadata: { name: 'arena', namespace: 'games' },
    spec: { image: 'ghcr.io/gamecluster/node', ...spec },
    ...extra,
  };
}

function problemsOf(input: unknown): readonly FieldProblem[] {
  try {
    validateGameCluster(input);
    return [];
  } catch (error) {
    if (error instanceof InvalidGameClusterError) return error.problems;
    throw error;
  }
}

const FULL_STATUS = {
  observedGeneration: 4,
  conditions: [
    {
      type: 'Ready',
      status: 'True',
      reason: 'AllPodsReady',
      message: 'every role is ready',
      lastTransitionTime: '2025-03-01T10:00:00Z',
      observedGeneration: 4,
    },
    {
      type: 'Progressing',
      status: 'False',
      reason: 'RolloutDone',
      message: '',
      lastTransitionTime: '2025-03-01T10:00:00.123+02:00',
      observedGeneration: 4,
    },
  ],
  roles: { zone: { replicas: 2, ready: 2, updated: 2, draining: 0, players: 120 } },
  players: 120,
  version: '0.1.0',
  zoneSelector: 'gamecluster.io/cluster=arena,gamecluster.io/role=zone',
  zoneReplicas: 2,
};

const good: { desc: string; input: Record<string, unknown> }[] = [
  { desc: 'only the image', input: manifest({}) },
  { desc: 'examples/gamecluster-arena.yaml', input: loadYaml('examples/gamecluster-arena.yaml') as never },
  { desc: 'examples/gamecluster-production.yaml', input: loadYaml('examples/gamecluster-production.yaml') as never },
  { desc: 'a registry with a port', input: manifest({ image: 'localhost:5000/gamecluster/node' }) },
  { desc: 'bounds: ports 1 and 65535', input: manifest({ gateService: { port: 1 } }) },
  {
    desc: 'bounds: port 65535, drain 3600 s',
    input: manifest({ gateService: { port: 65535 }, drainTimeoutSeconds: 3600 }),
  },
  {
    desc: 'every role at 0 replicas (a stopped cluster)',
    input: manifest({
      roles: Object.fromEntries(['db', 'world', 'match', 'zone', 'gate'].map((r) => [r, { replicas: 0 }])),
    }),
  },
  {
    desc: 'zone replicas outside the autoscaler range (the autoscaler corrects it; no rule)',
    input: manifest({
      roles: { zone: { replicas: 50 } },
      zoneAutoscaling: { enabled: true, minReplicas: 1, maxReplicas: 4 },
    }),
  },
  { desc: 'min = max', input: manifest({ zoneAutoscaling: { minReplicas: 3, maxReplicas: 3 } }) },
  { desc: 'maxSurge 0 with maxUnavailable 1', input: manifest({ updateStrategy: { maxSurge: 0, maxUnavailable: 1 } }) },
  {
    desc: 'postgres with several db pods',
    input: manifest({
      roles: { db: { replicas: 3 } },
      database: { mode: 'postgres', secretRef: { name: 'pg.x', key: 'DB_URL' } },
    }),
  },
  { desc: 'a name of exactly 40 characters', input: { ...manifest({}), metadata: { name: `a${'b'.repeat(39)}` } } },
  { desc: 'unknown fields (pruned)', input: manifest({ bogus: true, roles: { zone: { replicas: 2, typo: 1 } } }) },
  { desc: 'nulls (dropped, then defaulted)', input: manifest({ version: null, roles: null, env: null }) },
  { desc: 'a full status', input: manifest({}, { status: FULL_STATUS }) },
  {
    desc: 'env with an empty value and a value left out',
    input: manifest({ env: [{ name: '_A', value: '' }, { name: 'b1' }] }),
  },
];

describe('validateGameCluster accepts what the API server accepts', () => {
  it.each(good)('$desc', ({ input }) => {
    expect(apiServerProblemPaths(input)).toEqual([]);
    expect(problemsOf(input)).toEqual([]);
    expect(validateGameCluster(input)).toStrictEqual(withDefaults(input as unknown as GameClusterManifest));
  });
});

const bad: { desc: string; input: Record<string, unknown>; paths: string[] }[] = [
  { desc: 'no spec', input: { apiVersion: API_VERSION, kind: KIND, metadata: { name: 'arena' } }, paths: ['spec'] },
  { desc: 'no image', input: manifest({ image: undefined }), paths: ['spec.image'] },
  { desc: 'a null image', input: manifest({ image: null }), paths: ['spec.image'] },
  { desc: 'an image with a tag', input: manifest({ image: 'ghcr.io/gamecluster/node:0.1.0' }), paths: ['spec.image'] },
  { desc: 'an image with a digest', input: manifest({ image: 'node@sha256:abc' }), paths: ['spec.image'] },
  { desc: 'an empty image', input: manifest({ image: '' }), paths: ['spec.image'] },
  { desc: 'a version starting with -', input: manifest({ version: '-rc1' }), paths: ['spec.version'] },
  { desc: 'a numeric version (YAML 1.0 unquoted)', input: manifest({ version: 1 }), paths: ['spec.version'] },
  { desc: 'an empty app', input: manifest({ app: '' }), paths: ['spec.app'] },
  {
    desc: 'negative replicas',
    input: manifest({ roles: { zone: { replicas: -1 } } }),
    paths: ['spec.roles.zone.replicas'],
  },
  {
    desc: 'fractional replicas',
    input: manifest({ roles: { gate: { replicas: 1.5 } } }),
    paths: ['spec.roles.gate.replicas'],
  },
  {
    desc: 'replicas as a string',
    input: manifest({ roles: { world: { replicas: '2' } } }),
    paths: ['spec.roles.world.replicas'],
  },
  {
    desc: 'too many replicas',
    input: manifest({ roles: { match: { replicas: 1001 } } }),
    paths: ['spec.roles.match.replicas'],
  },
  { desc: 'roles not an object', input: manifest({ roles: [1] }), paths: ['spec.roles'] },
  {
    desc: 'bad quantities',
    input: manifest({
      roles: { zone: { resources: { requests: { cpu: '1 core', memory: '-1Gi' }, limits: { memory: 512 } } } },
    }),
    paths: [
      'spec.roles.zone.resources.limits.memory',
      'spec.roles.zone.resources.requests.cpu',
      'spec.roles.zone.resources.requests.memory',
    ],
  },
  { desc: 'port 0', input: manifest({ gateService: { port: 0 } }), paths: ['spec.gateService.port'] },
  { desc: 'port 65536', input: manifest({ gateService: { port: 65536 } }), paths: ['spec.gateService.port'] },
  {
    desc: 'an unknown Service type',
    input: manifest({ gateService: { type: 'Ingress' } }),
    paths: ['spec.gateService.type'],
  },
  {
    desc: 'min > max (CEL)',
    input: manifest({ zoneAutoscaling: { enabled: true, minReplicas: 5, maxReplicas: 2 } }),
    paths: ['spec.zoneAutoscaling.minReplicas'],
  },
  {
    desc: 'min > max by the default max (CEL on the defaulted object)',
    input: manifest({ zoneAutoscaling: { minReplicas: 11 } }),
    paths: ['spec.zoneAutoscaling.minReplicas'],
  },
  {
    desc: 'min 0',
    input: manifest({ zoneAutoscaling: { minReplicas: 0 } }),
    paths: ['spec.zoneAutoscaling.minReplicas'],
  },
  {
    desc: 'a bad min and max < min: the type error only (the rule would mislead)',
    input: manifest({ zoneAutoscaling: { minReplicas: 'many', maxReplicas: 1 } }),
    paths: ['spec.zoneAutoscaling.minReplicas'],
  },
  {
    desc: 'autoscaling enabled as a string',
    input: manifest({ zoneAutoscaling: { enabled: 'yes' } }),
    paths: ['spec.zoneAutoscaling.enabled'],
  },
  {
    desc: 'target 0 players',
    input: manifest({ zoneAutoscaling: { targetPlayersPerPod: 0 } }),
    paths: ['spec.zoneAutoscaling.targetPlayersPerPod'],
  },
  {
    desc: 'a stabilisation window over an hour',
    input: manifest({ zoneAutoscaling: { scaleDownStabilizationSeconds: 3601 } }),
    paths: ['spec.zoneAutoscaling.scaleDownStabilizationSeconds'],
  },
  { desc: 'no etcd endpoint', input: manifest({ etcd: { endpoints: [] } }), paths: ['spec.etcd.endpoints'] },
  {
    desc: 'an endpoint without scheme',
    input: manifest({ etcd: { endpoints: ['etcd:2379'] } }),
    paths: ['spec.etcd.endpoints[0]'],
  },
  {
    desc: 'an endpoint with a path',
    input: manifest({ etcd: { endpoints: ['http://e:2379', 'http://e:2379/v3'] } }),
    paths: ['spec.etcd.endpoints[1]'],
  },
  {
    desc: 'a repeated endpoint',
    input: manifest({ etcd: { endpoints: ['http://e:2379', 'http://e:2379'] } }),
    paths: ['spec.etcd.endpoints[1]'],
  },
  {
    desc: 'postgres without secretRef (CEL)',
    input: manifest({ database: { mode: 'postgres' } }),
    paths: ['spec.database.secretRef'],
  },
  {
    desc: 'secretRef with embedded (CEL)',
    input: manifest({ database: { secretRef: { name: 'pg', key: 'url' } } }),
    paths: ['spec.database.secretRef'],
  },
  {
    desc: 'secretRef without key',
    input: manifest({ database: { mode: 'postgres', secretRef: { name: 'pg' } } }),
    paths: ['spec.database.secretRef.key'],
  },
  {
    desc: 'secretRef with a bad name',
    input: manifest({ database: { mode: 'postgres', secretRef: { name: 'PG_secret', key: 'url' } } }),
    paths: ['spec.database.secretRef.name'],
  },
  { desc: 'an unknown database mode', input: manifest({ database: { mode: 'mysql' } }), paths: ['spec.database.mode'] },
  {
    desc: 'embedded with two db pods (CEL)',
    input: manifest({ roles: { db: { replicas: 2 } } }),
    paths: ['spec.roles.db.replicas'],
  },
  { desc: 'drain timeout 0', input: manifest({ drainTimeoutSeconds: 0 }), paths: ['spec.drainTimeoutSeconds'] },
  {
    desc: 'drain timeout over an hour',
    input: manifest({ drainTimeoutSeconds: 3601 }),
    paths: ['spec.drainTimeoutSeconds'],
  },
  {
    desc: 'maxSurge and maxUnavailable both 0 (CEL)',
    input: manifest({ updateStrategy: { maxSurge: 0, maxUnavailable: 0 } }),
    paths: ['spec.updateStrategy'],
  },
  {
    desc: 'negative maxSurge',
    input: manifest({ updateStrategy: { maxSurge: -1, maxUnavailable: 1 } }),
    paths: ['spec.updateStrategy.maxSurge'],
  },
  {
    desc: 'an env name with a dash',
    input: manifest({ env: [{ name: 'MY-VAR', value: '1' }] }),
    paths: ['spec.env[0].name'],
  },
  {
    desc: 'an env name starting with a digit',
    input: manifest({ env: [{ name: 'A' }, { name: '1A' }] }),
    paths: ['spec.env[1].name'],
  },
  { desc: 'an env item without name', input: manifest({ env: [{ value: 'x' }] }), paths: ['spec.env[0].name'] },
  {
    desc: 'an env value that is a number',
    input: manifest({ env: [{ name: 'N', value: 3 }] }),
    paths: ['spec.env[0].value'],
  },
  {
    desc: 'a repeated env name',
    input: manifest({
      env: [
        { name: 'A', value: '1' },
        { name: 'A', value: '2' },
      ],
    }),
    paths: ['spec.env[1]'],
  },
  { desc: 'env not a list', input: manifest({ env: { A: '1' } }), paths: ['spec.env'] },
  {
    desc: 'networkPolicy.enabled 1',
    input: manifest({ networkPolicy: { enabled: 1 } }),
    paths: ['spec.networkPolicy.enabled'],
  },
  { desc: 'a 41-character name (CEL)', input: { ...manifest({}), metadata: { name: 'a'.repeat(41) } }, paths: [''] },
  { desc: 'an upper-case name (CEL)', input: { ...manifest({}), metadata: { name: 'Arena' } }, paths: [''] },
  {
    desc: 'a status with a bad condition, a negative count and a repeated condition type',
    input: manifest(
      {},
      {
        status: {
          ...FULL_STATUS,
          zoneReplicas: -1,
          conditions: [
            { ...FULL_STATUS.conditions[0], type: 'Healthy' },
            { ...FULL_STATUS.conditions[1], reason: '', lastTransitionTime: 'yesterday' },
          ],
        },
      },
    ),
    paths: [
      'status.conditions[0].type',
      'status.conditions[1].lastTransitionTime',
      'status.conditions[1].reason',
      'status.zoneReplicas',
    ],
  },
  {
    desc: 'a repeated condition type',
    input: manifest({}, { status: { conditions: [FULL_STATUS.conditions[0], FULL_STATUS.conditions[0]] } }),
    paths: ['status.conditions[1]'],
  },
  {
    desc: 'a role status missing a count',
    input: manifest({}, { status: { roles: { gate: { replicas: 1, ready: 1, updated: 1, draining: 0 } } } }),
    paths: ['status.roles.gate.players'],
  },
  {
    desc: 'many problems at once, every one reported',
    input: manifest({
      image: 'x:latest',
      roles: { zone: { replicas: -2 } },
      gateService: { port: 99999 },
      zoneAutoscaling: { minReplicas: 9, maxReplicas: 3 },
      database: { mode: 'postgres' },
      updateStrategy: { maxSurge: 0, maxUnavailable: 0 },
    }),
    paths: [
      'spec.database.secretRef',
      'spec.gateService.port',
      'spec.image',
      'spec.roles.zone.replicas',
      'spec.updateStrategy',
      'spec.zoneAutoscaling.minReplicas',
    ],
  },
];

describe('validateGameCluster rejects what the API server rejects, on the same fields', () => {
  it.each(bad)('$desc', ({ input, paths }) => {
    expect(apiServerProblemPaths(input)).toEqual([...paths].sort());
    expect(problemPaths(problemsOf(input))).toEqual([...paths].sort());
  });
});

describe('what the API server guarantees, checked again', () => {
  it.each([
    { desc: 'not an object', input: 'arena', paths: [''] },
    { desc: 'null', input: null, paths: [''] },
    { desc: 'another apiVersion', input: { ...manifest({}), apiVersion: 'gamecluster.io/v1' }, paths: ['apiVersion'] },
    { desc: 'another kind', input: { ...manifest({}), kind: 'Fleet' }, paths: ['kind'] },
    { desc: 'no metadata', input: { ...manifest({}), metadata: undefined }, paths: ['metadata'] },
    { desc: 'no name', input: { ...manifest({}), metadata: { namespace: 'games' } }, paths: ['metadata.name'] },
  ])('$desc', ({ input, paths }) => {
    expect(problemPaths(problemsOf(input))).toEqual(paths);
  });
});

const defaulted = (spec: Record<string, unknown>): GameCluster => withDefaults(manifest(spec) as never);

describe('each CEL rule in TypeScript, by hand', () => {
  const byRule = (text: string) => GAMECLUSTER_CEL_RULES.find((r) => r.rule.startsWith(text))!;
  it.each([
    { rule: 'self.metadata.name', cluster: { ...defaulted({}), metadata: { name: 'a-1' } }, holds: true },
    { rule: 'self.metadata.name', cluster: { ...defaulted({}), metadata: { name: 'a-' } }, holds: false },
    { rule: 'self.metadata.name', cluster: { ...defaulted({}), metadata: { name: '1a' } }, holds: false },
    { rule: 'self.metadata.name', cluster: { ...defaulted({}), metadata: { name: 'a.b' } }, holds: false },
    { rule: "self.database.mode != 'embedded'", cluster: defaulted({ roles: { db: { replicas: 1 } } }), holds: true },
    { rule: "self.database.mode != 'embedded'", cluster: defaulted({ roles: { db: { replicas: 2 } } }), holds: false },
    {
      rule: "self.database.mode != 'embedded'",
      cluster: defaulted({ roles: { db: { replicas: 2 } }, database: { mode: 'postgres' } }),
      holds: true,
    },
    { rule: 'self.minReplicas', cluster: defaulted({ zoneAutoscaling: { minReplicas: 10 } }), holds: true },
    { rule: 'self.minReplicas', cluster: defaulted({ zoneAutoscaling: { minReplicas: 11 } }), holds: false },
    { rule: "self.mode != 'postgres'", cluster: defaulted({ database: { mode: 'postgres' } }), holds: false },
    {
      rule: "self.mode != 'postgres'",
      cluster: defaulted({ database: { mode: 'postgres', secretRef: { name: 'a', key: 'b' } } }),
      holds: true,
    },
    {
      rule: "self.mode == 'postgres'",
      cluster: defaulted({ database: { secretRef: { name: 'a', key: 'b' } } }),
      holds: false,
    },
    { rule: "self.mode == 'postgres'", cluster: defaulted({}), holds: true },
    { rule: 'self.maxSurge', cluster: defaulted({ updateStrategy: { maxSurge: 0 } }), holds: false },
    { rule: 'self.maxSurge', cluster: defaulted({ updateStrategy: { maxSurge: 0, maxUnavailable: 1 } }), holds: true },
  ])('$rule on case $# holds: $holds', ({ rule, cluster, holds }) => {
    expect(byRule(rule).holds(cluster)).toBe(holds);
  });
});

describe('InvalidGameClusterError', () => {
  const error = (() => {
    try {
      validateGameCluster(manifest({ roles: { zone: { replicas: -1 } }, database: { mode: 'postgres' } }));
    } catch (e) {
      return e as InvalidGameClusterError;
    }
    throw new Error('expected a throw');
  })();

  it('has a stable code and a name, and is an Error', () => {
    expect(error).toBeInstanceOf(InvalidGameClusterError);
    expect(error).toBeInstanceOf(Error);
    expect([error.code, InvalidGameClusterError.code, error.name]).toEqual([
      'GC_ERR_INVALID_GAMECLUSTER',
      'GC_ERR_INVALID_GAMECLUSTER',
      'InvalidGameClusterError',
    ]);
  });

  it('names the object, every field and what to do', () => {
    expect(error.message).toContain('GameCluster games/arena is invalid');
    expect(error.message).toContain('spec.roles.zone.replicas: must be at least 0 (got -1)');
    expect(error.message).toContain('spec.database.secretRef: secretRef is required when mode is postgres');
    expect(error.message).toContain('Fix these fields');
  });

  it('carries the problems as data', () => {
    expect(error.toData()).toEqual({
      code: 'GC_ERR_INVALID_GAMECLUSTER',
      name: 'InvalidGameClusterError',
      message: error.message,
      details: { problems: error.problems },
    });
  });
});
