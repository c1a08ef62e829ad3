// cluster.activate: new directory activations per second on real etcd from one node (each one a lookup, a claim
// transaction on the node's lease and onActivate), with the p99 latency of the first call to a new actor.
// Baseline, same run, same etcd and concurrency: bare create-if-absent transactions through the etcd3 client,
// i.e. the claim alone with nothing around it.
import { Etcd3 } from 'etcd3';
import { Actor } from '../src/actor/index.ts';
import { ClusterNode } from '../src/cluster/cluster-node.ts';
import { EtcdClusterProvider, EtcdTestServer } from '../src/cluster/etcd/index.ts';
import { benchOptionsFromArgv } from './harness/options.ts';
import { emitFigure, log } from './harness/report.ts';

class Fresh extends Actor {
  hello(): number {
    return this.ctx.epoch;
  }
}

const { quick } = benchOptionsFromArgv();
const total = quick ? 3_000 : 20_000;
const concurrency = 128;

const etcd = await EtcdTestServer.start({ host: '127.0.0.3' });
try {
  const baseline = await rawClaims(etcd.endpoint, total);
  const node = new ClusterNode({
    name: 'bench',
    roles: ['worker'],
    provider: new EtcdClusterProvider({ endpoints: [etcd.endpoint], cluster: 'bench' }),
    mesh: { host: '127.0.0.3', port: 0 },
    log: () => {},
  });
  node.system.register(Fresh, { placement: 'directory', idleTimeoutMs: 0 });
  await node.start();
  const latencies: number[] = [];
  const started = performance.now();
  await inParallel(total, concurrency, async (i) => {
    const t0 = performance.now();
    await node.system.ref(Fresh, `a${i}`).hello();
    latencies.push(performance.now() - t0);
  });
  const rate = total / ((performance.now() - started) / 1000);
  await node.stop();
  latencies.sort((a, b) => a - b);
  emitFigure({
    bench: 'cluster.activate',
    value: rate,
    unit: 'activations/s',
    baseline: 'bare etcd create-if-absent txns/s (etcd3 client, same concurrency)',
    baselineValue: baseline,
    better: 'higher',
    p50Ms: round(percentile(latencies, 0.5)),
    p99Ms: round(percentile(latencies, 0.99)),
    concurrency,
    activations: total,
    goal: 2000,
  });
} finally {
  await etcd.dispose();
}

async function rawClaims(endpoint: string, count: number): Promise<number> {
  const client = new Etcd3({ hosts: [endpoint] });
  const lease = client.lease(30, { autoKeepAlive: false });
  const leaseId = await lease.grant();
  const started = performance.now();
  await inParallel(count, concurrency, async (i) => {
    const key = `/raw/dir/Fresh/a${i}`;
    await client
      .if(key, 'Create', '==', 0)
      .then(client.put(key).value('bench').lease(leaseId))
      .else(client.get(key))
      .commit();
  });
  const rate = count / ((performance.now() - started) / 1000);
  log(`raw claims: ${Math.round(rate)}/s`);
  await lease.revoke();
  client.close();
  return rate;
}

async function inParallel(count: number, width: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: width }, worker));
}

function percentile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
