// `npm start`: the whole cluster in one process on embedded defaults — every role on one node, the in-memory
// cluster provider, PGlite in the data dir — running the demo game, so a game developer needs nothing installed
// but Node. Prints the gate URL, the metrics URL and how to run bots; Ctrl-C saves every document and exits.
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AdminServer } from '../admin/index.ts';
import { InvalidClusterConfigError } from '../cluster/errors.ts';
import { describeOptions, OptionReader, type OptionSpec } from '../config/options.ts';
import { gameNodeProcessFrom } from '../game-node-process.ts';
import { APP_OPTION, dataDirOption, gatePortOption } from './launch-options.ts';

interface LocalConfig {
  readonly app: string;
  readonly dataDir: string;
  readonly host: string;
  readonly gatePort: number;
  readonly adminPort: number;
}

type Key = keyof LocalConfig;

const OPTIONS: readonly OptionSpec<Key>[] = [
  APP_OPTION,
  dataDirOption('The PGlite database lives in <dir>/pglite-local (player documents survive restarts).'),
  {
    key: 'host',
    flag: '--host',
    env: 'GAMECLUSTER_HOST',
    placeholder: '<address>',
    defaultText: '127.0.0.1',
    meaning: 'Address the gate, the admin server and the mesh bind.',
  },
  gatePortOption('Port of the WebSocket gate and the login endpoints; 0 picks a free one.'),
  {
    key: 'adminPort',
    flag: '--admin-port',
    env: 'GAMECLUSTER_ADMIN_PORT',
    placeholder: '<port>',
    defaultText: '7360',
    meaning: 'Port of /metrics, /healthz, /readyz and /status; 0 picks a free one.',
  },
];

export function describeLocalCommand(): string {
  return ['npm start -- [options]', '', describeOptions('Options', OPTIONS)].join('\n');
}

/** Runs the one-process cluster until SIGINT/SIGTERM; returns the exit code. */
export async function runLocalCommand(argv: readonly string[], env: Record<string, string | undefined>) {
  const started = performance.now();
  const options = new OptionReader(OPTIONS, argv, env, 'error');
  const config: LocalConfig = {
    app: options.raw('app')?.text ?? 'arena',
    dataDir: resolve(options.raw('dataDir')?.text ?? '.gamecluster'),
    host: options.raw('host')?.text ?? '127.0.0.1',
    gatePort: options.whole('gatePort', 7350, 0, 65_535),
    adminPort: options.whole('adminPort', 7360, 0, 65_535),
  };
  options.throwIfProblems(
    'npm start',
    (message, problems) => new InvalidClusterConfigError(message, { details: { problems } }),
  );
  const pgliteDir = join(config.dataDir, 'pglite-local');
  mkdirSync(pgliteDir, { recursive: true });
  // Tracing follows GAMECLUSTER_TRACING and its siblings (docs/tracing.md), off unless they say otherwise.
  const { node, tracing } = await gameNodeProcessFrom(
    [
      ...['--app', config.app, '--name', 'local', '--provider', 'memory', '--mesh-host', config.host],
      ...['--store', 'pglite', '--pglite-dir', pgliteDir, '--flush-interval-ms', '1000'],
      ...['--gate-host', config.host, '--gate-port', String(config.gatePort), '--dev-login'],
      // Bots log in from this one address: the per-IP login limit would stop them at 30 a minute.
      ...['--gate-attempts-per-ip', '100000'],
    ],
    { ...env, GAMECLUSTER_CLUSTER_KEY: env.GAMECLUSTER_CLUSTER_KEY ?? randomBytes(32).toString('base64url') },
  );
  await node.start();
  const admin = new AdminServer(node, { host: config.host, port: config.adminPort });
  await admin.start();
  const gateUrl = node.gate.gate!.url;
  const httpUrl = `http://${new URL(gateUrl).host}`;
  const readyMs = Math.round(performance.now() - started);
  process.stdout.write(
    [
      `gamecluster: local cluster ready in ${(readyMs / 1000).toFixed(1)} s — every role in this process, in-memory cluster provider, PGlite in ${pgliteDir}`,
      `  game:     ${config.app}`,
      `  gate:     ${gateUrl}`,
      `  login:    POST ${httpUrl}/auth/device {"deviceId": "..."}  (or ${httpUrl}/dev/login {"playerId": "..."})`,
      `  metrics:  ${admin.url}/metrics   status: ${admin.url}/status`,
      `  bots:     npm run bots -- --url ${gateUrl} --scenario arena --count 50 --duration 60s`,
      '  Ctrl-C saves every player document and exits.',
      JSON.stringify({ event: 'local.ready', gate: gateUrl, login: httpUrl, metrics: `${admin.url}/metrics`, readyMs }),
      '',
    ].join('\n'),
  );
  await new Promise<void>((resolveStop) => {
    process.once('SIGINT', resolveStop);
    process.once('SIGTERM', resolveStop);
  });
  process.stdout.write('gamecluster: stopping — saving every document...\n');
  const saved = await node.persistence.flushAll(10_000);
  await node.stop();
  // After the node: the spans of its final saves are exported too.
  await tracing?.shutdown();
  await admin.stop();
  process.stdout.write(
    `${JSON.stringify({ event: 'local.stopped', flushed: saved.flushed, unsaved: saved.unsaved })}\ngamecluster: stopped\n`,
  );
  return saved.unsaved === 0 ? 0 : 1;
}
