// The typed configuration of a cluster node, read once at start from flags, `GAMECLUSTER_*` env and defaults
// (flags win over env, env over defaults), validated so that one error lists every problem and what to set.
import { isIP } from 'node:net';
import { hostname } from 'node:os';
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

export * from './cluster-config-options.ts';

const HELP_FLAGS: readonly string[] = ['--help', '-h'];

/** A raw option value and where it came from (for messages). */
interface RawValue {
  readonly text: string;
  /** `--flag` or `ENV_NAME`. */
  readonly from: string;
}

/** True when argv asks for `--help` (or `-h`): print describeClusterConfig() instead of starting. */
export function isHelpRequested(argv: readonly string[]): boolean {
  return argv.some((arg) => HELP_FLAGS.includes(arg));
}

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
  const problems: string[] = [];
  const flags = readFlags(argv, problems);
  const raw = (key: ClusterConfigOptionKey): RawValue | undefined => {
    const fromFlag = flags.get(key);
    if (fromFlag !== undefined) return fromFlag;
    const spec = specOf(key);
    const text = env[spec.env];
    // An empty variable counts as unset, as manifests often render optional values that way.
    return text === undefined || text === '' ? undefined : { text, from: spec.env };
  };

  const name = parseName(raw('name'), host, problems);
  const roles = parseRoles(raw('roles'), problems);
  const cluster = parseClusterName(raw('cluster'), problems);
  const etcdRaw = raw('etcdEndpoints');
  const etcdEndpoints = parseEtcdEndpoints(etcdRaw, problems);
  const provider = parseProvider(raw('provider'), etcdRaw, problems);
  const leaseTtlMs = parseInteger(
    raw('leaseTtlMs'),
    'leaseTtlMs',
    DEFAULT_LEASE_TTL_MS,
    MIN_LEASE_TTL_MS,
    MAX_TIMER_MS,
    problems,
  );
  const meshHost = parseMeshHost(raw('meshHost'), problems);
  const meshPort = parseInteger(raw('meshPort'), 'meshPort', DEFAULT_MESH_PORT, 0, 65_535, problems);
  const meshAdvertise = parseMeshAdvertise(raw('meshAdvertise'), meshHost, problems);
  const tls = parseTls(raw('tlsCa'), raw('tlsCert'), raw('tlsKey'), problems);
  const askTimeoutMs = parseInteger(
    raw('askTimeoutMs'),
    'askTimeoutMs',
    DEFAULT_ASK_TIMEOUT_MS,
    1,
    MAX_TIMER_MS,
    problems,
  );

  if (problems.length > 0) {
    throw new InvalidClusterConfigError(
      `Invalid cluster configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}; run with --help for every option):\n${problems.map((p) => `  - ${p}`).join('\n')}`,
      { details: { problems } },
    );
  }
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
  const lines = ['Cluster options (a flag wins over its environment variable, which wins over the default):'];
  for (const spec of CLUSTER_CONFIG_OPTIONS) {
    const aliases = spec.aliases === undefined ? '' : ` (or ${spec.aliases.join(', ')})`;
    lines.push(`  ${spec.flag} ${spec.placeholder}${aliases}`);
    lines.push(`      env ${spec.env}; default: ${spec.defaultText}`);
    lines.push(`      ${spec.meaning}`);
  }
  return `${lines.join('\n')}\n`;
}

function specOf(key: ClusterConfigOptionKey): ClusterConfigOption {
  return CLUSTER_CONFIG_OPTIONS.find((spec) => spec.key === key) as ClusterConfigOption;
}

function setHint(key: ClusterConfigOptionKey): string {
  const spec = specOf(key);
  return `set ${spec.flag} or ${spec.env}`;
}

function readFlags(argv: readonly string[], problems: string[]): Map<ClusterConfigOptionKey, RawValue> {
  const byFlag = new Map<string, ClusterConfigOption>();
  for (const spec of CLUSTER_CONFIG_OPTIONS) {
    byFlag.set(spec.flag, spec);
    for (const alias of spec.aliases ?? []) byFlag.set(alias, spec);
  }
  const values = new Map<ClusterConfigOptionKey, RawValue>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (HELP_FLAGS.includes(arg)) continue;
    if (!arg.startsWith('-')) {
      problems.push(`unexpected argument '${arg}': options are flags, as in --name node-1 or --name=node-1`);
      continue;
    }
    const equals = arg.indexOf('=');
    const flag = equals === -1 ? arg : arg.slice(0, equals);
    const spec = byFlag.get(flag);
    if (spec === undefined) {
      problems.push(`unknown flag ${flag}: remove it (run with --help for the flags a node accepts)`);
      if (equals === -1 && argv[i + 1] !== undefined && !(argv[i + 1] as string).startsWith('-')) i++;
      continue;
    }
    let text: string | undefined;
    if (equals !== -1) text = arg.slice(equals + 1);
    else if (argv[i + 1] !== undefined && !(argv[i + 1] as string).startsWith('--')) text = argv[++i];
    if (text === undefined || text === '') {
      problems.push(`${flag} needs a value: pass ${flag} ${spec.placeholder} or ${flag}=${spec.placeholder}`);
      continue;
    }
    const previous = values.get(spec.key);
    if (previous !== undefined && !spec.list) {
      problems.push(`${flag} is given more than once: pass it once`);
      continue;
    }
    values.set(
      spec.key,
      previous === undefined ? { text, from: flag } : { text: `${previous.text},${text}`, from: flag },
    );
  }
  return values;
}

// Letters, digits, '.', '_' and '-', starting and ending with a letter or digit (pod names and hostnames fit).
const NODE_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,251}[A-Za-z0-9])?$/;
const ROLE_NAME = /^[a-z][a-z0-9-]{0,62}$/;
// A DNS label, so it is safe in etcd keys, Kubernetes names and metric labels alike.
const CLUSTER_NAME = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const HOST_NAME =
  /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const DECIMAL = /^[0-9]+$/;

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

function parseInteger(
  value: RawValue | undefined,
  key: ClusterConfigOptionKey,
  fallback: number,
  min: number,
  max: number,
  problems: string[],
): number {
  if (value === undefined) return fallback;
  const number = DECIMAL.test(value.text) ? Number(value.text) : Number.NaN;
  if (!(number >= min && number <= max)) {
    problems.push(
      `${key} '${value.text}' (from ${value.from}) must be a whole number from ${min} to ${max}: ${setHint(key)} (default: ${fallback})`,
    );
    return fallback;
  }
  return number;
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
