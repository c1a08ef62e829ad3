// The options of a cluster node: their types, defaults and the table of flags and env variables that
// parseClusterConfig reads and describeClusterConfig prints.
import type { OptionSpec } from '../config/options.ts';

export const DEFAULT_CLUSTER_NAME = 'default';
export const DEFAULT_LEASE_TTL_MS = 5000;
export const MIN_LEASE_TTL_MS = 1000;
export const DEFAULT_MESH_HOST = '127.0.0.1';
export const DEFAULT_MESH_PORT = 0;
export const DEFAULT_ASK_TIMEOUT_MS = 10_000;
/** The longest delay a Node timer accepts. */
/** The largest delay setTimeout accepts. */
export const MAX_TIMER_MS = 2_147_483_647;

export type ClusterProviderKind = 'memory' | 'etcd';

/** PEM files of the mesh's mutual TLS; paths only, the transport reads them. */
export interface MeshTlsConfig {
  readonly caFile: string;
  readonly certFile: string;
  readonly keyFile: string;
}

export interface ClusterConfig {
  /** Stable node name; the member id adds an incarnation to it. (default: `node-<hostname>-<pid>`) */
  readonly name: string;
  /** Roles this node hosts; empty means any role (`--roles all`). (default: []) */
  readonly roles: readonly string[];
  /** The cluster this node joins: the key prefix in etcd, a DNS-label-like name. (default: 'default') */
  readonly cluster: string;
  /** (default: 'etcd' when etcd endpoints are given, else 'memory') */
  readonly provider: ClusterProviderKind;
  /** etcd client URLs; empty with the memory provider. (default: []) */
  readonly etcdEndpoints: readonly string[];
  /** TTL of this node's lease: how long a silent node keeps its activations. (default: 5000, at least 1000) */
  readonly leaseTtlMs: number;
  /** Address the mesh (gRPC) server binds. (default: '127.0.0.1') */
  readonly meshHost: string;
  /** Port the mesh server binds; 0 lets the system pick one. (default: 0) */
  readonly meshPort: number;
  /** `host:port` other nodes dial; undefined means meshHost and the bound port (see resolveMeshAdvertise). */
  readonly meshAdvertise: string | undefined;
  /** Mutual TLS of the mesh; undefined means plaintext. (default: undefined) */
  readonly tls: MeshTlsConfig | undefined;
  /** Deadline of an ask that gives none. (default: 10000) */
  readonly askTimeoutMs: number;
}

/** Where the process runs, for the default node name; tests pass a fixed one. */
export interface ConfigHost {
  readonly hostname: string;
  readonly pid: number;
}

export type ClusterConfigOptionKey =
  | 'name'
  | 'roles'
  | 'cluster'
  | 'provider'
  | 'etcdEndpoints'
  | 'leaseTtlMs'
  | 'meshHost'
  | 'meshPort'
  | 'meshAdvertise'
  | 'tlsCa'
  | 'tlsCert'
  | 'tlsKey'
  | 'askTimeoutMs';

export type ClusterConfigOption = OptionSpec<ClusterConfigOptionKey>;

/** Every cluster option, in `--help` order. */
export const CLUSTER_CONFIG_OPTIONS: readonly ClusterConfigOption[] = [
  {
    key: 'name',
    flag: '--name',
    env: 'GAMECLUSTER_NODE_NAME',
    placeholder: '<name>',
    defaultText: 'node-<hostname>-<pid>',
    meaning: 'Stable node name (the pod name on Kubernetes); the member id adds an incarnation to it.',
  },
  {
    key: 'roles',
    flag: '--roles',
    aliases: ['--role'],
    env: 'GAMECLUSTER_ROLES',
    list: true,
    placeholder: '<a,b|all>',
    defaultText: 'all',
    meaning: 'Roles this node hosts (gate, world, zone, match, db, ...); `all` hosts every role.',
  },
  {
    key: 'cluster',
    flag: '--cluster',
    env: 'GAMECLUSTER_CLUSTER',
    placeholder: '<name>',
    defaultText: DEFAULT_CLUSTER_NAME,
    meaning: 'The cluster to join; nodes of different clusters never see each other on one etcd.',
  },
  {
    key: 'provider',
    flag: '--provider',
    env: 'GAMECLUSTER_PROVIDER',
    placeholder: '<memory|etcd>',
    defaultText: 'etcd when etcd endpoints are set, else memory',
    meaning: 'Coordination store: memory (this process only) or etcd (a real cluster).',
  },
  {
    key: 'etcdEndpoints',
    flag: '--etcd',
    env: 'GAMECLUSTER_ETCD_ENDPOINTS',
    list: true,
    placeholder: '<url,url>',
    defaultText: 'none',
    meaning: 'etcd client URLs, such as http://127.0.0.1:2379.',
  },
  {
    key: 'leaseTtlMs',
    flag: '--lease-ttl-ms',
    env: 'GAMECLUSTER_LEASE_TTL_MS',
    placeholder: '<ms>',
    defaultText: String(DEFAULT_LEASE_TTL_MS),
    meaning: `Lease TTL (at least ${MIN_LEASE_TTL_MS}): how long a silent node keeps its actors before others take them.`,
  },
  {
    key: 'meshHost',
    flag: '--mesh-host',
    env: 'GAMECLUSTER_MESH_HOST',
    placeholder: '<host>',
    defaultText: DEFAULT_MESH_HOST,
    meaning: 'Address the mesh (gRPC) server binds.',
  },
  {
    key: 'meshPort',
    flag: '--mesh-port',
    env: 'GAMECLUSTER_MESH_PORT',
    placeholder: '<port>',
    defaultText: `${DEFAULT_MESH_PORT} (any free port)`,
    meaning: 'Port the mesh server binds.',
  },
  {
    key: 'meshAdvertise',
    flag: '--mesh-advertise',
    env: 'GAMECLUSTER_MESH_ADVERTISE',
    placeholder: '<host:port>',
    defaultText: 'mesh host and bound port',
    meaning: 'Address other nodes dial to reach this one (needed when binding 0.0.0.0 or behind NAT).',
  },
  {
    key: 'tlsCa',
    flag: '--mesh-tls-ca',
    env: 'GAMECLUSTER_MESH_TLS_CA',
    placeholder: '<file>',
    defaultText: 'none (plaintext)',
    meaning: 'PEM file of the CA that signs every node certificate; set with the cert and key, or none of them.',
  },
  {
    key: 'tlsCert',
    flag: '--mesh-tls-cert',
    env: 'GAMECLUSTER_MESH_TLS_CERT',
    placeholder: '<file>',
    defaultText: 'none (plaintext)',
    meaning: 'PEM file of this node’s certificate.',
  },
  {
    key: 'tlsKey',
    flag: '--mesh-tls-key',
    env: 'GAMECLUSTER_MESH_TLS_KEY',
    placeholder: '<file>',
    defaultText: 'none (plaintext)',
    meaning: 'PEM file of this node’s private key.',
  },
  {
    key: 'askTimeoutMs',
    flag: '--ask-timeout-ms',
    env: 'GAMECLUSTER_ASK_TIMEOUT_MS',
    placeholder: '<ms>',
    defaultText: String(DEFAULT_ASK_TIMEOUT_MS),
    meaning: 'Deadline of a cross-node ask that sets none.',
  },
];
