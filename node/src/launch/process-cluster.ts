// A whole cluster as one OS process per role (`npm run cluster`, the arena e2e suite, the arena.ccu benchmark):
// db first (it opens the store), then world, match and the zones, then the gates; stopped in the reverse order so
// every save lands on a db node that is still up. Each process is a plain `main.ts node` with flags, so what runs
// here is what runs in a pod.
import { join } from 'node:path';
import { NodeProcess } from './node-process.ts';

/** One node process of the topology. */
export interface RoleProcessSpec {
  readonly name: string;
  readonly roles: readonly string[];
}

/** gate ×2, world, zone ×2, match, db: the topology the issue and the operator's default manifest name. */
export const DEFAULT_TOPOLOGY: readonly RoleProcessSpec[] = [
  { name: 'db-1', roles: ['db'] },
  { name: 'world-1', roles: ['world'] },
  { name: 'match-1', roles: ['match'] },
  { name: 'zone-1', roles: ['zone'] },
  { name: 'zone-2', roles: ['zone'] },
  { name: 'gate-1', roles: ['gate'] },
  { name: 'gate-2', roles: ['gate'] },
];

/** Start order: lower first; stop order is the reverse. */
const ROLE_ORDER: Record<string, number> = { db: 0, world: 1, match: 1, zone: 1, gate: 2 };

export interface ProcessClusterOptions {
  /** The game's `--app` module (a path, or a built-in name such as `arena`). */
  readonly app: string;
  readonly etcdEndpoint: string;
  /** Cluster name (the etcd key prefix). */
  readonly cluster: string;
  /** The gate's token key, the same on every node (≥ 32 bytes). */
  readonly clusterKey: string;
  /** PostgreSQL URL for the db node; without it the db node keeps a PGlite database in `pgliteDir`. */
  readonly postgresUrl?: string;
  readonly pgliteDir?: string;
  /** Each node's stderr goes to `<logDir>/<name>.log`. */
  readonly logDir: string;
  /** Mesh address of the i-th process (default: 127.0.0.1). */
  readonly meshHost?: (index: number) => string;
  /** Mesh port of the i-th process (default: 7400 + i). */
  readonly meshPort?: (index: number) => number;
  /** Admin port of the i-th process, on its mesh host (default: 7500 + i; 0 picks a free one). */
  readonly adminPort?: (index: number) => number;
  /** Where gates listen (default: 127.0.0.1). */
  readonly gateHost?: string;
  /** Port of the first gate; the others follow (default: 7350). */
  readonly gatePort?: number;
  readonly topology?: readonly RoleProcessSpec[];
  /** Flags added to every node (e.g. `--flush-interval-ms 1000`). */
  readonly extraArgs?: readonly string[];
  /** Flags added to gate nodes only. */
  readonly gateArgs?: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  /** Each JSON line a node prints on stdout. */
  readonly onLine?: (line: Record<string, unknown>, node: NodeProcess) => void;
}

export interface StartedGate {
  readonly name: string;
  /** `ws://host:port/ws` */
  readonly url: string;
  /** `http://host:port`: the login endpoints (`/auth/...`, `/dev/login`) live here. */
  readonly httpUrl: string;
}

export class ProcessCluster {
  readonly nodes: readonly NodeProcess[];
  readonly gates: readonly StartedGate[];
  private readonly specs: readonly RoleProcessSpec[];

  private constructor(nodes: readonly NodeProcess[], specs: readonly RoleProcessSpec[], gates: StartedGate[]) {
    this.nodes = nodes;
    this.specs = specs;
    this.gates = gates;
  }

  /** Starts every node in role order; on any failure stops what started and rethrows. */
  static async start(options: ProcessClusterOptions): Promise<ProcessCluster> {
    const specs = options.topology ?? DEFAULT_TOPOLOGY;
    const gatePort = options.gatePort ?? 7350;
    let gateIndex = 0;
    const nodes = specs.map((spec, index) => {
      const meshHost = options.meshHost?.(index) ?? '127.0.0.1';
      const args = [
        '--app',
        options.app,
        '--name',
        spec.name,
        '--roles',
        spec.roles.join(','),
        '--cluster',
        options.cluster,
        '--etcd',
        options.etcdEndpoint,
        '--mesh-host',
        meshHost,
        '--mesh-port',
        String(options.meshPort?.(index) ?? 7400 + index),
        '--admin-host',
        meshHost,
        '--admin-port',
        String(options.adminPort?.(index) ?? 7500 + index),
        ...(options.extraArgs ?? []),
      ];
      if (spec.roles.includes('db')) {
        if (options.postgresUrl !== undefined) args.push('--postgres-url', options.postgresUrl);
        else
          args.push(
            '--store',
            'pglite',
            ...(options.pgliteDir === undefined ? [] : ['--pglite-dir', options.pgliteDir]),
          );
      }
      if (spec.roles.includes('gate')) {
        args.push('--gate-host', options.gateHost ?? '127.0.0.1', '--gate-port', String(gatePort + gateIndex++));
        args.push(...(options.gateArgs ?? []));
      }
      return new NodeProcess({
        name: spec.name,
        args,
        stderrFile: join(options.logDir, `${spec.name}.log`),
        env: { ...(options.env ?? process.env), GAMECLUSTER_CLUSTER_KEY: options.clusterKey },
        onLine: options.onLine,
      });
    });
    const cluster = new ProcessCluster(nodes, specs, []);
    try {
      for (const stage of cluster.stages()) await Promise.all(stage.map((node) => node.start(60_000)));
    } catch (error) {
      await cluster.stop();
      throw error;
    }
    const gates: StartedGate[] = [];
    nodes.forEach((node, index) => {
      const url = node.ready?.gate;
      if (specs[index]!.roles.includes('gate') && typeof url === 'string') {
        const http = new URL(url);
        gates.push({ name: node.name, url, httpUrl: `http://${http.host}` });
      }
    });
    return new ProcessCluster(nodes, specs, gates);
  }

  /** The node named `name`. */
  node(name: string): NodeProcess {
    const node = this.nodes.find((n) => n.name === name);
    if (node === undefined) throw new Error(`no node ${name} in this cluster`);
    return node;
  }

  /** SIGTERM in reverse role order (each stage flushed before the next stops); SIGKILL after `graceMs`. */
  async stop(graceMs = 20_000): Promise<void> {
    for (const stage of this.stages().reverse()) {
      await Promise.all(stage.map((node) => node.stop(graceMs)));
    }
    for (const node of this.nodes) node.closeLog();
  }

  private stages(): NodeProcess[][] {
    const byOrder = new Map<number, NodeProcess[]>();
    this.specs.forEach((spec, index) => {
      const order = Math.min(...spec.roles.map((role) => ROLE_ORDER[role] ?? 1));
      const stage = byOrder.get(order) ?? [];
      stage.push(this.nodes[index]!);
      byOrder.set(order, stage);
    });
    return [...byOrder.entries()].sort(([a], [b]) => a - b).map(([, stage]) => stage);
  }
}
