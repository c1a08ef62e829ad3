// Node processes on real etcd and real gRPC: `gamecluster-node node` joins and reports ready, serves asks from
// another process, leaves at once on SIGTERM (no lease wait), and after a SIGKILL its actors come back elsewhere
// once its lease ran out, with a higher epoch. Bad configuration exits with a clear message.

import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { EtcdClusterProvider, EtcdTestServer } from '../../../node/src/cluster/etcd/index.ts';
import { GameNode } from '../../../node/src/game-node.ts';
import { runNode } from '../child-process.ts';
import { ChaosActor, register } from '../suites/cluster-chaos-app.ts';
import { NODE_MAIN, NodeProcess } from './node-process.ts';

const APP = fileURLToPath(new URL('../suites/cluster-chaos-app.ts', import.meta.url));
const host = `127.0.0.${60 + Math.floor(Math.random() * 150)}`;
const TTL_MS = 2_000;
let etcd: EtcdTestServer;
let client: GameNode;
const workers: NodeProcess[] = [];

function worker(name: string): NodeProcess {
  const node = new NodeProcess({
    name,
    args: [
      '--app',
      APP,
      '--name',
      name,
      '--roles',
      'worker',
      '--etcd',
      etcd.endpoint,
      '--cluster',
      'procs',
      '--lease-ttl-ms',
      String(TTL_MS),
    ],
  });
  workers.push(node);
  return node;
}

beforeAll(async () => {
  etcd = await EtcdTestServer.start({ host });
  client = new GameNode({
    cluster: {
      name: 'client',
      roles: ['client'],
      provider: new EtcdClusterProvider({ endpoints: [etcd.endpoint], cluster: 'procs', leaseTtlMs: TTL_MS }),
      mesh: { host, port: 0 },
      systemOptions: { askTimeoutMs: 2_000 },
      log: () => {},
    },
  });
  register(client);
  await client.start();
}, 30_000);

afterAll(async () => {
  await client.stop();
  await Promise.all(workers.map((w) => w.stop(5_000)));
  await etcd.dispose();
}, 30_000);

async function until(condition: () => boolean, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return Date.now() - started;
}

describe('gamecluster-node processes', () => {
  it('serve asks, leave at once on SIGTERM, and hand actors over after a SIGKILL', async () => {
    const a = worker('proc-a');
    const b = worker('proc-b');
    const [memberA, memberB] = await Promise.all([a.start().then(() => a.member), b.start().then(() => b.member)]);
    await until(() => client.cluster.provider.members().size === 3, 5_000);
    const ids = Array.from({ length: 30 }, (_, i) => `p${i}`);
    const first = await Promise.all(ids.map((id) => client.system.ref(ChaosActor, id).work(1)));
    expect(new Set(first.map((r) => r.node))).toEqual(new Set([memberA, memberB]));

    // SIGTERM: the member vanishes for everyone at once, far sooner than its lease would expire.
    const gone = Date.now();
    a.signal('SIGTERM');
    await until(() => !client.cluster.provider.members().has(memberA), 5_000);
    expect(Date.now() - gone).toBeLessThan(TTL_MS);
    const moved = await Promise.all(ids.map((id) => client.system.ref(ChaosActor, id).work(1)));
    for (const result of moved) expect(result.node).toBe(memberB);

    // SIGKILL: the lease runs out, then the actors activate again on the restarted node, with higher epochs.
    await b.kill();
    const restarted = await a.start();
    await until(() => !client.cluster.provider.members().has(memberB), 10_000);
    const after = await Promise.all(ids.map((id) => client.system.ref(ChaosActor, id).work(1)));
    for (const [i, result] of after.entries()) {
      expect(result.node).toBe(restarted);
      expect(result.epoch).toBeGreaterThan(moved[i]!.epoch);
    }
  }, 40_000);

  it('exits with a clear message on invalid configuration', async () => {
    const result = await runNode([NODE_MAIN, 'node', '--lease-ttl-ms', 'soon', '--bogus'], { timeoutMs: 15_000 });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('GC_ERR_INVALID_CLUSTER_CONFIG');
    expect(result.stderr).toContain('--bogus');
    expect(result.stderr).toContain('--lease-ttl-ms');
  });

  it('refuses to start when its PostgreSQL is unreachable, naming it', async () => {
    const result = await runNode(
      [NODE_MAIN, 'node', '--roles', 'db', '--postgres-url', 'postgres://postgres@127.0.0.1:1/nowhere'],
      { timeoutMs: 20_000 },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('GC_ERR_STORE_UNAVAILABLE');
    expect(result.stderr).toContain('127.0.0.1:1');
  });
});
