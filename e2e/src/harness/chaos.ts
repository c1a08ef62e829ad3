// What the chaos suites share: a driver node that joins the cluster without hosting the workers' kinds, faults
// (SIGKILL and restart, SIGSTOP past the lease) and a schedule that runs them at their times into the run.
import { EtcdClusterProvider } from '../../../node/src/cluster/etcd/index.ts';
import { GameNode } from '../../../node/src/game-node.ts';
import type { NodeProcess } from './node-process.ts';

export interface DriverOptions {
  readonly etcdEndpoint: string;
  readonly cluster: string;
  readonly host: string;
  readonly leaseTtlMs: number;
  readonly askTimeoutMs: number;
}

/** The suite's own cluster member (role `driver`): it calls the workers' actors but hosts none of them. */
export function driverNode(options: DriverOptions): GameNode {
  return new GameNode({
    cluster: {
      name: 'driver',
      roles: ['driver'],
      provider: new EtcdClusterProvider({
        endpoints: [options.etcdEndpoint],
        cluster: options.cluster,
        leaseTtlMs: options.leaseTtlMs,
      }),
      mesh: { host: options.host, port: 0 },
      systemOptions: { askTimeoutMs: options.askTimeoutMs },
      log: () => {},
    },
  });
}

export interface ScheduledFault {
  /** ms after the run started */
  readonly at: number;
  run(): Promise<void>;
}

/** Runs the faults in time order, each at its time (or as soon as the one before it finished). */
export async function runSchedule(faults: ScheduledFault[], runStart: number): Promise<void> {
  const ordered = [...faults].sort((a, b) => a.at - b.at);
  for (const fault of ordered) {
    await sleep(Math.max(0, runStart + fault.at - Date.now()));
    await fault.run();
  }
}

/** SIGKILLs `node`, waits `restartAfterMs`, starts it again (same name and address, a new incarnation). */
export async function killAndRestart(node: NodeProcess, restartAfterMs: number): Promise<void> {
  await node.kill();
  await sleep(restartAfterMs);
  await node.start();
}

/** SIGSTOPs `node` for `forMs` (past its lease), then SIGCONTs it. */
export async function pause(node: NodeProcess, forMs: number): Promise<void> {
  node.signal('SIGSTOP');
  await sleep(forMs);
  node.signal('SIGCONT');
}

export function pick<T>(items: readonly T[]): T {
  return items[Math.floor(Math.random() * items.length)]!;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
