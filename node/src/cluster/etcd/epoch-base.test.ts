// Epochs keep growing when the etcd cluster is replaced (new data dir, revisions from 1 again) while the database
// keeps its rows: the epoch base, set once per etcd cluster from the clock, puts every new epoch past the old ones.
import { describe, expect, it } from '@jest/globals';
import { EtcdClusterProvider } from './etcd-provider.ts';
import { randomLoopbackHost, registration } from './etcd-test-helpers.ts';
import { EtcdTestServer } from './etcd-test-server.ts';

async function claimOnFreshEtcd(host: string): Promise<{ epoch: number; again: number }> {
  const etcd = await EtcdTestServer.start({ host });
  const provider = new EtcdClusterProvider({ endpoints: [etcd.endpoint], cluster: 'epochs', leaseTtlMs: 2_000 });
  try {
    await provider.join(registration('epoch-node'));
    const entry = await provider.claim('Account', 'a1');
    await provider.release(entry);
    const again = await provider.claim('Account', 'a1');
    const looked = await provider.lookup('Account', 'a1');
    expect(looked).toEqual(again);
    await provider.release(again);
    expect(await provider.lookup('Account', 'a1')).toBeUndefined();
    return { epoch: entry.epoch, again: again.epoch };
  } finally {
    await provider.leave();
    await etcd.dispose();
  }
}

describe('epoch base', () => {
  it('puts epochs of a replaced etcd cluster past those of the old one', async () => {
    const host = randomLoopbackHost();
    const before = Date.now() * 1000;
    const first = await claimOnFreshEtcd(host);
    expect(first.epoch).toBeGreaterThan(before);
    expect(first.again).toBeGreaterThan(first.epoch);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = await claimOnFreshEtcd(host);
    expect(second.epoch).toBeGreaterThan(first.again);
  }, 30_000);
});
