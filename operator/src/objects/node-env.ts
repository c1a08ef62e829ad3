// The environment of a node container: every setting the operator decides as a GAMECLUSTER_* variable (the
// node reads flags and env alike; env keeps keys out of `ps` and lets the downward API supply the pod's name
// and IP), then the user's spec.env. The user's variables cannot replace the operator's: ports, names and
// keys are wired into probes, Services and policies, so RESERVED_ENV_NAMES are dropped from spec.env.
import type { V1EnvVar } from '@kubernetes/client-node';
import type { GameCluster, Role } from '../api/game-cluster.ts';
import { ObjectSpecError } from './errors.ts';
import { ADMIN_KEY_SECRET_KEY, CLUSTER_KEY_SECRET_KEY } from './keys-secret.ts';
import { ADMIN_PORT, GAME_PORT, MESH_PORT, PGLITE_DIR } from './node-ports.ts';
import { secretName } from './object-names.ts';

/** The node's env variables the operator sets (names as node/src's option tables spell them). */
export const NODE_ENV = {
  nodeName: 'GAMECLUSTER_NODE_NAME',
  roles: 'GAMECLUSTER_ROLES',
  cluster: 'GAMECLUSTER_CLUSTER',
  provider: 'GAMECLUSTER_PROVIDER',
  etcdEndpoints: 'GAMECLUSTER_ETCD_ENDPOINTS',
  meshHost: 'GAMECLUSTER_MESH_HOST',
  meshPort: 'GAMECLUSTER_MESH_PORT',
  meshAdvertise: 'GAMECLUSTER_MESH_ADVERTISE',
  adminHost: 'GAMECLUSTER_ADMIN_HOST',
  adminPort: 'GAMECLUSTER_ADMIN_PORT',
  adminKey: 'GAMECLUSTER_ADMIN_KEY',
  store: 'GAMECLUSTER_STORE',
  postgresUrl: 'GAMECLUSTER_POSTGRES_URL',
  pgliteDir: 'GAMECLUSTER_PGLITE_DIR',
  gateHost: 'GAMECLUSTER_GATE_HOST',
  gatePort: 'GAMECLUSTER_GATE_PORT',
  clusterKey: 'GAMECLUSTER_CLUSTER_KEY',
} as const;

/**
 * Names spec.env may not set: the operator's wiring depends on their values (see the file header). Besides
 * NODE_ENV, the preStop drain command's own variables: they would point the hook at another node or bound it
 * by another timeout than the grace period is sized for.
 */
export const RESERVED_ENV_NAMES: ReadonlySet<string> = new Set([
  ...Object.values(NODE_ENV),
  'GAMECLUSTER_ADMIN_URL',
  'GAMECLUSTER_DRAIN_TIMEOUT_SECONDS',
]);

/**
 * Every server binds the pod IP rather than 0.0.0.0: probes, Services and peers all dial the pod IP, and where
 * pods share a network (the e2e kube-sim runs each pod as a process on its own 127.0.0.N) fixed ports then do not
 * collide. The preStop drain finds the admin server from the same env.
 */
const POD_IP = 'status.podIP';

function value(name: string, text: string): V1EnvVar {
  return { name, value: text };
}

function fromField(name: string, fieldPath: string): V1EnvVar {
  return { name, valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath } } };
}

function fromSecret(name: string, secret: string, key: string): V1EnvVar {
  return { name, valueFrom: { secretKeyRef: { name: secret, key } } };
}

/** Where a db pod keeps state: the user's PostgreSQL (URL from their Secret) or PGlite on the pod's data volume. */
function storeEnv(cluster: GameCluster): V1EnvVar[] {
  const database = cluster.spec.database;
  if (database.mode === 'embedded') {
    return [value(NODE_ENV.store, 'pglite'), value(NODE_ENV.pgliteDir, PGLITE_DIR)];
  }
  const ref = database.secretRef;
  if (ref === undefined) {
    throw new ObjectSpecError(
      `GameCluster '${cluster.metadata.name}' has database.mode postgres but no database.secretRef: set secretRef {name, key} to the Secret key holding the postgres:// URL, or use mode embedded`,
    );
  }
  return [value(NODE_ENV.store, 'postgres'), fromSecret(NODE_ENV.postgresUrl, ref.name, ref.key)];
}

/**
 * The env of a `role` pod of `cluster`, in order: identity (pod name, cluster), coordination (etcd), the mesh on
 * the pod IP, the admin server, the store (db only: only db nodes open it), the gate (gate only: only gates need
 * the token key), then spec.env without reserved names. The role itself is a flag (see nodeArgs).
 */
export function nodeEnv(cluster: GameCluster, role: Role): V1EnvVar[] {
  const endpoints = cluster.spec.etcd.endpoints;
  if (endpoints.length === 0) {
    throw new ObjectSpecError(
      `GameCluster '${cluster.metadata.name}' has no etcd.endpoints: set them to the etcd client URLs (such as http://etcd:2379) the nodes coordinate through`,
    );
  }
  const keys = secretName(cluster);
  const env: V1EnvVar[] = [
    fromField(NODE_ENV.nodeName, 'metadata.name'),
    value(NODE_ENV.cluster, cluster.metadata.name),
    value(NODE_ENV.provider, 'etcd'),
    value(NODE_ENV.etcdEndpoints, endpoints.join(',')),
    // A dialable address, so it is also what other nodes dial: no advertise needed.
    fromField(NODE_ENV.meshHost, POD_IP),
    value(NODE_ENV.meshPort, String(MESH_PORT)),
    fromField(NODE_ENV.adminHost, POD_IP),
    value(NODE_ENV.adminPort, String(ADMIN_PORT)),
    fromSecret(NODE_ENV.adminKey, keys, ADMIN_KEY_SECRET_KEY),
  ];
  if (role === 'db') env.push(...storeEnv(cluster));
  if (role === 'gate') {
    env.push(
      fromField(NODE_ENV.gateHost, POD_IP),
      value(NODE_ENV.gatePort, String(GAME_PORT)),
      fromSecret(NODE_ENV.clusterKey, keys, CLUSTER_KEY_SECRET_KEY),
    );
  }
  for (const extra of cluster.spec.env) {
    if (!RESERVED_ENV_NAMES.has(extra.name)) env.push(value(extra.name, extra.value));
  }
  return env;
}

/** The container's args after the image's ENTRYPOINT: the `node` command, the game and the role. */
export function nodeArgs(cluster: GameCluster, role: Role): string[] {
  // Flags win over env in the node, so the role cannot be overridden from spec.env either.
  return ['node', '--app', cluster.spec.app, '--roles', role];
}
