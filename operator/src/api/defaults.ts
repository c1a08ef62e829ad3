// The GameCluster's defaults and withDefaults(), which fills them the way the API server fills the CRD's `default:`
// values: an absent (or null) field takes its default, recursively. crds/gameclusters.gamecluster.io.yaml holds
// the same values; game-cluster-schema.test.ts proves the two agree field by field.
import type {
  DeepPartial,
  EnvVar,
  GameCluster,
  GameClusterManifest,
  GameClusterSpec,
  ResourceList,
  ResourceRequirements,
  Role,
  RoleSpec,
  SecretKeyRef,
} from './game-cluster.ts';
import { API_VERSION, KIND, ROLES } from './game-cluster.ts';

/** Every spec field but `image`, which has no default: the operator cannot guess which build to run. */
export type GameClusterDefaults = Omit<GameClusterSpec, 'image'>;

function resources(cpu: string, memory: string, memoryLimit: string): ResourceRequirements {
  // No CPU limit: throttling a zone's tick loop hurts more than sharing a core; memory is limited so a leak
  // restarts one pod instead of starving the node.
  return { requests: { cpu, memory }, limits: { memory: memoryLimit } };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/**
 * The defaults (a small production cluster of the arena demo). `resources` is defaulted as a whole: a role that
 * names any resources owns all of them, as with a pod's resources.
 */
export const GAMECLUSTER_DEFAULTS: GameClusterDefaults = deepFreeze({
  version: '0.1.0',
  app: 'arena',
  roles: {
    db: { replicas: 1, resources: resources('100m', '256Mi', '512Mi') },
    world: { replicas: 2, resources: resources('100m', '128Mi', '256Mi') },
    match: { replicas: 1, resources: resources('100m', '128Mi', '256Mi') },
    zone: { replicas: 2, resources: resources('250m', '256Mi', '512Mi') },
    gate: { replicas: 2, resources: resources('100m', '128Mi', '256Mi') },
  },
  gateService: { type: 'ClusterIP', port: 7350 },
  zoneAutoscaling: {
    enabled: false,
    minReplicas: 1,
    maxReplicas: 10,
    targetPlayersPerPod: 500,
    scaleDownStabilizationSeconds: 300,
  },
  etcd: { endpoints: ['http://etcd:2379'] },
  database: { mode: 'embedded' },
  drainTimeoutSeconds: 60,
  updateStrategy: { maxSurge: 1, maxUnavailable: 0 },
  env: [],
  networkPolicy: { enabled: false },
});

/**
 * Defaults of fields inside list items, applied to each item that leaves them out (the CRD's `items` defaults).
 * An env variable without a value is set to the empty string, as in a pod.
 */
export const GAMECLUSTER_ITEM_DEFAULTS = deepFreeze({ env: { value: '' } });

/** A fresh, mutable copy of a default (the result of withDefaults never shares objects with the defaults). */
function copy<T>(value: T): T {
  return structuredClone(value) as T;
}

function present<T>(value: T | null | undefined): value is T {
  return value !== undefined && value !== null;
}

/** A copy of `value` unless absent or null (the API server drops nulls of non-nullable fields, then defaults). */
function or<T>(value: T | null | undefined, fallback: T): T {
  return present(value) ? copy(value) : copy(fallback);
}

/** The given, non-null values of `keys` only (the API server prunes other keys and nulls). */
function pick<T extends object>(value: T, keys: readonly (keyof T & string)[]): Partial<T> {
  return Object.fromEntries(keys.filter((key) => present(value[key])).map((key) => [key, value[key]])) as Partial<T>;
}

type PartialSpec = GameClusterManifest['spec'];

function resourcesWithDefaults(given: DeepPartial<ResourceRequirements> | undefined, fallback: ResourceRequirements) {
  if (!present(given)) return copy(fallback);
  const resources: { requests?: ResourceList; limits?: ResourceList } = {};
  if (present(given.requests)) resources.requests = pick(given.requests, ['cpu', 'memory']);
  if (present(given.limits)) resources.limits = pick(given.limits, ['cpu', 'memory']);
  return resources;
}

function roleWithDefaults(role: Role, given: PartialSpec['roles']): RoleSpec {
  const spec = given?.[role];
  const fallback = GAMECLUSTER_DEFAULTS.roles[role];
  return {
    replicas: or(spec?.replicas, fallback.replicas),
    resources: resourcesWithDefaults(spec?.resources, fallback.resources),
  };
}

function specWithDefaults(spec: PartialSpec): GameClusterSpec {
  const d = GAMECLUSTER_DEFAULTS;
  const autoscaling = spec.zoneAutoscaling;
  const secretRef = spec.database?.secretRef;
  const roles = Object.fromEntries(ROLES.map((role) => [role, roleWithDefaults(role, spec.roles)]));
  return {
    image: spec.image,
    version: or(spec.version, d.version),
    app: or(spec.app, d.app),
    roles: roles as Record<Role, RoleSpec>,
    gateService: {
      type: or(spec.gateService?.type, d.gateService.type),
      port: or(spec.gateService?.port, d.gateService.port),
    },
    zoneAutoscaling: {
      enabled: or(autoscaling?.enabled, d.zoneAutoscaling.enabled),
      minReplicas: or(autoscaling?.minReplicas, d.zoneAutoscaling.minReplicas),
      maxReplicas: or(autoscaling?.maxReplicas, d.zoneAutoscaling.maxReplicas),
      targetPlayersPerPod: or(autoscaling?.targetPlayersPerPod, d.zoneAutoscaling.targetPlayersPerPod),
      scaleDownStabilizationSeconds: or(
        autoscaling?.scaleDownStabilizationSeconds,
        d.zoneAutoscaling.scaleDownStabilizationSeconds,
      ),
    },
    etcd: { endpoints: or(spec.etcd?.endpoints, d.etcd.endpoints) },
    database: {
      mode: or(spec.database?.mode, d.database.mode),
      // No default: secretRef is there only if given (both its fields are required).
      ...(present(secretRef) ? { secretRef: pick(secretRef, ['name', 'key']) as SecretKeyRef } : {}),
    },
    drainTimeoutSeconds: or(spec.drainTimeoutSeconds, d.drainTimeoutSeconds),
    updateStrategy: {
      maxSurge: or(spec.updateStrategy?.maxSurge, d.updateStrategy.maxSurge),
      maxUnavailable: or(spec.updateStrategy?.maxUnavailable, d.updateStrategy.maxUnavailable),
    },
    env: (spec.env ?? d.env).map((variable) => ({
      ...(pick(variable, ['name']) as Pick<EnvVar, 'name'>),
      value: or(variable.value, GAMECLUSTER_ITEM_DEFAULTS.env.value),
    })),
    networkPolicy: { enabled: or(spec.networkPolicy?.enabled, d.networkPolicy.enabled) },
  };
}

/**
 * The manifest with every default filled, as the API server would store it: a new object (the input is not
 * changed), spec fields the schema does not know are left out (the API server prunes them), metadata and status
 * are copied as they are. It does not validate: validateGameCluster() does, and calls this.
 */
export function withDefaults(manifest: GameClusterManifest): GameCluster {
  return {
    apiVersion: API_VERSION,
    kind: KIND,
    metadata: copy(manifest.metadata),
    spec: specWithDefaults(manifest.spec),
    ...(present(manifest.status) ? { status: copy(manifest.status) } : {}),
  };
}
