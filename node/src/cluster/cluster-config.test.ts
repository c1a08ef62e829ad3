// Table tests of the cluster configuration: defaults, precedence (flag > env > default), both flag spellings,
// every validation message, unknown flags, and the --help text.
import {
  CLUSTER_CONFIG_OPTIONS,
  type ClusterConfig,
  DEFAULT_ASK_TIMEOUT_MS,
  DEFAULT_LEASE_TTL_MS,
  describeClusterConfig,
  isHelpRequested,
  parseClusterConfig,
  resolveMeshAdvertise,
} from './cluster-config.ts';
import { InvalidClusterConfigError } from './errors.ts';

const host = { hostname: 'box-7', pid: 4242 };

function parse(argv: readonly string[], env: Record<string, string | undefined> = {}): ClusterConfig {
  return parseClusterConfig(argv, env, host);
}

/** The problems a bad configuration reports, or fails the test when it parses. */
function problemsOf(argv: readonly string[], env: Record<string, string | undefined> = {}): string[] {
  try {
    parse(argv, env);
  } catch (error: unknown) {
    expect(error).toBeInstanceOf(InvalidClusterConfigError);
    const invalid = error as InvalidClusterConfigError;
    expect(invalid.code).toBe('GC_ERR_INVALID_CLUSTER_CONFIG');
    const problems = invalid.details?.problems as string[];
    for (const problem of problems) expect(invalid.message).toContain(problem);
    return problems;
  }
  throw new Error(`expected ${JSON.stringify(argv)} ${JSON.stringify(env)} to be rejected`);
}

describe('parseClusterConfig', () => {
  it('applies the defaults', () => {
    expect(parse([])).toEqual({
      name: 'node-box-7-4242',
      roles: [],
      cluster: 'default',
      provider: 'memory',
      etcdEndpoints: [],
      leaseTtlMs: DEFAULT_LEASE_TTL_MS,
      meshHost: '127.0.0.1',
      meshPort: 0,
      meshAdvertise: undefined,
      tls: undefined,
      askTimeoutMs: DEFAULT_ASK_TIMEOUT_MS,
    });
  });

  it('makes a key-safe default name from an odd hostname', () => {
    expect(parseClusterConfig([], {}, { hostname: 'My Box_1.local.', pid: 9 }).name).toBe('node-My-Box-1.local-9');
    expect(parseClusterConfig([], {}, { hostname: '', pid: 9 }).name).toBe('node-host-9');
  });

  it('reads every option from env', () => {
    const config = parse([], {
      GAMECLUSTER_NODE_NAME: 'zone-0',
      GAMECLUSTER_ROLES: 'zone, match',
      GAMECLUSTER_CLUSTER: 'arena-prod',
      GAMECLUSTER_ETCD_ENDPOINTS: 'http://10.0.0.1:2379,https://etcd.example:2379',
      GAMECLUSTER_LEASE_TTL_MS: '3000',
      GAMECLUSTER_MESH_HOST: '0.0.0.0',
      GAMECLUSTER_MESH_PORT: '7000',
      GAMECLUSTER_MESH_ADVERTISE: 'zone-0.zones:7000',
      GAMECLUSTER_MESH_TLS_CA: '/tls/ca.pem',
      GAMECLUSTER_MESH_TLS_CERT: '/tls/node.pem',
      GAMECLUSTER_MESH_TLS_KEY: '/tls/node.key',
      GAMECLUSTER_ASK_TIMEOUT_MS: '2500',
    });
    expect(config).toEqual({
      name: 'zone-0',
      roles: ['zone', 'match'],
      cluster: 'arena-prod',
      provider: 'etcd',
      etcdEndpoints: ['http://10.0.0.1:2379', 'https://etcd.example:2379'],
      leaseTtlMs: 3000,
      meshHost: '0.0.0.0',
      meshPort: 7000,
      meshAdvertise: 'zone-0.zones:7000',
      tls: { caFile: '/tls/ca.pem', certFile: '/tls/node.pem', keyFile: '/tls/node.key' },
      askTimeoutMs: 2500,
    });
  });

  it('reads every option from flags, in both spellings', () => {
    const config = parse([
      '--name=world-1',
      '--roles',
      'world',
      '--cluster=dev',
      '--provider',
      'etcd',
      '--etcd=http://127.0.0.1:2379',
      '--lease-ttl-ms',
      '1000',
      '--mesh-host=::1',
      '--mesh-port',
      '65535',
      '--mesh-tls-ca=ca.pem',
      '--mesh-tls-cert',
      'cert.pem',
      '--mesh-tls-key=key.pem',
      '--ask-timeout-ms',
      '1',
    ]);
    expect(config).toEqual({
      name: 'world-1',
      roles: ['world'],
      cluster: 'dev',
      provider: 'etcd',
      etcdEndpoints: ['http://127.0.0.1:2379'],
      leaseTtlMs: 1000,
      meshHost: '::1',
      meshPort: 65535,
      meshAdvertise: undefined,
      tls: { caFile: 'ca.pem', certFile: 'cert.pem', keyFile: 'key.pem' },
      askTimeoutMs: 1,
    });
  });

  const precedence: { desc: string; argv: string[]; env: Record<string, string>; want: Partial<ClusterConfig> }[] = [
    {
      desc: 'a flag over env',
      argv: ['--name', 'from-flag', '--lease-ttl-ms=2000'],
      env: { GAMECLUSTER_NODE_NAME: 'from-env', GAMECLUSTER_LEASE_TTL_MS: '9000' },
      want: { name: 'from-flag', leaseTtlMs: 2000 },
    },
    {
      desc: 'env over the default',
      argv: [],
      env: { GAMECLUSTER_CLUSTER: 'staging', GAMECLUSTER_ASK_TIMEOUT_MS: '500' },
      want: { cluster: 'staging', askTimeoutMs: 500 },
    },
    {
      desc: 'an empty env variable as unset',
      argv: [],
      env: { GAMECLUSTER_NODE_NAME: '', GAMECLUSTER_ETCD_ENDPOINTS: '' },
      want: { name: 'node-box-7-4242', provider: 'memory' },
    },
    {
      desc: 'a provider flag over endpoints in env',
      argv: ['--provider', 'etcd'],
      env: { GAMECLUSTER_ETCD_ENDPOINTS: 'http://127.0.0.1:2379' },
      want: { provider: 'etcd', etcdEndpoints: ['http://127.0.0.1:2379'] },
    },
    {
      desc: 'provider etcd by default when endpoints are given',
      argv: ['--etcd', 'http://127.0.0.1:2379'],
      env: {},
      want: { provider: 'etcd' },
    },
    { desc: 'roles all as any role', argv: ['--roles=all'], env: { GAMECLUSTER_ROLES: 'zone' }, want: { roles: [] } },
    {
      desc: 'repeated role flags as one list, without duplicates',
      argv: ['--role', 'world', '--roles=zone,world'],
      env: {},
      want: { roles: ['world', 'zone'] },
    },
  ];
  it.each(precedence)('takes $desc', ({ argv, env, want }) => {
    expect(parse(argv, env)).toMatchObject(want);
  });

  const invalid: { desc: string; argv: string[]; env?: Record<string, string>; want: RegExp }[] = [
    { desc: 'an unknown flag', argv: ['--nmae', 'x'], want: /^unknown flag --nmae: remove it/ },
    { desc: 'an unknown flag with =', argv: ['--colour=red'], want: /^unknown flag --colour:/ },
    { desc: 'a stray argument', argv: ['zone'], want: /^unexpected argument 'zone'/ },
    { desc: 'a flag without a value at the end', argv: ['--name'], want: /^--name needs a value: pass --name <name>/ },
    { desc: 'a flag followed by a flag', argv: ['--cluster', '--name', 'a'], want: /^--cluster needs a value/ },
    { desc: 'an empty = value', argv: ['--mesh-port='], want: /^--mesh-port needs a value/ },
    { desc: 'a scalar flag given twice', argv: ['--name', 'a', '--name=b'], want: /^--name is given more than once/ },
    {
      desc: 'a bad name',
      argv: ['--name', 'zone 1'],
      want: /^name 'zone 1' \(from --name\).*set --name or GAMECLUSTER_NODE_NAME/,
    },
    {
      desc: 'a bad name from env',
      argv: [],
      env: { GAMECLUSTER_NODE_NAME: '-x' },
      want: /\(from GAMECLUSTER_NODE_NAME\)/,
    },
    { desc: 'a bad role', argv: ['--roles', 'zone,Match!'], want: /^role 'Match!' .*set --roles or GAMECLUSTER_ROLES/ },
    { desc: 'an empty role', argv: ['--roles', 'zone,'], want: /^role '' / },
    { desc: 'all mixed with roles', argv: ['--roles', 'all,zone'], want: /^roles 'all,zone' .*mix 'all'/ },
    {
      desc: 'a cluster with a slash',
      argv: ['--cluster', 'a/b'],
      want: /^cluster 'a\/b' .*set --cluster or GAMECLUSTER_CLUSTER/,
    },
    { desc: 'an upper-case cluster', argv: [], env: { GAMECLUSTER_CLUSTER: 'Prod' }, want: /^cluster 'Prod'/ },
    { desc: 'an unknown provider', argv: ['--provider', 'redis'], want: /^provider 'redis' .*must be memory or etcd/ },
    {
      desc: 'etcd without endpoints',
      argv: ['--provider=etcd'],
      want: /^provider etcd \(from --provider\) needs etcd endpoints: set --etcd or GAMECLUSTER_ETCD_ENDPOINTS/,
    },
    {
      desc: 'memory with endpoints',
      argv: ['--provider', 'memory'],
      env: { GAMECLUSTER_ETCD_ENDPOINTS: 'http://127.0.0.1:2379' },
      want: /^etcd endpoints are set \(from GAMECLUSTER_ETCD_ENDPOINTS\) but provider is memory/,
    },
    {
      desc: 'an endpoint without scheme',
      argv: ['--etcd', '127.0.0.1:2379'],
      want: /^etcd endpoint '127.0.0.1:2379' .*http:\/\//,
    },
    {
      desc: 'an endpoint of another scheme',
      argv: ['--etcd', 'grpc://etcd:2379'],
      want: /^etcd endpoint 'grpc:\/\/etcd:2379'/,
    },
    {
      desc: 'an endpoint with a path',
      argv: ['--etcd', 'http://etcd:2379/v3'],
      want: /^etcd endpoint 'http:\/\/etcd:2379\/v3'/,
    },
    {
      desc: 'a short lease',
      argv: ['--lease-ttl-ms', '999'],
      want: /^leaseTtlMs '999' .*from 1000 to .*set --lease-ttl-ms or GAMECLUSTER_LEASE_TTL_MS \(default: 5000\)/,
    },
    {
      desc: 'a lease in seconds',
      argv: [],
      env: { GAMECLUSTER_LEASE_TTL_MS: '5s' },
      want: /^leaseTtlMs '5s' \(from GAMECLUSTER_LEASE_TTL_MS\)/,
    },
    { desc: 'a fractional lease', argv: ['--lease-ttl-ms=1500.5'], want: /^leaseTtlMs '1500.5'/ },
    {
      desc: 'a bad mesh host',
      argv: ['--mesh-host', 'host:7000'],
      want: /^meshHost 'host:7000' .*without a port: set --mesh-host/,
    },
    { desc: 'a port too high', argv: ['--mesh-port', '65536'], want: /^meshPort '65536' .*from 0 to 65535/ },
    { desc: 'a negative port', argv: ['--mesh-port=-1'], want: /^meshPort '-1'/ },
    {
      desc: 'an unspecified mesh host without advertise',
      argv: ['--mesh-host', '0.0.0.0'],
      want: /^meshHost 0.0.0.0 listens on every interface .*set --mesh-advertise or GAMECLUSTER_MESH_ADVERTISE/,
    },
    {
      desc: 'an advertise without port',
      argv: ['--mesh-advertise', 'zone-0'],
      want: /^meshAdvertise 'zone-0' .*host:port/,
    },
    { desc: 'an advertise with port 0', argv: ['--mesh-advertise', 'zone-0:0'], want: /^meshAdvertise 'zone-0:0'/ },
    {
      desc: 'an unbracketed IPv6 advertise',
      argv: ['--mesh-advertise', '::1:7000'],
      want: /^meshAdvertise '::1:7000'/,
    },
    {
      desc: 'an unspecified advertise',
      argv: ['--mesh-advertise', '0.0.0.0:7000'],
      want: /^meshAdvertise '0.0.0.0:7000'/,
    },
    {
      desc: 'TLS without key',
      argv: ['--mesh-tls-ca', 'ca.pem', '--mesh-tls-cert', 'cert.pem'],
      want: /^mesh TLS needs .*: set --mesh-tls-key \(GAMECLUSTER_MESH_TLS_KEY\), or unset the others$/,
    },
    {
      desc: 'TLS with only a key',
      argv: [],
      env: { GAMECLUSTER_MESH_TLS_KEY: 'key.pem' },
      want: /set --mesh-tls-ca \(GAMECLUSTER_MESH_TLS_CA\) and --mesh-tls-cert \(GAMECLUSTER_MESH_TLS_CERT\),/,
    },
    {
      desc: 'a zero ask timeout',
      argv: ['--ask-timeout-ms', '0'],
      want: /^askTimeoutMs '0' .*set --ask-timeout-ms or GAMECLUSTER_ASK_TIMEOUT_MS/,
    },
  ];
  it.each(invalid)('rejects $desc', ({ argv, env, want }) => {
    const problems = problemsOf(argv, env);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(want);
  });

  it('reports every problem in one error', () => {
    const problems = problemsOf(['--nope', '--lease-ttl-ms', '10', 'stray'], {
      GAMECLUSTER_CLUSTER: 'A/B',
      GAMECLUSTER_MESH_TLS_CA: 'ca.pem',
    });
    expect(problems).toEqual([
      expect.stringMatching(/^unknown flag --nope/),
      expect.stringMatching(/^unexpected argument 'stray'/),
      expect.stringMatching(/^cluster 'A\/B'/),
      expect.stringMatching(/^leaseTtlMs '10'/),
      expect.stringMatching(/^mesh TLS needs/),
    ]);
    expect(() => parse(['--nope'])).toThrow(/Invalid cluster configuration \(1 problem; run with --help/);
  });

  it('accepts --help among other flags', () => {
    expect(parse(['--roles', 'zone', '--help']).roles).toEqual(['zone']);
  });
});

describe('isHelpRequested', () => {
  it.each([
    { argv: ['--help'], want: true },
    { argv: ['--roles', 'zone', '-h'], want: true },
    { argv: ['--roles', 'zone'], want: false },
  ])('is $want for $argv', ({ argv, want }) => {
    expect(isHelpRequested(argv)).toBe(want);
  });
});

describe('resolveMeshAdvertise', () => {
  it.each([
    { argv: [], port: 7100, want: '127.0.0.1:7100' },
    { argv: ['--mesh-host', '::1'], port: 7100, want: '[::1]:7100' },
    { argv: ['--mesh-advertise', 'zone-0.zones:7000'], port: 7100, want: 'zone-0.zones:7000' },
    { argv: ['--mesh-host', '::', '--mesh-advertise', '[fd00::5]:7000'], port: 7000, want: '[fd00::5]:7000' },
  ])('gives $want for $argv', ({ argv, port, want }) => {
    expect(resolveMeshAdvertise(parse(argv), port)).toBe(want);
  });
});

describe('describeClusterConfig', () => {
  it('names every flag, env variable and default', () => {
    const text = describeClusterConfig();
    for (const option of CLUSTER_CONFIG_OPTIONS) {
      expect(text).toContain(option.flag);
      expect(text).toContain(option.env);
      expect(text).toContain(`default: ${option.defaultText}`);
    }
    expect(text).toContain('--roles <a,b|all> (or --role)');
  });
});
