// The typed configuration of a cluster node, read once at start from flags, `GAMECLUSTER_*` env and defaults
// (flags win over env, env over defaults), validated so that one error lists every problem and what to set.
import { isIP } from 'node:net';
import { hostname } from 'node:os';
import { describeOptions, OptionReader, type RawValue } from '../config/options.ts';
import {
  CLUSTER_CONFIG_OPTIONS,
  type ClusterConfig,
  type ClusterConfigOption,
  type ClusterConfigOptionKey,
  type ClusterProviderKind,
  type ConfigHost,
  DEFAULT_ASK_TIMEOUT_MS,
  DEFAULT_CLUSTER_NAME,
  DEFAULT_LEASE_TTL_MS,
  DEFAULT_MESH_HOST,
  DEFAULT_MESH_PORT,
  MAX_TIMER_MS,
  type MeshTlsConfig,
  MIN_LEASE_TTL_MS,
} from './cluster-config-options.ts';
import { InvalidClusterConfigError } from './errors.ts';

export { isHelpRequested } from '../config/options.ts';

export * from './cluster-config-options.ts';

/**
 * Reads the cluster configuration from `argv` (flags only, without the node and script paths) and `env`.
 * `--flag value` and `--flag=value` are both accepted; `--help` is accepted and ignored (see isHelpRequested).
 * Throws one InvalidClusterConfigError listing every problem (`details.problems`).
 */
export function parseClusterConfig(
  argv: readonly string[],
  env: Record<string, string | undefined>,
  host: ConfigHost = { hostname: hostname(), pid: process.pid },
): ClusterConfig {
  const options = new OptionReader(CLUSTER_CONFIG_OPTIONS, argv, env, 'error');
  const problems = options.problems;
  const raw = (key: ClusterConfigOptionKey): RawValue | undefined => options.raw(key);

  const name = parseName(raw('name'), host, problems);
  const roles = parseRoles(raw('roles'), problems);
  const cluster = parseClusterName(raw('cluster'), problems);
  const etcdRaw = raw('etcdEndpoints');
  const etcdEndpoints = parseEtcdEndpoints(etcdRaw, problems);
  const provider = parseProvider(raw('provider'), etcdRaw, problems);
  const leaseTtlMs = options.whole('leaseTtlMs', DEFAULT_LEASE_TTL_MS, MIN_LEASE_TTL_MS, MAX_TIMER_MS);
  const meshHost = parseMeshHost(raw('meshHost'), problems);
  const meshPort = options.whole('meshPort', DEFAULT_MESH_PORT, 0, 65_535);
  const meshAdvertise = parseMeshAdvertise(raw('meshAdvertise'), meshHost, problems);
  const tls = parseTls(raw('tlsCa'), raw('tlsCert'), raw('tlsKey'), problems);
  const askTimeoutMs = options.whole('askTimeoutMs', DEFAULT_ASK_TIMEOUT_MS, 1, MAX_TIMER_MS);

  options.throwIfProblems(
    'cluster configuration',
    (message, list) => new InvalidClusterConfigError(message, { details: { problems: list } }),
  );
  return {
    name,
    roles,
    cluster,
    provider,
    etcdEndpoints: provider === 'etcd' ? etcdEndpoints : [],
    leaseTtlMs,
    meshHost,
    meshPort,
    meshAdvertise,
    tls,
    askTimeoutMs,
  };
}

/** The address other nodes dial: meshAdvertise, else meshHost with the port the mesh server actually bound. */
export function resolveMeshAdvertise(config: ClusterConfig, boundPort: number): string {
  return config.meshAdvertise ?? formatHostPort(config.meshHost, boundPort);
}

/** The `--help` text of the cluster options: flag, env variable, default and meaning of each. */
export function describeClusterConfig(): string {
  return describeOptions('Cluster options', CLUSTER_CONFIG_OPTIONS);
}

function specOf(key: ClusterConfigOptionKey): ClusterConfigOption {
  return CLUSTER_CONFIG_OPTIONS.find((spec) => spec.key === key) as ClusterConfigOption;
}

function setHint(key: ClusterConfigOptionKey): string {
  const spec = specOf(key);
  return `set ${spec.flag} or ${spec.env}`;
}

// Letters, digits, '.', '_' and '-', starting and ending with a letter or digit (pod names and hostnames fit).
const NODE_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,251}[A-Za-z0-9])?$/;
const ROLE_NAME = /^[a-z][a-z0-9-]{0,62}$/;
// A DNS label, so it is safe in etcd keys, Kubernetes names and metric labels alike.
const CLUSTER_NAME = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const HOST_NAME =
  /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

function parseName(value: RawValue | undefined, host: ConfigHost, problems: string[]): string {
  if (value === undefined) {
    const safeHost = host.hostname.replace(/[^A-Za-z0-9.-]+/g, '-').replace(/^[.-]+|[.-]+$/g, '') || 'host';
    return `node-${safeHost}-${host.pid}`;
  }
  if (!NODE_NAME.test(value.text)) {
    problems.push(
      `name '${value.text}' (from ${value.from}) must be 1–253 letters, digits, '.', '_' or '-', starting and ending with a letter or digit: ${setHint('name')}`,
    );
  }
  return value.text;
}

function parseRoles(value: RawValue | undefined, problems: string[]): readonly string[] {
  if (value === undefined) return [];
  const roles = [...new Set(value.text.split(',').map((role) => role.trim()))];
  if (roles.includes('all')) {
    if (roles.length > 1) {
      problems.push(
        `roles '${value.text}' (from ${value.from}) mix 'all' with other roles: ${setHint('roles')} to all, or to a list such as world,zone`,
      );
    }
    return [];
  }
  for (const role of roles) {
    if (!ROLE_NAME.test(role)) {
      problems.push(
        `role '${role}' (from ${value.from}) must be a lowercase name such as zone (a letter, then letters, digits or '-'): ${setHint('roles')} to a comma list such as world,zone, or all`,
      );
    }
  }
  return roles;
}

function parseClusterName(value: RawValue | undefined, problems: string[]): string {
  if (value === undefined) return DEFAULT_CLUSTER_NAME;
  if (!CLUSTER_NAME.test(value.text)) {
    problems.push(
      `cluster '${value.text}' (from ${value.from}) must be 1–63 lowercase letters, digits or '-', starting and ending with a letter or digit: ${setHint('cluster')}`,
    );
  }
  return value.text;
}

function parseEtcdEndpoints(value: RawValue | undefined, problems: string[]): readonly string[] {
  if (value === undefined) return [];
  const endpoints = value.text.split(',').map((endpoint) => endpoint.trim());
  for (const endpoint of endpoints) {
    if (!isEtcdUrl(endpoint)) {
      problems.push(
        `etcd endpoint '${endpoint}' (from ${value.from}) must be an http:// or https:// URL with a host, such as http://127.0.0.1:2379: ${setHint('etcdEndpoints')} to a comma list of them`,
      );
    }
  }
  return endpoints;
}

function isEtcdUrl(text: string): boolean {
  if (!URL.canParse(text)) return false;
  const url = new URL(text);
  const bare = url.pathname === '/' && url.search === '' && url.hash === '' && url.username === '';
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '' && bare;
}

function parseProvider(
  value: RawValue | undefined,
  etcd: RawValue | undefined,
  problems: string[],
): ClusterProviderKind {
  if (value === undefined) return etcd === undefined ? 'memory' : 'etcd';
  if (value.text !== 'memory' && value.text !== 'etcd') {
    problems.push(`provider '${value.text}' (from ${value.from}) must be memory or etcd: ${setHint('provider')}`);
    return 'memory';
  }
  if (value.text === 'etcd' && etcd === undefined) {
    problems.push(
      `provider etcd (from ${value.from}) needs etcd endpoints: ${setHint('etcdEndpoints')} to a comma list such as http://127.0.0.1:2379`,
    );
  }
  if (value.text === 'memory' && etcd !== undefined) {
    // Ignoring the endpoints would silently start a one-process cluster where a real one was meant.
    problems.push(
      `etcd endpoints are set (from ${etcd.from}) but provider is memory (from ${value.from}): unset ${specOf('etcdEndpoints').env} and ${specOf('etcdEndpoints').flag}, or set ${specOf('provider').flag} etcd`,
    );
  }
  return value.text;
}

function parseMeshHost(value: RawValue | undefined, problems: string[]): string {
  if (value === undefined) return DEFAULT_MESH_HOST;
  if (!isHost(value.text)) {
    problems.push(
      `meshHost '${value.text}' (from ${value.from}) must be an IP address or a host name, without a port: ${setHint('meshHost')}`,
    );
  }
  return value.text;
}

function parseMeshAdvertise(value: RawValue | undefined, meshHost: string, problems: string[]): string | undefined {
  if (value === undefined) {
    if (isUnspecifiedAddress(meshHost)) {
      problems.push(
        `meshHost ${meshHost} listens on every interface but is no address another node can dial: ${setHint('meshAdvertise')} to this node's reachable host:port`,
      );
    }
    return undefined;
  }
  const parsed = splitHostPort(value.text);
  if (parsed === undefined || !isHost(parsed.host) || isUnspecifiedAddress(parsed.host)) {
    problems.push(
      `meshAdvertise '${value.text}' (from ${value.from}) must be host:port with a dialable host and a port from 1 to 65535 ([ipv6]:port for IPv6): ${setHint('meshAdvertise')}`,
    );
  }
  return value.text;
}

function parseTls(
  ca: RawValue | undefined,
  cert: RawValue | undefined,
  key: RawValue | undefined,
  problems: string[],
): MeshTlsConfig | undefined {
  if (ca !== undefined && cert !== undefined && key !== undefined) {
    return { caFile: ca.text, certFile: cert.text, keyFile: key.text };
  }
  if (ca === undefined && cert === undefined && key === undefined) return undefined;
  const missing: string[] = [];
  if (ca === undefined) missing.push(`${specOf('tlsCa').flag} (${specOf('tlsCa').env})`);
  if (cert === undefined) missing.push(`${specOf('tlsCert').flag} (${specOf('tlsCert').env})`);
  if (key === undefined) missing.push(`${specOf('tlsKey').flag} (${specOf('tlsKey').env})`);
  problems.push(
    `mesh TLS needs its CA, certificate and key files together, or none of them: set ${missing.join(' and ')}, or unset the others`,
  );
  return undefined;
}

function isHost(text: string): boolean {
  return isIP(text) !== 0 || HOST_NAME.test(text);
}

function isUnspecifiedAddress(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '[::]';
}

function splitHostPort(text: string): { host: string; port: number } | undefined {
  const match = /^(?:\[([^\]]+)\]|([^:[\]]+)):([0-9]{1,5})$/.exec(text);
  if (match === null) return undefined;
  const host = match[1] ?? match[2] ?? '';
  if (match[1] !== undefined && isIP(host) !== 6) return undefined;
  const port = Number(match[3]);
  return port >= 1 && port <= 65_535 ? { host, port } : undefined;
}

function formatHostPort(host: string, port: number): string {
  return isIP(host) === 6 ? `[${host}]:${port}` : `${host}:${port}`;
}
