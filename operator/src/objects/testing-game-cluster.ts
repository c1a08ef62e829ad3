// A GameCluster with every default applied, for the builders' tests (and any other operator test that needs
// one): written out in full so these tests do not depend on the defaulting code they are not about.
import type { GameCluster, GameClusterSpec } from '../api/game-cluster.ts';

const resources = { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } };

export const SAMPLE_SPEC: GameClusterSpec = {
  image: 'ghcr.io/gamecluster/node',
  version: '1.2.3',
  app: 'arena',
  roles: {
    db: { replicas: 1, resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '512Mi' } } },
    world: { replicas: 2, resources },
    match: { replicas: 1, resources },
    zone: { replicas: 2, resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { memory: '512Mi' } } },
    gate: { replicas: 2, resources },
  },
  gateService: { type: 'ClusterIP', port: 7350 },
  zoneAutoscaling: {
    enabled: false,
    minReplicas: 1,
    maxReplicas: 10,
    targetPlayersPerPod: 500,
    scaleDownStabilizationSeconds: 300,
  },
  etcd: { endpoints: ['http://etcd-0.etcd:2379', 'http://etcd-1.etcd:2379'] },
  database: { mode: 'postgres', secretRef: { name: 'arena-db', key: 'url' } },
  drainTimeoutSeconds: 60,
  updateStrategy: { maxSurge: 1, maxUnavailable: 0 },
  env: [{ name: 'GAMECLUSTER_LEASE_TTL_MS', value: '8000' }],
  networkPolicy: { enabled: true },
};

/** The sample cluster `arena` in namespace `games`, with `spec` fields replaced by `changes`. */
export function sampleGameCluster(changes: Partial<GameClusterSpec> = {}, name = 'arena'): GameCluster {
  return {
    apiVersion: 'gamecluster.io/v1alpha1',
    kind: 'GameCluster',
    metadata: { name, namespace: 'games', uid: '6b0e2f4c-1d2a-4e5b-9c8d-7f6a5b4c3d2e', generation: 1 },
    spec: { ...SAMPLE_SPEC, ...changes },
  };
}
