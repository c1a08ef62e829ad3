// Self-fencing on a real etcd: a node that stalls past its lease, whose member record vanishes, or whose lease
// expires while it is cut off stops serving, announces it, and rejoins as a new member that the others see.
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { Etcd3 } from 'etcd3';
import type { LeaseHealth } from '../cluster-provider.ts';
import { etcdKeyLayout } from './etcd-keys.ts';
import { EtcdClusterProvider } from './etcd-provider.ts';
import type { EtcdClusterProviderOptions } from './etcd-provider-options.ts';
import { busyWait, nextEvent, randomLoopbackHost, registration, waitFor } from './etcd-test-helpers.ts';
import { EtcdTestServer } from './etcd-test-server.ts';
import { TcpPartitionProxy } from './tcp-partition-proxy.ts';

let etcd: EtcdTestServer;
let providers: EtcdClusterProvider[] = [];

beforeAll(async () => {
  etcd = await EtcdTestServer.start({ host: randomLoopbackHost() });
}, 30_000);

afterEach(async () => {
  await Promise.all(providers.map((provider) => provider.leave()));
  providers = [];
});

afterAll(async () => {
  await etcd.dispose();
});

function provider(cluster: string, options: Partial<EtcdClusterProviderOptions> = {}): EtcdClusterProvider {
  const created = new EtcdClusterProvider({
    endpoints: [etcd.endpoint],
    cluster,
    leaseTtlMs: 1_000,
    onError: () => undefined,
    ...options,
  });
  providers.push(created);
  return created;
}

describe('fencing', () => {
  it('fences a node whose event loop stalled past its TTL, and rejoins it as a new member', async () => {
    const stalled = provider('stall', { leaseTtlMs: 1_000 });
    const observer = provider('stall', { leaseTtlMs: 10_000 }); // its deadline outlives the stall
    const oldSelf = await stalled.join(registration('stalled'));
    await observer.join(registration('observer'));
    const health: LeaseHealth[] = [];
    stalled.on('health', (h) => health.push(h));
    const fenced = nextEvent(stalled, 'fenced');
    const rejoined = nextEvent(stalled, 'rejoined');

    busyWait(3_000);
    expect(stalled.canServe()).toBe(false);
    expect(stalled.health()).toBe('fenced');
    expect(observer.canServe()).toBe(true);

    const [reason] = await fenced;
    expect(reason).toMatch(/paused or starved/);
    const [newSelf] = await rejoined;
    expect(newSelf.id).not.toBe(oldSelf.id);
    expect(newSelf.name).toBe('stalled');
    expect(stalled.self).toEqual(newSelf);
    expect(stalled.canServe()).toBe(true);
    expect(stalled.health()).toBe('healthy');
    expect(health).toEqual(['fenced', 'healthy']);
    await waitFor(
      'the observer to see the old member go and the new one come',
      () => observer.members().has(newSelf.id) && !observer.members().has(oldSelf.id),
    );
    expect((await stalled.claim('Player', 'after-rejoin')).owner).toBe(newSelf.id);
  });

  it('fences when its own member record is deleted', async () => {
    const node = provider('deleted');
    const oldSelf = await node.join(registration('node'));
    const fenced = nextEvent(node, 'fenced');
    const rejoined = nextEvent(node, 'rejoined');
    const raw = new Etcd3({ hosts: [etcd.endpoint] });
    try {
      await raw.delete().key(etcdKeyLayout('deleted').memberKey(oldSelf.id));
    } finally {
      raw.close();
    }
    expect((await fenced)[0]).toMatch(/record was deleted/);
    expect((await rejoined)[0].id).not.toBe(oldSelf.id);
  });

  it('fences and rejoins a node whose lease expired at etcd while it was cut off', async () => {
    const proxy = await TcpPartitionProxy.start(etcd.endpoint, etcd.host);
    try {
      const cutOff = provider('partition', { endpoints: [proxy.endpoint] });
      const other = provider('partition');
      const oldSelf = await cutOff.join(registration('cut-off'));
      await other.join(registration('other'));
      const held = await cutOff.claim('Player', 'p');
      const fences: string[] = [];
      cutOff.on('fenced', (reason) => fences.push(reason));
      const removed = nextEvent(other, 'removed', (entry) => entry.id === 'p');
      const gone = nextEvent(other, 'members', (members) => !members.has(oldSelf.id));

      proxy.partition();
      expect((await removed)[0]).toEqual(held);
      await gone;
      expect(cutOff.health()).not.toBe('healthy');
      const taken = await other.claim('Player', 'p');
      expect(taken.owner).toBe(other.self!.id);
      expect(taken.epoch).toBeGreaterThan(held.epoch);

      const rejoined = nextEvent(cutOff, 'rejoined');
      proxy.heal();
      const [newSelf] = await rejoined;
      expect(fences.length).toBe(1);
      expect(newSelf.id).not.toBe(oldSelf.id);
      expect(cutOff.canServe()).toBe(true);
      expect(await cutOff.claim('Player', 'p')).toEqual(taken);
      await waitFor('the other node to see the rejoined member', () => other.members().has(newSelf.id));
    } finally {
      await Promise.all(providers.map((p) => p.leave()));
      await proxy.close();
    }
  });
});
