// The template hash: the same for the same template whatever the key order, different exactly when a change must
// replace pods (image, version, env, resources, ...) and unchanged by replicas, autoscaling and the other
// settings that pods do not carry.
import { describe, expect, it } from '@jest/globals';
import type { GameCluster, GameClusterSpec, Role } from '../api/game-cluster.ts';
import { canonicalJson, podTemplate, TEMPLATE_HASH_LENGTH, templateHash } from './index.ts';
import { SAMPLE_SPEC, sampleGameCluster } from './testing-game-cluster.ts';

const base = sampleGameCluster();
const hashOf = (cluster: GameCluster, role: Role = 'zone') => templateHash(podTemplate(cluster, role));

/** The same value with every object's keys in reverse order. */
function reversedKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reversedKeys) as T;
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>).reverse();
  return Object.fromEntries(entries.map(([key, member]) => [key, reversedKeys(member)])) as T;
}

describe('templateHash', () => {
  it('is 10 hex characters, the same on every call', () => {
    const hash = hashOf(base);
    expect(hash).toMatch(new RegExp(`^[0-9a-f]{${TEMPLATE_HASH_LENGTH}}$`));
    expect(hashOf(sampleGameCluster())).toBe(hash);
  });

  it('does not depend on key order, in the cluster or in the template', () => {
    expect(hashOf(reversedKeys(base))).toBe(hashOf(base));
    const template = podTemplate(base, 'gate');
    expect(templateHash(reversedKeys(template))).toBe(templateHash(template));
  });

  it('differs between roles', () => {
    expect(new Set(['db', 'world', 'match', 'zone', 'gate'].map((role) => hashOf(base, role as Role))).size).toBe(5);
  });

  const rolls: { desc: string; change: Partial<GameClusterSpec> }[] = [
    { desc: 'the version', change: { version: '1.2.4' } },
    { desc: 'the image', change: { image: 'registry.example/node' } },
    { desc: 'the app', change: { app: 'games/racer.ts' } },
    { desc: 'an env value', change: { env: [{ name: 'GAMECLUSTER_LEASE_TTL_MS', value: '9000' }] } },
    { desc: 'an added env variable', change: { env: [...SAMPLE_SPEC.env, { name: 'TZ', value: 'UTC' }] } },
    {
      desc: "the role's resources",
      change: {
        roles: { ...SAMPLE_SPEC.roles, zone: { replicas: 2, resources: { requests: { cpu: '500m' } } } },
      },
    },
    { desc: 'the drain timeout (grace period and preStop)', change: { drainTimeoutSeconds: 120 } },
    { desc: 'the etcd endpoints', change: { etcd: { endpoints: ['http://etcd:2379'] } } },
  ];
  it.each(rolls)('changes with $desc', ({ change }) => {
    expect(hashOf(sampleGameCluster(change))).not.toBe(hashOf(base));
  });

  const keeps: { desc: string; change: Partial<GameClusterSpec> }[] = [
    {
      desc: 'replicas',
      change: { roles: { ...SAMPLE_SPEC.roles, zone: { ...SAMPLE_SPEC.roles.zone, replicas: 7 } } },
    },
    {
      desc: 'autoscaling',
      change: { zoneAutoscaling: { ...SAMPLE_SPEC.zoneAutoscaling, enabled: true, maxReplicas: 50 } },
    },
    { desc: 'the gate Service', change: { gateService: { type: 'LoadBalancer', port: 443 } } },
    { desc: 'the update strategy', change: { updateStrategy: { maxSurge: 3, maxUnavailable: 1 } } },
    { desc: 'the NetworkPolicy switch', change: { networkPolicy: { enabled: false } } },
    {
      desc: "another role's resources",
      change: { roles: { ...SAMPLE_SPEC.roles, db: { replicas: 1, resources: {} } } },
    },
    {
      desc: 'a reserved env name the pod ignores',
      change: { env: [...SAMPLE_SPEC.env, { name: 'GAMECLUSTER_ROLES', value: 'all' }] },
    },
  ];
  it.each(keeps)('stays the same with $desc', ({ change }) => {
    expect(hashOf(sampleGameCluster(change))).toBe(hashOf(base));
  });

  it('changes with the database on db pods only', () => {
    const embedded = sampleGameCluster({ database: { mode: 'embedded' } });
    expect(hashOf(embedded, 'db')).not.toBe(hashOf(base, 'db'));
    expect(hashOf(embedded, 'world')).toBe(hashOf(base, 'world'));
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every depth, keeps array order and leaves undefined out', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: undefined, b: null } })).toBe('{"a":{"b":null,"d":[2,1]},"b":1}');
  });
});
