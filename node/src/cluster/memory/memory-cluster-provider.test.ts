// Tests of MemoryClusterProvider with several providers on one MemoryCluster: membership and its events, the
// directory (claim races, epochs, release against a newer claim), worker ids, and leave.
import { ClusterUnavailableError, InvalidClusterConfigError } from '../errors.ts';
import { MemoryCluster } from './memory-cluster.ts';
import { MemoryClusterProvider } from './memory-cluster-provider.ts';
import { ProviderPool, recordEvents, registration } from './memory-testing.ts';

let pool: ProviderPool;

beforeEach(() => {
  pool = new ProviderPool(new MemoryCluster({ now: () => 1_700_000_000_000 }));
});

afterEach(async () => {
  await pool.leaveAll();
});

describe('MemoryClusterProvider membership', () => {
  it('holds nothing before join', async () => {
    const provider = pool.provider();
    expect(provider.kind).toBe('memory');
    expect(provider.self).toBeUndefined();
    expect(provider.members().size).toBe(0);
    expect(provider.health()).toBe('fenced');
    expect(provider.canServe()).toBe(false);
    await expect(provider.claim('Scene', '1')).rejects.toThrow(ClusterUnavailableError);
    await expect(provider.update({ load: 1 })).rejects.toThrow(/call join\(\) first/);
  });

  it('joins as <name>.<incarnation>, visible to itself when join resolves, with one members event', async () => {
    const provider = pool.provider();
    const events = recordEvents(provider);
    const self = await provider.join(registration('zone-a', { roles: ['zone', 'match'], load: 3 }));
    expect(self).toEqual({
      id: expect.stringMatching(/^zone-a\.[0-9a-f]+$/),
      name: 'zone-a',
      roles: ['zone', 'match'],
      address: '127.0.0.1:7006',
      status: 'active',
      load: 3,
      workerId: expect.any(Number),
      joinedAt: 1_700_000_000_000,
    });
    expect(provider.self).toBe(self);
    expect([...provider.members().values()]).toEqual([self]);
    expect(provider.health()).toBe('healthy');
    expect(provider.canServe()).toBe(true);
    expect(events).toEqual([`members ${self.id}`, 'health healthy']);
  });

  it('gives every incarnation of a name a new member id', async () => {
    const first = await pool.joined('zone-a');
    const second = await pool.joined('zone-a');
    expect(first.self?.id).not.toBe(second.self?.id);
    expect(first.members().size).toBe(2);
  });

  it('returns the same join when join is called again, and joins afresh after leave', async () => {
    const provider = pool.provider();
    const [a, b] = await Promise.all([provider.join(registration('zone-a')), provider.join(registration('zone-a'))]);
    expect(a).toBe(b);
    await provider.leave();
    const again = await provider.join(registration('zone-a'));
    expect(again.id).not.toBe(a.id);
  });

  it('rejects an invalid registration', async () => {
    await expect(pool.provider().join(registration('zone a'))).rejects.toThrow(InvalidClusterConfigError);
    await expect(pool.provider().join(registration(''))).rejects.toThrow(/name: "" must be non-empty/);
  });

  it('shows every member to every member, with members events on each change', async () => {
    const a = await pool.joined('a');
    const aEvents = recordEvents(a);
    const b = await pool.joined('b');
    const bId = b.self?.id as string;
    const aId = a.self?.id as string;
    expect([...a.members().keys()]).toEqual([aId, bId]);
    expect([...b.members().keys()]).toEqual([aId, bId]);
    expect(aEvents).toEqual([`members ${aId},${bId}`]);

    await b.update({ load: 42, status: 'draining' });
    expect(a.members().get(bId)).toMatchObject({ load: 42, status: 'draining' });
    expect(b.self).toMatchObject({ id: bId, load: 42, status: 'draining' });
    expect(aEvents).toHaveLength(2);

    await b.leave();
    expect([...a.members().keys()]).toEqual([aId]);
    expect(aEvents).toEqual([`members ${aId},${bId}`, `members ${aId},${bId}`, `members ${aId}`]);
  });

  it('hands out member maps as snapshots that later changes leave alone', async () => {
    const a = await pool.joined('a');
    const before = a.members();
    await pool.joined('b');
    expect(before.size).toBe(1);
    expect(a.members().size).toBe(2);
  });

  it('uses the process-wide cluster by default', async () => {
    const provider = new MemoryClusterProvider();
    expect(provider.cluster).toBe(MemoryCluster.processWide());
    expect(new MemoryClusterProvider().cluster).toBe(provider.cluster);
  });

  it.each([0, 29, 1.5, Number.NaN])('rejects a lease TTL of %p ms', (leaseTtlMs) => {
    expect(() => new MemoryClusterProvider({ cluster: pool.cluster, leaseTtlMs })).toThrow(InvalidClusterConfigError);
  });
});

describe('MemoryClusterProvider directory', () => {
  it('gives concurrent claims one winner and the same entry to all', async () => {
    const providers = await Promise.all(['a', 'b', 'c', 'd'].map((name) => pool.joined(name)));
    const recorders = providers.map(recordEvents);
    const entries = await Promise.all(providers.map((provider) => provider.claim('Scene', 'arena-1')));
    const owners = new Set(entries.map((entry) => entry.owner));
    expect(owners.size).toBe(1);
    for (const entry of entries) expect(entry).toEqual(entries[0]);
    expect(providers.map((p) => p.self?.id)).toContain(entries[0]?.owner);
    const claimed = `claimed Scene/arena-1@${entries[0]?.epoch}`;
    for (const events of recorders) expect(events).toEqual([claimed]);
  });

  it('uses the creation revision as epoch, increasing across claims of one key', async () => {
    const a = await pool.joined('a');
    const b = await pool.joined('b');
    const first = await a.claim('Player', 'p1');
    expect(first.epoch).toBe(pool.cluster.revision);
    await a.release(first);
    await b.update({ load: 1 });
    const second = await b.claim('Player', 'p1');
    expect(second.epoch).toBeGreaterThan(first.epoch);
    expect(second.owner).toBe(b.self?.id);
    await b.release(second);
    const third = await a.claim('Player', 'p1');
    expect(third.epoch).toBeGreaterThan(second.epoch);
  });

  it('leaves a newer claim alone when an old one is released', async () => {
    const a = await pool.joined('a');
    const b = await pool.joined('b');
    const bEvents = recordEvents(b);
    const old = await a.claim('Scene', 's1');
    await a.release(old);
    const newer = await b.claim('Scene', 's1');
    await a.release(old);
    await a.release({ ...newer, owner: a.self?.id as string });
    expect(await a.lookup('Scene', 's1')).toEqual(newer);
    expect(bEvents).toEqual([
      `claimed Scene/s1@${old.epoch}`,
      `removed Scene/s1@${old.epoch}`,
      `claimed Scene/s1@${newer.epoch}`,
    ]);
  });

  it('looks up entries from the store', async () => {
    const a = await pool.joined('a');
    const b = await pool.joined('b');
    expect(await b.lookup('Scene', 's1')).toBeUndefined();
    const entry = await a.claim('Scene', 's1');
    expect(await b.lookup('Scene', 's1')).toEqual(entry);
    expect(await b.lookup('Player', 's1')).toBeUndefined();
  });
});

describe('MemoryClusterProvider worker ids and leave', () => {
  it('leases unique worker ids and reuses those of departed members', async () => {
    const providers = await Promise.all(['a', 'b', 'c'].map((name) => pool.joined(name)));
    const ids = providers.map((p) => p.self?.workerId);
    expect(new Set(ids).size).toBe(3);
    // Fill every other worker id straight in the store, so the next join can only get the freed one.
    const watcher = { changes: () => {}, leaseLost: () => {}, reachabilityChanged: () => {} };
    for (let i = 3; i < 1024; i++) pool.cluster.register(registration(`filler-${i}`), 60_000, watcher);
    await expect(pool.provider().join(registration('too-many'))).rejects.toThrow(/All 1024 snowflake worker ids/);
    const freed = providers[1]?.self?.workerId;
    await providers[1]?.leave();
    const late = await pool.joined('late');
    expect(late.self?.workerId).toBe(freed);
  });

  it('removes the member, its entries and its worker id at once, for everyone', async () => {
    const a = await pool.joined('a');
    const b = await pool.joined('b');
    const bEvents = recordEvents(b);
    const s1 = await a.claim('Scene', 's1');
    const s2 = await a.claim('Scene', 's2');
    const aId = a.self?.id as string;
    await a.leave();
    expect(bEvents).toEqual([
      `claimed Scene/s1@${s1.epoch}`,
      `claimed Scene/s2@${s2.epoch}`,
      `removed Scene/s1@${s1.epoch}`,
      `removed Scene/s2@${s2.epoch}`,
      `members ${b.self?.id}`,
    ]);
    expect(await b.lookup('Scene', 's1')).toBeUndefined();
    expect(pool.cluster.members().map((m) => m.id)).not.toContain(aId);
    expect(a.self).toBeUndefined();
    expect(a.members().size).toBe(0);
    expect(a.canServe()).toBe(false);
    expect(a.health()).toBe('fenced');
  });

  it('is idempotent and emits nothing more to the member that left', async () => {
    const a = await pool.joined('a');
    const aEvents = recordEvents(a);
    await Promise.all([a.leave(), a.leave()]);
    await a.leave();
    await pool.joined('b');
    expect(aEvents).toEqual([]);
    await expect(a.claim('Scene', 's1')).rejects.toThrow(ClusterUnavailableError);
  });
});
