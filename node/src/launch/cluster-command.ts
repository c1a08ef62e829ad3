// `npm run cluster`: the production topology on one machine — etcd (started here when `etcd` is on the PATH),
// then one process per role (gate ×2, world, zone ×2, match, db) with the demo game, on PostgreSQL when a URL is
// configured and on PGlite in the data dir otherwise. Prints the gate URLs and how to run bots; Ctrl-C stops the
// nodes in reverse role order (every save lands) and then etcd.
import { randomBytes } from 'node:crypto';
import { accessSync, constants, mkdirSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { InvalidClusterConfigError } from '../cluster/errors.ts';
import { EtcdTestServer } from '../cluster/etcd/index.ts';
import { describeOptions, OptionReader, type OptionSpec } from '../config/options.ts';
import { APP_OPTION, dataDirOption, gatePortOption } from './launch-options.ts';
import { ProcessCluster } from './process-cluster.ts';

interface ClusterCommandConfig {
  readonly app: string;
  readonly postgresUrl: string | undefined;
  readonly etcd: string | undefined;
  readonly dataDir: string;
  readonly gatePort: number;
}

type Key = keyof ClusterCommandConfig;

const OPTIONS: readonly OptionSpec<Key>[] = [
  APP_OPTION,
  {
    key: 'postgresUrl',
    flag: '--postgres-url',
    env: 'GAMECLUSTER_POSTGRES_URL',
    placeholder: '<url>',
    defaultText: '(none: PGlite in the data dir)',
    meaning: 'PostgreSQL for the db node, e.g. postgres://postgres@127.0.0.1:5432/test.',
  },
  {
    key: 'etcd',
    flag: '--etcd',
    env: 'GAMECLUSTER_ETCD',
    placeholder: '<url>',
    defaultText: '(none: start etcd from the PATH)',
    meaning: 'A running etcd to join instead of starting one.',
  },
  dataDirOption('Logs (logs/<node>.log) and the PGlite database (pglite/) live here.'),
  gatePortOption('Port of the first gate; the second listens on the next one.'),
];

export const ETCD_INSTALL_HINT =
  'etcd is not on the PATH. Install it (Debian/Ubuntu: `sudo apt-get install etcd-server`; macOS: `brew install etcd`) or pass --etcd http://HOST:2379 to use one that runs.';

export function parseClusterCommand(argv: readonly string[], env: Record<string, string | undefined>) {
  const options = new OptionReader(OPTIONS, argv, env, 'error');
  const config: ClusterCommandConfig = {
    app: options.raw('app')?.text ?? 'arena',
    postgresUrl: options.raw('postgresUrl')?.text,
    etcd: options.raw('etcd')?.text,
    dataDir: resolve(options.raw('dataDir')?.text ?? '.gamecluster'),
    gatePort: options.whole('gatePort', 7350, 1, 65_534),
  };
  options.throwIfProblems(
    'cluster command',
    (message, problems) => new InvalidClusterConfigError(message, { details: { problems } }),
  );
  return config;
}

export function describeClusterCommand(): string {
  return ['npm run cluster -- [options]', '', describeOptions('Options', OPTIONS)].join('\n');
}

/** True when `binary` is an executable file in one of PATH's directories. */
export function onPath(binary: string, path = process.env.PATH ?? ''): boolean {
  return path.split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, binary), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** Runs the cluster until SIGINT/SIGTERM; returns the exit code. */
export async function runClusterCommand(argv: readonly string[], env: Record<string, string | undefined>) {
  const config = parseClusterCommand(argv, env);
  if (config.etcd === undefined && !onPath('etcd')) {
    process.stderr.write(`gamecluster cluster: ${ETCD_INSTALL_HINT}\n`);
    return 3;
  }
  const logDir = join(config.dataDir, 'logs');
  mkdirSync(logDir, { recursive: true });
  const started = performance.now();
  const etcd = config.etcd === undefined ? await EtcdTestServer.start({ host: '127.0.0.1' }) : undefined;
  const etcdEndpoint = config.etcd ?? etcd!.endpoint;
  let cluster: ProcessCluster;
  try {
    cluster = await ProcessCluster.start({
      app: config.app,
      etcdEndpoint,
      cluster: 'local',
      clusterKey: randomBytes(32).toString('base64url'),
      postgresUrl: config.postgresUrl,
      pgliteDir: join(config.dataDir, 'pglite'),
      logDir,
      gatePort: config.gatePort,
      // Bots log in from this one address: the per-IP login limit would stop a load test at 30 per minute.
      gateArgs: ['--dev-login', '--gate-attempts-per-ip', '100000'],
    });
  } catch (error) {
    await etcd?.dispose();
    throw error;
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const gate = cluster.gates[0]!;
  process.stdout.write(
    [
      `gamecluster: ${cluster.nodes.length} node processes ready in ${seconds} s (etcd ${etcdEndpoint}, store ${config.postgresUrl === undefined ? `PGlite in ${join(config.dataDir, 'pglite')}` : 'PostgreSQL'})`,
      ...cluster.nodes.map(
        (node) =>
          `  ${node.name.padEnd(8)} pid ${String(node.pid).padEnd(8)} metrics ${node.ready?.admin}/metrics  ${node.ready?.gate ?? ''}`,
      ),
      `  gates:  ${cluster.gates.map((g) => g.url).join('  ')}`,
      `  login:  POST ${gate.httpUrl}/auth/device {"deviceId": "..."}`,
      `  logs:   ${logDir}/<node>.log`,
      `  bots:   npm run bots -- --url ${gate.url} --scenario arena --count 100 --duration 60`,
      'Ctrl-C stops the cluster (gates first, db last, every save lands).',
      '',
    ].join('\n'),
  );
  await new Promise<void>((resolveStop) => {
    process.once('SIGINT', resolveStop);
    process.once('SIGTERM', resolveStop);
  });
  process.stdout.write('gamecluster: stopping...\n');
  await cluster.stop();
  await etcd?.dispose();
  process.stdout.write('gamecluster: stopped\n');
  return 0;
}
