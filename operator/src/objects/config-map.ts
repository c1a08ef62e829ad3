// The cluster's ConfigMap: `cluster.json`, a description of the running topology for people and tools (which
// labels select each role, the Service, ports, where the admin key lives). Pods do not read it: their settings
// are in their env, where a change rolls them through the template hash. Replicas are left out on purpose:
// they change with every scaling decision and the GameCluster's status already reports them.
import type { V1ConfigMap } from '@kubernetes/client-node';
import type { DatabaseSpec, GameCluster, GateServiceType, Role } from '../api/game-cluster.ts';
import { ROLES } from '../api/game-cluster.ts';
import { ADMIN_KEY_SECRET_KEY } from './keys-secret.ts';
import { clusterLabels, roleSelector, selectorText } from './labels.ts';
import { ADMIN_PORT, GAME_PORT, HEALTH_PATH, MESH_PORT, READY_PATH } from './node-ports.ts';
import { configMapName, gateServiceName, podNamePrefix, secretName } from './object-names.ts';
import { ownedMetadata } from './owned-metadata.ts';

/** The ConfigMap's key. */
export const CLUSTER_JSON_KEY = 'cluster.json';
/** `schema` of cluster.json; a new value when a field changes meaning or goes away. */
export const CLUSTER_JSON_SCHEMA = 'gamecluster.io/cluster-json/v1';

/** cluster.json's content. */
export interface ClusterTopology {
  readonly schema: typeof CLUSTER_JSON_SCHEMA;
  readonly generatedBy: string;
  readonly cluster: string;
  readonly namespace: string | null;
  readonly image: string;
  readonly version: string;
  readonly app: string;
  /** Per role: the label selector of its pods and the prefix of their names. */
  readonly roles: Readonly<Record<Role, { readonly selector: string; readonly podNamePrefix: string }>>;
  readonly gate: { readonly service: string; readonly type: GateServiceType; readonly port: number };
  /** Container ports of every pod (game: gate pods only). */
  readonly ports: { readonly game: number; readonly admin: number; readonly mesh: number };
  readonly admin: {
    readonly paths: readonly string[];
    /** POST /drain wants `Authorization: Bearer <key>` with the key in this Secret. */
    readonly keySecret: { readonly name: string; readonly key: string };
  };
  readonly etcd: { readonly endpoints: readonly string[] };
  readonly database: DatabaseSpec;
  readonly drainTimeoutSeconds: number;
}

export function clusterTopology(cluster: GameCluster): ClusterTopology {
  const spec = cluster.spec;
  return {
    schema: CLUSTER_JSON_SCHEMA,
    generatedBy: 'gamecluster-operator (rewritten from the GameCluster on every change; do not edit)',
    cluster: cluster.metadata.name,
    namespace: cluster.metadata.namespace ?? null,
    image: `${spec.image}:${spec.version}`,
    version: spec.version,
    app: spec.app,
    roles: Object.fromEntries(
      ROLES.map((role) => [
        role,
        { selector: selectorText(roleSelector(cluster, role)), podNamePrefix: podNamePrefix(cluster, role) },
      ]),
    ) as ClusterTopology['roles'],
    gate: { service: gateServiceName(cluster), type: spec.gateService.type, port: spec.gateService.port },
    ports: { game: GAME_PORT, admin: ADMIN_PORT, mesh: MESH_PORT },
    admin: {
      paths: ['/metrics', HEALTH_PATH, READY_PATH, '/status', '/drain'],
      keySecret: { name: secretName(cluster), key: ADMIN_KEY_SECRET_KEY },
    },
    etcd: { endpoints: [...spec.etcd.endpoints] },
    database:
      spec.database.secretRef === undefined
        ? { mode: spec.database.mode }
        : { mode: spec.database.mode, secretRef: { ...spec.database.secretRef } },
    drainTimeoutSeconds: spec.drainTimeoutSeconds,
  };
}

export function configMap(cluster: GameCluster): V1ConfigMap {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: ownedMetadata(cluster, { name: configMapName(cluster) }, clusterLabels(cluster)),
    data: { [CLUSTER_JSON_KEY]: `${JSON.stringify(clusterTopology(cluster), null, 2)}\n` },
  };
}
