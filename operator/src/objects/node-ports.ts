// The fixed ports, paths and files of a node container: the node's flags choose them, the Service, probes,
// NetworkPolicy and the operator's drain client all refer to them, so they are named once here.

/** Game clients (WebSocket /ws and the login routes); gate pods only. containerPort name `game`. */
export const GAME_PORT = 7350;
export const GAME_PORT_NAME = 'game';
/** /metrics, /healthz, /readyz, /status and POST /drain; every pod. containerPort name `admin`. */
export const ADMIN_PORT = 7360;
export const ADMIN_PORT_NAME = 'admin';
/** The gRPC mesh between the nodes of one cluster; every pod. containerPort name `mesh`. */
export const MESH_PORT = 7370;
export const MESH_PORT_NAME = 'mesh';

export const READY_PATH = '/readyz';
export const HEALTH_PATH = '/healthz';

/** The container's name in every node pod. */
export const NODE_CONTAINER_NAME = 'node';
/** The node image's ENTRYPOINT; args start with the node command (`node`), the preStop hook runs `drain`. */
export const NODE_ENTRYPOINT: readonly string[] = ['node', '--disable-warning=ExperimentalWarning', 'node/src/main.ts'];
/** The unprivileged user (and group) the node runs as; the image's files must be readable by it. */
export const NODE_USER_ID = 10001;

/** Writable scratch space: the root filesystem is read-only. */
export const TMP_MOUNT_PATH = '/tmp';
/** Where the embedded database's volume is mounted (db pods with database.mode embedded). */
export const DATA_MOUNT_PATH = '/var/lib/gamecluster';
/** PGlite's data directory inside the data volume (the node creates it). */
export const PGLITE_DIR = `${DATA_MOUNT_PATH}/pglite`;

/**
 * Seconds between the end of the drain timeout and SIGKILL: the preStop drain may use the whole timeout, then the
 * node still needs SIGTERM's clean stop (flush, lease revoke), so the grace period is the timeout plus this.
 */
export const TERMINATION_MARGIN_SECONDS = 15;
