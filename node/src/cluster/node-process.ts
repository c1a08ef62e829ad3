// From parsed cluster configuration to a ClusterNode's options: the provider (etcd or memory), the mesh (with
// its TLS files read here) and the actor system's defaults; and the `--app <module>` arguments of a node process.
import { readFileSync } from 'node:fs';
import type { ClusterConfig } from './cluster-config.ts';
import type { ClusterNodeOptions } from './cluster-node.ts';
import type { ClusterProvider } from './cluster-provider.ts';
import { InvalidClusterConfigError } from './errors.ts';
import { EtcdClusterProvider } from './etcd/index.ts';
import { MemoryClusterProvider } from './memory/index.ts';

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

/** The options of a ClusterNode built from config. */
export function clusterNodeOptionsFrom(config: ClusterConfig): ClusterNodeOptions {
  const tls =
    config.tls === undefined
      ? undefined
      : {
          ca: readFileSync(config.tls.caFile),
          cert: readFileSync(config.tls.certFile),
          key: readFileSync(config.tls.keyFile),
        };
  return {
    name: config.name,
    roles: config.roles,
    provider: providerFor(config),
    mesh: { host: config.meshHost, port: config.meshPort, advertise: config.meshAdvertise, tls },
    systemOptions: { askTimeoutMs: config.askTimeoutMs },
  };
}

/** Splits `--app <module>` (repeatable) off the arguments; the rest is node configuration. */
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
