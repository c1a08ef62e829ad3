// The GameCluster resource as TypeScript: group, version and names, the spec a user writes (every field optional
// where the CRD gives a default) and the status the operator writes. crds/gameclusters.gamecluster.io.yaml is the
// same schema for the API server; game-cluster-schema.test.ts proves the two agree.

export const GROUP = 'gamecluster.io';
export const VERSION = 'v1alpha1';
export const API_VERSION = `${GROUP}/${VERSION}`;
export const KIND = 'GameCluster';
export const PLURAL = 'gameclusters';
export const SHORT_NAME = 'gc';

/** The roles a cluster runs, in rollout order: a template change rolls db first and gate last. */
export const ROLES = ['db', 'world', 'match', 'zone', 'gate'] as const;
export type Role = (typeof ROLES)[number];

/** Kubernetes quantities as strings ("500m", "512Mi"). */
export interface ResourceList {
  readonly cpu?: string;
  readonly memory?: string;
}

export interface ResourceRequirements {
  readonly requests?: ResourceList;
  readonly limits?: ResourceList;
}

export interface RoleSpec {
  /** Pods of this role. For zone with autoscaling on, the autoscaler's current decision (the scale subresource). */
  readonly replicas: number;
  readonly resources: ResourceRequirements;
}

export type GateServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer';

export interface GateServiceSpec {
  readonly type: GateServiceType;
  /** The Service's port for game clients (WebSocket and the login routes). */
  readonly port: number;
}

export interface ZoneAutoscalingSpec {
  readonly enabled: boolean;
  readonly minReplicas: number;
  readonly maxReplicas: number;
  /** Players per zone pod the autoscaler aims for. */
  readonly targetPlayersPerPod: number;
  /** A lower desired count must hold this long before zones are drained away. */
  readonly scaleDownStabilizationSeconds: number;
}

export interface EtcdSpec {
  /** Client URLs, e.g. http://etcd.games.svc:2379. */
  readonly endpoints: readonly string[];
}

export interface SecretKeyRef {
  readonly name: string;
  readonly key: string;
}

export interface DatabaseSpec {
  /** postgres: the URL in `secretRef`; embedded: PGlite inside the db pod (demos: its data dies with the pod). */
  readonly mode: 'postgres' | 'embedded';
  /** For postgres: the Secret key holding the connection URL. */
  readonly secretRef?: SecretKeyRef;
}

export interface UpdateStrategySpec {
  /** Pods of a role created above its replicas while it rolls. */
  readonly maxSurge: number;
  /** Pods of a role that may be not ready (or draining) below its replicas while it rolls. */
  readonly maxUnavailable: number;
}

export interface EnvVar {
  readonly name: string;
  readonly value: string;
}

export interface GameClusterSpec {
  /** Node image repository, e.g. ghcr.io/gamecluster/node. */
  readonly image: string;
  /** Image tag, and the version the status reports once every pod runs it. */
  readonly version: string;
  /** The game the nodes run (`--app`): a built-in name such as arena, or a module path inside the image. */
  readonly app: string;
  readonly roles: Readonly<Record<Role, RoleSpec>>;
  readonly gateService: GateServiceSpec;
  readonly zoneAutoscaling: ZoneAutoscalingSpec;
  readonly etcd: EtcdSpec;
  readonly database: DatabaseSpec;
  /** How long a pod may drain before it is deleted anyway; also its terminationGracePeriodSeconds. */
  readonly drainTimeoutSeconds: number;
  readonly updateStrategy: UpdateStrategySpec;
  /** Extra environment for every node container. */
  readonly env: readonly EnvVar[];
  /** A NetworkPolicy that lets only the operator reach the nodes' admin port. */
  readonly networkPolicy: { readonly enabled: boolean };
}

export type ConditionType = 'Ready' | 'Progressing' | 'Degraded';

export interface Condition {
  readonly type: ConditionType;
  readonly status: 'True' | 'False' | 'Unknown';
  readonly reason: string;
  readonly message: string;
  readonly lastTransitionTime: string;
  readonly observedGeneration: number;
}

export interface RoleStatus {
  readonly replicas: number;
  readonly ready: number;
  /** Pods on the current template. */
  readonly updated: number;
  readonly draining: number;
  /** Players on this role's pods (gate: connections; zone: players in scenes). */
  readonly players: number;
}

export interface GameClusterStatus {
  readonly observedGeneration?: number;
  readonly conditions?: readonly Condition[];
  readonly roles?: Readonly<Partial<Record<Role, RoleStatus>>>;
  /** Players connected to the cluster (the gates' count). */
  readonly players?: number;
  /** The version every pod runs; the previous one while a rollout is under way. */
  readonly version?: string;
  /** Label selector of the zone pods, for the scale subresource (an HPA reads it). */
  readonly zoneSelector?: string;
  /** Zone pods, for the scale subresource's status replicas. */
  readonly zoneReplicas?: number;
}

export interface ObjectMeta {
  readonly name: string;
  readonly namespace?: string;
  readonly uid?: string;
  readonly generation?: number;
  readonly resourceVersion?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
  readonly finalizers?: readonly string[];
  readonly deletionTimestamp?: string;
  readonly creationTimestamp?: string;
}

/** A GameCluster with every default applied (what the operator plans with). */
export interface GameCluster {
  readonly apiVersion: typeof API_VERSION;
  readonly kind: typeof KIND;
  readonly metadata: ObjectMeta;
  readonly spec: GameClusterSpec;
  readonly status?: GameClusterStatus;
}

/** Recursively optional: what a user may leave out of a manifest for the defaults to fill. */
export type DeepPartial<T> = T extends readonly (infer U)[]
  ? readonly U[]
  : T extends object
    ? { readonly [K in keyof T]?: DeepPartial<T[K]> }
    : T;

/** A GameCluster as written: only metadata.name and spec.image are required (see defaults.ts). */
export interface GameClusterManifest {
  readonly apiVersion: typeof API_VERSION;
  readonly kind: typeof KIND;
  readonly metadata: ObjectMeta;
  readonly spec: DeepPartial<GameClusterSpec> & { readonly image: string };
  readonly status?: GameClusterStatus;
}
