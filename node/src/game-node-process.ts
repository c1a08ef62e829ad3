// A game node as an OS process (`gamecluster-node node`): store, write-behind and cluster configuration from
// flags and env, the game code from `--app` modules, a JSON `node.ready` line on stdout once joined, and a clean
// stop on SIGTERM or SIGINT (every dirty document saved, actors deactivated, the lease revoked).
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describeClusterConfig, isHelpRequested, parseClusterConfig } from './cluster/cluster-config.ts';
import { InvalidClusterConfigError } from './cluster/errors.ts';
import { clusterNodeOptionsFrom, splitAppArguments } from './cluster/node-process.ts';
import { DB_ROLE, type GameApp, GameNode } from './game-node.ts';
import { describeGateConfig, parseGateConfig } from './gate/index.ts';
import { describePersistenceConfig, parsePersistenceConfig } from './state/persistence/persistence-config.ts';
import { createStateStore, describeStoreConfig, parseStoreConfig } from './state/store-config.ts';

/** Builds a node from flags and env (loading its `--app` modules); does not start it. */
export async function gameNodeFrom(
  argv: readonly string[],
  env: Record<string, string | undefined>,
): Promise<GameNode> {
  const { apps, rest } = splitAppArguments(argv);
  const store = parseStoreConfig(rest, env);
  const persistence = parsePersistenceConfig(store.rest, env);
  const gate = parseGateConfig(persistence.rest, env);
  const cluster = parseClusterConfig(gate.rest, env);
  // Nodes with the db role (or with no roles: they host everything) keep the store.
  const hostsDb = cluster.roles.length === 0 || cluster.roles.includes(DB_ROLE);
  const node = new GameNode({
    cluster: clusterNodeOptionsFrom(cluster),
    store: hostsDb ? createStateStore(store.config) : undefined,
    dbShards: persistence.config.dbShards,
    flushIntervalMs: persistence.config.flushIntervalMs,
    maxPendingDocuments: persistence.config.maxPendingDocuments,
    gate:
      gate.config.clusterKey === undefined
        ? undefined
        : {
            clusterKey: gate.config.clusterKey,
            host: gate.config.host,
            port: gate.config.port,
            devLogin: gate.config.devLogin,
            attemptsPerIpPerMinute: gate.config.attemptsPerIpPerMinute,
            maxConnections: gate.config.maxConnections,
          },
  });
  for (const app of apps) {
    const module = (await import(pathToFileURL(resolve(app)).href)) as Partial<GameApp>;
    if (typeof module.register !== 'function') {
      throw new InvalidClusterConfigError(`--app ${app} exports no register(node) function; export one`);
    }
    await module.register(node);
  }
  return node;
}

/** Runs a node until SIGTERM/SIGINT; resolves when it has stopped. */
export async function runGameNode(argv: readonly string[], env: Record<string, string | undefined>): Promise<void> {
  if (isHelpRequested(argv)) {
    process.stdout.write(
      [
        'gamecluster-node node [--app <module>]... [options]',
        '',
        'cluster:',
        describeClusterConfig(),
        '',
        'state store:',
        describeStoreConfig(),
        '',
        'write-behind:',
        describePersistenceConfig(),
        '',
        'gate:',
        describeGateConfig(),
        '',
      ].join('\n'),
    );
    return;
  }
  const node = await gameNodeFrom(argv, env);
  await node.start();
  const self = node.cluster.member;
  process.stdout.write(
    `${JSON.stringify({
      event: 'node.ready',
      member: self.id,
      name: self.name,
      roles: self.roles,
      address: self.address,
      workerId: self.workerId,
      store: node.store?.kind ?? null,
      gate: node.gate.gate?.url ?? null,
      pid: process.pid,
    })}\n`,
  );
  await new Promise<void>((resolveStop) => {
    const stop = () => {
      node.stop().then(resolveStop, (error: unknown) => {
        process.stderr.write(`${JSON.stringify({ event: 'node.stop-failed', error: String(error) })}\n`);
        resolveStop();
      });
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
}
