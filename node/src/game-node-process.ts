// A game node as an OS process (`gamecluster-node node`): store, write-behind, tracing and cluster configuration
// from flags and env, the game code from `--app` modules, a JSON `node.ready` line on stdout once joined, and a
// clean stop on SIGTERM or SIGINT (every dirty document saved, actors deactivated, the lease revoked, spans sent).
// SIGTERM drains first unless a drain already ran (a pod Kubernetes deletes gets SIGTERM, after its preStop
// hook); a second signal skips the rest of that drain. A drain's end is a JSON `node.drain` line.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type AdminConfig, AdminServer, DrainTracker, describeAdminConfig, parseAdminConfig } from './admin/index.ts';
import { describeClusterConfig, isHelpRequested, parseClusterConfig } from './cluster/cluster-config.ts';
import { InvalidClusterConfigError } from './cluster/errors.ts';
import { clusterNodeOptionsFrom, splitAppArguments } from './cluster/node-process.ts';
import { DB_ROLE, type GameApp, GameNode } from './game-node.ts';
import { describeGateConfig, parseGateConfig } from './gate/index.ts';
import type { NodeTracing } from './observability/tracing.ts';
import { describeTracingConfig, parseTracingConfig } from './observability/tracing-config.ts';
import { createNodeTracing } from './observability/tracing-setup.ts';
import { describeZoneConfig, parseZoneConfig, setZoneTickHz } from './roles/zone/index.ts';
import { describePersistenceConfig, parsePersistenceConfig } from './state/persistence/persistence-config.ts';
import { createStateStore, describeStoreConfig, parseStoreConfig } from './state/store-config.ts';

/** `--app <name>` for the games that ship with gamecluster. */
export const BUILT_IN_APPS: Readonly<Record<string, URL>> = {
  arena: new URL('./roles/arena/index.ts', import.meta.url),
};

/** Builds a node from flags and env (loading its `--app` modules); does not start it. */
export async function gameNodeFrom(
  argv: readonly string[],
  env: Record<string, string | undefined>,
): Promise<GameNode> {
  return (await gameNodeProcessFrom(argv, env)).node;
}

/**
 * A node, its admin server's configuration and its tracing (installed on the node; null with `--tracing none`;
 * shut it down after the node stopped so the last spans are sent), from flags and env.
 */
export async function gameNodeProcessFrom(
  argv: readonly string[],
  env: Record<string, string | undefined>,
): Promise<{ node: GameNode; admin: AdminConfig; tracing: NodeTracing | null }> {
  const { apps, rest } = splitAppArguments(argv);
  const admin = parseAdminConfig(rest, env);
  const store = parseStoreConfig(admin.rest, env);
  const persistence = parsePersistenceConfig(store.rest, env);
  const gate = parseGateConfig(persistence.rest, env);
  const zone = parseZoneConfig(gate.rest, env);
  const tracingConfig = parseTracingConfig(zone.rest, env);
  const cluster = parseClusterConfig(tracingConfig.rest, env);
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
  setZoneTickHz(node.system, zone.config.tickHz);
  const tracing = createNodeTracing(tracingConfig.config, {
    name: cluster.name,
    roles: cluster.roles,
    cluster: cluster.cluster,
    pid: process.pid,
  });
  tracing?.install(node.system);
  for (const app of apps) {
    const module = (await import(BUILT_IN_APPS[app]?.href ?? pathToFileURL(resolve(app)).href)) as Partial<GameApp>;
    if (typeof module.register !== 'function') {
      throw new InvalidClusterConfigError(`--app ${app} exports no register(node) function; export one`);
    }
    await module.register(node);
  }
  return { node, admin: admin.config, tracing };
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
        'zone:',
        describeZoneConfig(),
        '',
        'admin:',
        describeAdminConfig(),
        '',
        'tracing:',
        describeTracingConfig(),
        '',
      ].join('\n'),
    );
    return;
  }
  const { node, admin: adminConfig, tracing } = await gameNodeProcessFrom(argv, env);
  await node.start();
  const drains = new DrainTracker(node, {
    onFinished: (progress) => process.stdout.write(`${JSON.stringify({ event: 'node.drain', ...progress })}\n`),
  });
  const admin =
    adminConfig.port === undefined
      ? undefined
      : new AdminServer(node, { host: adminConfig.host, port: adminConfig.port, key: adminConfig.key, drains });
  await admin?.start();
  // The signal handlers go in before the ready line: whoever reads that line may signal at once, and a SIGTERM
  // without a handler ends the process on the spot.
  const stopped = new Promise<void>((resolveStop) => {
    let skipDrain: (() => void) | undefined;
    const onSignal = (signal: NodeJS.Signals) => {
      if (skipDrain !== undefined) {
        skipDrain();
        return;
      }
      const drainFirst = signal === 'SIGTERM' && adminConfig.sigtermDrainSeconds > 0;
      const drained = drainFirst ? drainWithin(drains, adminConfig.sigtermDrainSeconds) : Promise.resolve();
      Promise.race([drained, new Promise<void>((skip) => (skipDrain = skip))])
        .then(() => {
          // From here a further signal has its default effect: the process ends at once.
          process.off('SIGTERM', onSignal);
          process.off('SIGINT', onSignal);
          return node.stop();
        })
        .then(() => admin?.stop())
        .then(() => tracing?.shutdown())
        .then(resolveStop, (error: unknown) => {
          process.stderr.write(`${JSON.stringify({ event: 'node.stop-failed', error: String(error) })}\n`);
          resolveStop();
        });
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  });
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
      admin: admin?.url ?? null,
      pid: process.pid,
    })}\n`,
  );
  await stopped;
}

/** The node's drain (started now unless it ran already), waited for at most `seconds`. */
async function drainWithin(drains: DrainTracker, seconds: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), seconds * 1000);
  });
  const ended = await Promise.race([drains.run({ deadlineSeconds: seconds }), timedOut]);
  clearTimeout(timer);
  if (ended === 'timeout') {
    process.stdout.write(`${JSON.stringify({ event: 'node.drain-timeout', waitedSeconds: seconds })}\n`);
  }
}
