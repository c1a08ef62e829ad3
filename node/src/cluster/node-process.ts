// A cluster node as an OS process: config from flags and env, the game code from `--app` modules, a JSON
// `node.ready` line on stdout once joined, and a clean stop (deactivate, leave, close) on SIGTERM or SIGINT.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type ClusterConfig, describeClusterConfig, isHelpRequested, parseClusterConfig } from './cluster-config.ts';
import { ClusterNode } from './cluster-node.ts';
import type { ClusterProvider } from './cluster-provider.ts';
import { InvalidClusterConfigError } from './errors.ts';
import { EtcdClusterProvider } from './etcd/index.ts';
import { MemoryClusterProvider } from './memory/index.ts';

/** What an `--app` module exports: it registers its actor kinds (and may start services) on the node. */
export interface ClusterApp {
  register(node: ClusterNode): void | Promise<void>;
}

export function providerFor(config: ClusterConfig): ClusterProvider {
  if (config.provider === 'etcd') {
    return new EtcdClusterProvider({
      endpoints: [...config.etcdEndpoints],
      cluster: config.cluster,
      leaseTtlMs: config.leaseTtlMs,
    });
  }
  return new MemoryClusterProvider({ leaseTtlMs: config.leaseTtlMs });
}

/** Builds a node from parsed config (the mesh TLS files are read here). */
export function clusterNodeFrom(config: ClusterConfig): ClusterNode {
  const tls =
    config.tls === undefined
      ? undefined
      : {
          ca: readFileSync(config.tls.caFile),
          cert: readFileSync(config.tls.certFile),
          key: readFileSync(config.tls.keyFile),
        };
  return new ClusterNode({
    name: config.name,
    roles: config.roles,
    provider: providerFor(config),
    mesh: { host: config.meshHost, port: config.meshPort, advertise: config.meshAdvertise, tls },
    systemOptions: { askTimeoutMs: config.askTimeoutMs },
  });
}

/** Splits `--app <module>` (repeatable) off the arguments; the rest is cluster config. */
export function splitAppArguments(argv: readonly string[]): { apps: string[]; rest: string[] } {
  const apps: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--app') {
      const value = argv[++i];
      if (value === undefined) throw new InvalidClusterConfigError('--app needs a module path: --app ./my-game.ts');
      apps.push(value);
    } else if (arg.startsWith('--app=')) apps.push(arg.slice('--app='.length));
    else rest.push(arg);
  }
  return { apps, rest };
}

/** Runs a node until SIGTERM/SIGINT; resolves when it has stopped. */
export async function runClusterNode(argv: readonly string[], env: Record<string, string | undefined>): Promise<void> {
  if (isHelpRequested(argv)) {
    process.stdout.write(`gamecluster node [--app <module>]... [options]\n\n${describeClusterConfig()}\n`);
    return;
  }
  const { apps, rest } = splitAppArguments(argv);
  const config = parseClusterConfig(rest, env);
  const node = clusterNodeFrom(config);
  for (const app of apps) {
    const module = (await import(pathToFileURL(resolve(app)).href)) as Partial<ClusterApp>;
    if (typeof module.register !== 'function') {
      throw new InvalidClusterConfigError(`--app ${app} exports no register(node) function; export one`);
    }
    await module.register(node);
  }
  const self = await node.start();
  process.stdout.write(
    `${JSON.stringify({ event: 'node.ready', member: self.id, name: self.name, roles: self.roles, address: self.address, workerId: self.workerId, pid: process.pid })}\n`,
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
