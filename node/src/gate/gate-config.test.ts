// The gate's flags and env: --gate-host, --gate-port, --cluster-key (or GAMECLUSTER_CLUSTER_KEY), --dev-login.
import { describe, expect, it } from '@jest/globals';
import { describeGateConfig, parseGateConfig } from './gate-config.ts';

const KEY_TEXT = 'k'.repeat(32);

describe('parseGateConfig', () => {
  it('has defaults and leaves other flags alone', () => {
    expect(parseGateConfig(['--roles', 'gate'], {})).toEqual({
      config: {
        host: '0.0.0.0',
        port: 7350,
        clusterKey: undefined,
        devLogin: false,
        attemptsPerIpPerMinute: 30,
        maxConnections: 20_000,
      },
      rest: ['--roles', 'gate'],
    });
  });

  it('raises the per-IP attempt and connection limits for load tests', () => {
    const { config } = parseGateConfig(['--gate-attempts-per-ip', '100000', '--gate-max-connections=50000'], {});
    expect(config).toMatchObject({ attemptsPerIpPerMinute: 100_000, maxConnections: 50_000 });
  });

  const cases: { desc: string; argv: string[]; env: Record<string, string>; want: object }[] = [
    {
      desc: 'flags',
      argv: ['--gate-port', '9000', '--gate-host=127.0.0.5', `--cluster-key=${KEY_TEXT}`],
      env: {},
      want: { port: 9000, host: '127.0.0.5', clusterKey: Buffer.from(KEY_TEXT) },
    },
    {
      desc: 'env',
      argv: [],
      env: { GAMECLUSTER_GATE_PORT: '0', GAMECLUSTER_CLUSTER_KEY: KEY_TEXT, GAMECLUSTER_DEV_LOGIN: 'true' },
      want: { port: 0, clusterKey: Buffer.from(KEY_TEXT), devLogin: true },
    },
    {
      desc: 'a flag beats env',
      argv: ['--gate-port', '1234'],
      env: { GAMECLUSTER_GATE_PORT: '4321' },
      want: { port: 1234 },
    },
    { desc: 'bare --dev-login at the end', argv: ['--dev-login'], env: {}, want: { devLogin: true } },
    {
      desc: 'bare --dev-login before a flag',
      argv: ['--dev-login', '--gate-port', '1'],
      env: {},
      want: { devLogin: true, port: 1 },
    },
    {
      desc: '--dev-login false',
      argv: ['--dev-login', 'false'],
      env: { GAMECLUSTER_DEV_LOGIN: 'true' },
      want: { devLogin: false },
    },
  ];
  it.each(cases)('reads $desc', ({ argv, env, want }) => {
    expect(parseGateConfig(argv, env).config).toMatchObject(want);
  });

  it('reports every problem at once', () => {
    expect(() => parseGateConfig(['--gate-port', 'x', '--cluster-key', 'short', '--dev-login=maybe'], {})).toThrow(
      /3 problems[\s\S]*port 'x'[\s\S]*clusterKey[\s\S]*at least 32 bytes[\s\S]*devLogin 'maybe'/,
    );
  });

  it('describes its flags for --help', () => {
    expect(describeGateConfig()).toMatch(/--cluster-key <text>\n\s+env GAMECLUSTER_CLUSTER_KEY/);
  });
});
