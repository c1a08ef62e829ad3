// Test fixtures for the planner: a fully defaulted GameCluster built here (the planner never defaults anything, so
// its tests do not depend on api/defaults.ts), template hashes, and observed pods in the states the rules care about.
import type { GameCluster, GameClusterStatus, Role, ZoneAutoscalingSpec } from '../../api/game-cluster.ts';
import { API_VERSION, KIND, ROLES } from '../../api/game-cluster.ts';
import type { NodeView, ObservedPod } from '../plan-types.ts';

/** A fixed clock for examples: 2026-01-01T00:00:00Z. */
export const T0 = Date.UTC(2026, 0, 1);

export interface TestClusterOptions {
  readonly name?: string;
  readonly replicas?: Partial<Record<Role, number>>;
  readonly maxSurge?: number;
  readonly maxUnavailable?: number;
  readonly drainTimeoutSeconds?: number;
  readonly autoscaling?: Partial<ZoneAutoscalingSpec>;
  readonly version?: string;
  readonly generation?: number;
  /** Sets metadata.deletionTimestamp. */
  readonly deleting?: boolean;
  readonly status?: GameClusterStatus;
}

export const TEST_REPLICAS: Readonly<Record<Role, number>> = { db: 1, world: 2, match: 1, zone: 2, gate: 2 };

export function testCluster(options: TestClusterOptions = {}): GameCluster {
  const replicas = { ...TEST_REPLICAS, ...options.replicas };
  const roles = {} as Record<Role, { replicas: number; resources: object }>;
  for (const role of ROLES) roles[role] = { replicas: replicas[role], resources: {} };
  return {
    apiVersion: API_VERSION,
    kind: KIND,
    metadata: {
      name: options.name ?? 'arena',
      namespace: 'games',
      generation: options.generation ?? 1,
      ...(options.deleting ? { deletionTimestamp: new Date(T0).toISOString() } : {}),
    },
    spec: {
      image: 'ghcr.io/gamecluster/node',
      version: options.version ?? '1.1.0',
      app: 'arena',
      roles,
      gateService: { type: 'ClusterIP', port: 7350 },
      zoneAutoscaling: {
        enabled: false,
        minReplicas: 1,
        maxReplicas: 10,
        targetPlayersPerPod: 100,
        scaleDownStabilizationSeconds: 300,
        ...options.autoscaling,
      },
      etcd: { endpoints: ['http://etcd:2379'] },
      database: { mode: 'embedded' },
      drainTimeoutSeconds: options.drainTimeoutSeconds ?? 60,
      updateStrategy: { maxSurge: options.maxSurge ?? 1, maxUnavailable: options.maxUnavailable ?? 0 },
      env: [],
      networkPolicy: { enabled: false },
    },
    ...(options.status ? { status: options.status } : {}),
  };
}

/** Template hashes of every role: `${role}-${version}`, e.g. `zone-v2`. */
export function testHashes(version = 'v1', overrides: Partial<Record<Role, string>> = {}): Record<Role, string> {
  const hashes = {} as Record<Role, string>;
  for (const role of ROLES) hashes[role] = overrides[role] ?? `${role}-${version}`;
  return hashes;
}

export function startedNode(players = 0, load = players / 100): NodeView {
  return { lifecycle: 'started', players, load, drained: false };
}

/** A pod that serves: Running, ready, its node started. Override any field. */
export function testPod(name: string, role: Role, overrides: Partial<ObservedPod> = {}): ObservedPod {
  return {
    name,
    role,
    templateHash: `${role}-v1`,
    phase: 'Running',
    ready: true,
    createdAt: T0 - 3_600_000,
    deleting: false,
    drain: null,
    node: startedNode(),
    ...overrides,
  };
}

/** A pod just created: Pending, not ready, no node answering. */
export function pendingPod(name: string, role: Role, overrides: Partial<ObservedPod> = {}): ObservedPod {
  return testPod(name, role, { phase: 'Pending', ready: false, node: null, createdAt: T0, ...overrides });
}

/** A pod the operator is draining: started `startedAt`, due at `deadline`; its node draining (or drained). */
export function drainingPod(
  name: string,
  role: Role,
  drain: { startedAt: number; deadline: number },
  overrides: Partial<ObservedPod> = {},
): ObservedPod {
  return testPod(name, role, {
    ready: false,
    drain,
    node: { lifecycle: 'draining', players: 0, load: 0, drained: false },
    ...overrides,
  });
}

/** `count` serving pods of a role named `${role}-${prefix}${i}`. */
export function servingPods(
  role: Role,
  count: number,
  overrides: Partial<ObservedPod> = {},
  prefix = '',
): ObservedPod[] {
  return Array.from({ length: count }, (_, i) => testPod(`${role}-${prefix}${i}`, role, overrides));
}

/** Serving pods for every role at TEST_REPLICAS (or `replicas`), on `version` hashes. */
export function steadyPods(version = 'v1', replicas: Partial<Record<Role, number>> = {}): ObservedPod[] {
  const counts = { ...TEST_REPLICAS, ...replicas };
  return ROLES.flatMap((role) => servingPods(role, counts[role], { templateHash: `${role}-${version}` }, version));
}
