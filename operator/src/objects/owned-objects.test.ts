// The objects beside the pods: each passes its Kubernetes schema as the client sends it, with the cluster's
// namespace, labels and owner; and each says what it must (Service ports, budgets, keys, policy rules).
import { describe, expect, it } from '@jest/globals';
import type { V1ObjectMeta } from '@kubernetes/client-node';
import { ROLES } from '../api/game-cluster.ts';
import {
  ADMIN_KEY_SECRET_KEY,
  adminKeyOf,
  CLUSTER_JSON_KEY,
  CLUSTER_KEY_SECRET_KEY,
  CLUSTER_LABEL,
  type ClusterTopology,
  configMap,
  gateService,
  networkPolicy,
  ownedObjects,
  podDisruptionBudgets,
  ROLE_LABEL,
  secret,
} from './index.ts';
import { sampleGameCluster } from './testing-game-cluster.ts';
import { validateWire } from './testing-wire.ts';

const cluster = sampleGameCluster();

function expectOwned(metadata: V1ObjectMeta | undefined, name: string): void {
  expect(metadata?.name).toBe(name);
  expect(metadata?.namespace).toBe('games');
  expect(metadata?.labels).toMatchObject({
    [CLUSTER_LABEL]: 'arena',
    'app.kubernetes.io/instance': 'arena',
    'app.kubernetes.io/managed-by': 'gamecluster-operator',
  });
  expect(metadata?.ownerReferences).toEqual([
    expect.objectContaining({ kind: 'GameCluster', name: 'arena', uid: cluster.metadata.uid, controller: true }),
  ]);
}

describe('owned objects', () => {
  const objects = ownedObjects(cluster);
  const all = [
    objects.gateService,
    objects.configMap,
    ...objects.podDisruptionBudgets,
    objects.networkPolicy,
    secret(cluster),
  ];

  it.each(all.map((object) => ({ name: `${object?.kind} ${object?.metadata?.name}`, object })))(
    '$name passes its schema and loses nothing in the client',
    ({ object }) => {
      if (object === undefined) throw new Error('missing object');
      const wire = validateWire(object);
      // NetworkPolicy: the client renames _from to from; everything else must arrive as built.
      const expected = JSON.parse(JSON.stringify(object).replaceAll('"_from":', '"from":'));
      expect(wire).toEqual(expected);
    },
  );

  it('exposes the gate pods on the spec port under the name game', () => {
    const service = gateService(sampleGameCluster({ gateService: { type: 'LoadBalancer', port: 443 } }));
    expectOwned(service.metadata, 'arena-gate');
    expect(service.spec).toEqual({
      type: 'LoadBalancer',
      selector: { [CLUSTER_LABEL]: 'arena', [ROLE_LABEL]: 'gate' },
      ports: [{ name: 'game', port: 443, targetPort: 'game', protocol: 'TCP' }],
    });
  });

  it('describes the topology in cluster.json, without replicas', () => {
    const map = configMap(cluster);
    expectOwned(map.metadata, 'arena-config');
    const topology = JSON.parse(map.data?.[CLUSTER_JSON_KEY] ?? '{}') as ClusterTopology;
    expect(topology.cluster).toBe('arena');
    expect(topology.image).toBe('ghcr.io/gamecluster/node:1.2.3');
    expect(topology.roles.zone).toEqual({
      selector: 'gamecluster.io/cluster=arena,gamecluster.io/role=zone',
      podNamePrefix: 'arena-zone-',
    });
    expect(topology.gate).toEqual({ service: 'arena-gate', type: 'ClusterIP', port: 7350 });
    expect(topology.admin.keySecret).toEqual({ name: 'arena-keys', key: 'admin-key' });
    expect(map.data?.[CLUSTER_JSON_KEY]).not.toMatch(/replicas/);
    const scaled = sampleGameCluster({
      roles: { ...cluster.spec.roles, zone: { ...cluster.spec.roles.zone, replicas: 9 } },
    });
    expect(configMap(scaled)).toEqual(map);
  });

  it('generates two 32-byte keys, fresh on every call, in an immutable Secret', () => {
    const first = secret(cluster);
    expectOwned(first.metadata, 'arena-keys');
    expect(first.immutable).toBe(true);
    const decode = (data: Record<string, string> | undefined, key: string) =>
      Buffer.from(Buffer.from(data?.[key] ?? '', 'base64').toString('utf8'), 'base64url');
    for (const key of [CLUSTER_KEY_SECRET_KEY, ADMIN_KEY_SECRET_KEY]) {
      expect(decode(first.data, key).byteLength).toBe(32);
    }
    expect(decode(first.data, CLUSTER_KEY_SECRET_KEY)).not.toEqual(decode(first.data, ADMIN_KEY_SECRET_KEY));
    const second = secret(cluster);
    expect(second.data?.[ADMIN_KEY_SECRET_KEY]).not.toBe(first.data?.[ADMIN_KEY_SECRET_KEY]);
    expect(adminKeyOf(first)).toBe(decode(first.data, ADMIN_KEY_SECRET_KEY).toString('base64url'));
  });

  it('takes its randomness from the source it is given', () => {
    const fixed = secret(cluster, (size) => Buffer.alloc(size, 7));
    expect(adminKeyOf(fixed)).toBe(Buffer.alloc(32, 7).toString('base64url'));
  });

  const budgets: { desc: string; maxUnavailable: number; want: number }[] = [
    { desc: 'maxUnavailable 0 becomes 1 (0 would block machine drains)', maxUnavailable: 0, want: 1 },
    { desc: 'maxUnavailable 1 stays 1', maxUnavailable: 1, want: 1 },
    { desc: 'maxUnavailable 3 stays 3', maxUnavailable: 3, want: 3 },
  ];
  it.each(budgets)('budgets every role: $desc', ({ maxUnavailable, want }) => {
    const list = podDisruptionBudgets(sampleGameCluster({ updateStrategy: { maxSurge: 1, maxUnavailable } }));
    expect(list.map((budget) => budget.metadata?.name)).toEqual(ROLES.map((role) => `arena-${role}`));
    for (const [i, budget] of list.entries()) {
      expect(budget.spec?.maxUnavailable).toBe(want);
      expect(budget.spec?.selector).toEqual({ matchLabels: { [CLUSTER_LABEL]: 'arena', [ROLE_LABEL]: ROLES[i] } });
    }
  });

  it('opens the game port to all, the mesh to the cluster and the admin port to the operator', () => {
    const policy = networkPolicy(cluster);
    expectOwned(policy?.metadata, 'arena-admin');
    const wire = validateWire(policy ?? {}) as { spec: { ingress: unknown[]; policyTypes: string[] } };
    expect(wire.spec.policyTypes).toEqual(['Ingress']);
    expect(wire.spec.ingress).toEqual([
      { ports: [{ protocol: 'TCP', port: 'game' }] },
      {
        from: [{ podSelector: { matchLabels: { [CLUSTER_LABEL]: 'arena' } } }],
        ports: [{ protocol: 'TCP', port: 'mesh' }],
      },
      {
        from: [
          { namespaceSelector: {}, podSelector: { matchLabels: { 'app.kubernetes.io/name': 'gamecluster-operator' } } },
        ],
        ports: [{ protocol: 'TCP', port: 'admin' }],
      },
    ]);
  });

  it('admits the operator and the peers it is given on the admin port', () => {
    const operator = { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ops' } }, podSelector: {} };
    const prometheus = { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } };
    const policy = networkPolicy(cluster, { operator, adminPeers: [prometheus] });
    expect(policy?.spec?.ingress?.[2]?._from).toEqual([operator, prometheus]);
  });

  it('leaves the NetworkPolicy out when it is not enabled', () => {
    const off = sampleGameCluster({ networkPolicy: { enabled: false } });
    expect(networkPolicy(off)).toBeUndefined();
    expect(ownedObjects(off).networkPolicy).toBeUndefined();
  });
});
