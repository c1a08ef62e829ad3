// The etcd provider on a real etcd: membership, the directory (claim races, epochs, release), lease expiry of a
// crashed member, and snowflake worker ids. Two providers in one process are two nodes, each with its own client.
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { Etcd3 } from 'etcd3';
import type { DirectoryEntry } from '../cluster-provider.ts';
import { ClusterUnavailableError, InvalidClusterConfigError } from '../errors.ts';
import { etcdKeyLayout } from './etcd-keys.ts';
import { EtcdClusterProvider } from './etcd-provider.ts';
import type { EtcdClusterProviderOptions } from './etcd-provider-options.ts';
import { nextEvent, randomLoopbackHost, registration, waitFor } from './etcd-test-helpers.ts';
import { EtcdTestServer } from './etcd-test-server.ts';

let etcd: EtcdTestServer;
let raw: Etcd3;
let providers: EtcdClusterProvider[] = [];
let clusterSeq = 0;

beforeAll(async () => {
  etcd = await EtcdTestServer.start({ host: randomLoopbackHost() });
  raw = new Etcd3({ hosts: [etcd.endpoint] });
}, 30_000);

afterEach(async () => {
  await Promise.all(providers.map((provider) => provider.leave()));
  providers = [];
});

afterAll(async () => {
  raw.close();
  await etcd.dispose();
});

/** A provider on a cluster of its own per test (`cluster` shared by the providers of one test). */
function provider(cluster: string, options: Partial<EtcdClusterProviderOptions> = {}): EtcdClusterProvider {
  const created = new EtcdClusterProvider({ endpoints: [etcd.endpoint], cluster, leaseTtlMs: 1_000, ...options });
  providers.push(created);
  return created;
}

function freshCluster(): string {
  return `c${++clusterSeq}`;
}

describe('membership', () => {
  it('joins, is seen by another member, and leaving removes the member at once', async () => {
    const cluster = freshCluster();
    const a = provider(cluster);
    const b = provider(cluster);
    const firstMembers = nextEvent(a, 'members');
    const self = await a.join(registration('node-a', ['world']));
    expect(self.id).toMatch(/^node-a\.[0-9a-f]+$/);
    expect(a.self).toEqual(self);
    expect([...(await firstMembers)[0].keys()]).toEqual([self.id]);
    expect(a.health()).toBe('healthy');
    expect(a.canServe()).toBe(true);

    const seenByA = nextEvent(a, 'members', (members) => members.size === 2);
    const selfB = await b.join(registration('node-b'));
    expect([...b.members().keys()].sort()).toEqual([self.id, selfB.id].sort());
    await seenByA;
    expect(a.members().get(selfB.id)).toEqual(selfB);

    const goneFromB = nextEvent(b, 'members', (members) => !members.has(self.id));
    const started = Date.now();
    await a.leave();
    await goneFromB;
    expect(Date.now() - started).toBeLessThan(1_000); // revoked, not expired
    expect(a.canServe()).toBe(false);
    await a.leave(); // idempotent
  });

  it('publishes status and load changes', async () => {
    const cluster = freshCluster();
    const a = provider(cluster);
    const b = provider(cluster);
    const self = await a.join(registration('node-a'));
    await b.join(registration('node-b'));
    const seen = nextEvent(b, 'members', (members) => members.get(self.id)?.status === 'draining');
    await a.update({ status: 'draining', load: 12 });
    const [members] = await seen;
    expect(members.get(self.id)).toMatchObject({ status: 'draining', load: 12, workerId: self.workerId });
    expect(a.self).toMatchObject({ status: 'draining', load: 12 });
  });

  it('refuses calls before join and after leave, and bad registrations', async () => {
    const a = provider(freshCluster());
    await expect(a.claim('Player', '1')).rejects.toThrow(ClusterUnavailableError);
    expect(a.health()).toBe('fenced');
    await expect(a.join(registration('bad/name'))).rejects.toThrow(InvalidClusterConfigError);
    await a.join(registration('node-a'));
    await a.leave();
    await expect(a.lookup('Player', '1')).rejects.toThrow(/left/);
    expect(() => new EtcdClusterProvider({ endpoints: [], cluster: 'x' })).toThrow(InvalidClusterConfigError);
  });

  it('fails join with ClusterUnavailableError within its deadline when etcd is not there', async () => {
    const a = new EtcdClusterProvider({ endpoints: ['http://127.0.0.1:9'], cluster: 'nowhere', callTimeoutMs: 300 });
    const started = Date.now();
    await expect(a.join(registration('node-a'))).rejects.toThrow(ClusterUnavailableError);
    expect(Date.now() - started).toBeLessThan(2_000);
    await a.leave();
  });
});

describe('directory', () => {
  it('lets exactly one of two concurrent claims win, and both see the same entry', async () => {
    const cluster = freshCluster();
    const a = provider(cluster);
    const b = provider(cluster);
    const [selfA, selfB] = await Promise.all([a.join(registration('node-a')), b.join(registration('node-b'))]);
    for (let i = 0; i < 20; i++) {
      const [fromA, fromB] = await Promise.all([a.claim('Player', `p${i}`), b.claim('Player', `p${i}`)]);
      expect(fromA).toEqual(fromB);
      expect([selfA.id, selfB.id]).toContain(fromA.owner);
      expect(await a.lookup('Player', `p${i}`)).toEqual(fromA);
    }
  });

  it('increases epochs across claim, release, claim, and emits claimed/removed', async () => {
    const cluster = freshCluster();
    const a = provider(cluster);
    const b = provider(cluster);
    const self = await a.join(registration('node-a'));
    await b.join(registration('node-b'));
    const claimedSeen = nextEvent(b, 'claimed', (entry) => entry.id === 's1');
    const first = await a.claim('Scene', 's1');
    expect(first).toMatchObject({ kind: 'Scene', id: 's1', owner: self.id });
    expect((await claimedSeen)[0]).toEqual(first);
    expect(await a.claim('Scene', 's1')).toEqual(first); // idempotent for the owner

    const removedSeen = nextEvent(b, 'removed', (entry) => entry.id === 's1');
    await a.release(first);
    expect((await removedSeen)[0]).toEqual(first);
    expect(await a.lookup('Scene', 's1')).toBeUndefined();

    const second = await b.claim('Scene', 's1');
    expect(second.epoch).toBeGreaterThan(first.epoch);
    await b.release(second);
    const third = await a.claim('Scene', 's1');
    expect(third.epoch).toBeGreaterThan(second.epoch);
  });

  it('does not let a stale release delete a newer claim', async () => {
    const cluster = freshCluster();
    const a = provider(cluster);
    const b = provider(cluster);
    await a.join(registration('node-a'));
    await b.join(registration('node-b'));
    const old = await a.claim('Player', 'x');
    await a.release(old);
    const newer = await b.claim('Player', 'x');
    await a.release(old);
    await a.release({ ...newer, owner: old.owner }); // right epoch, wrong owner
    expect(await a.lookup('Player', 'x')).toEqual(newer);
  });

  it('keeps odd kinds and ids apart', async () => {
    const a = provider(freshCluster());
    await a.join(registration('node-a'));
    const seen: DirectoryEntry[] = [];
    a.on('claimed', (entry) => seen.push(entry));
    const slashKind = await a.claim('ns/Kind', 'a/b');
    const plain = await a.claim('ns', 'Kind/a/b');
    expect(slashKind.epoch).not.toBe(plain.epoch);
    await waitFor('both claimed events', () => seen.length === 2);
    expect(seen).toEqual([slashKind, plain]);
  });

  it('removes a crashed member and its entries when its lease expires', async () => {
    const cluster = freshCluster();
    const a = provider(cluster);
    const b = provider(cluster);
    const selfA = await a.join(registration('node-a'));
    await b.join(registration('node-b'));
    const entry = await a.claim('Player', 'orphan');
    const removed = nextEvent(b, 'removed', (e) => e.id === 'orphan', 8_000);
    const memberGone = nextEvent(b, 'members', (members) => !members.has(selfA.id), 8_000);
    await a.simulateCrash();
    expect((await removed)[0]).toEqual(entry);
    await memberGone;
    const taken = await b.claim('Player', 'orphan');
    expect(taken.owner).toBe(b.self!.id);
    expect(taken.epoch).toBeGreaterThan(entry.epoch);
  });
});

describe('snowflake worker ids', () => {
  it('are unique among live members', async () => {
    const cluster = freshCluster();
    const members = await Promise.all(
      Array.from({ length: 6 }, (_, i) => provider(cluster).join(registration(`node-${i}`))),
    );
    expect(new Set(members.map((m) => m.workerId)).size).toBe(6);
    for (const member of members) {
      expect(member.workerId).toBeGreaterThanOrEqual(0);
      expect(member.workerId).toBeLessThanOrEqual(1023);
    }
  });

  it('are refused when all are held, and reused once the holder expires', async () => {
    const cluster = freshCluster();
    const keys = etcdKeyLayout(cluster);
    const free = 777;
    const taken = Array.from({ length: 1024 }, (_, n) => n).filter((n) => n !== free);
    await Promise.all(taken.map((n) => raw.put(keys.workerKey(n)).value('someone-else')));
    try {
      const a = provider(cluster);
      expect((await a.join(registration('node-a'))).workerId).toBe(free);
      const b = provider(cluster);
      await expect(b.join(registration('node-b'))).rejects.toThrow(/worker ids .* are held by live members/);
      await a.simulateCrash();
      // Joining fails until the crashed holder's lease expires, then takes its id.
      const c = provider(cluster);
      let joined: number | undefined;
      const deadline = Date.now() + 8_000;
      while (joined === undefined) {
        joined = await c.join(registration('node-c')).then(
          (self) => self.workerId,
          (error: unknown) => {
            if (Date.now() > deadline) throw error;
            return undefined;
          },
        );
        if (joined === undefined) await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(joined).toBe(free);
    } finally {
      await raw.delete().prefix(keys.workersPrefix);
    }
  });
});
