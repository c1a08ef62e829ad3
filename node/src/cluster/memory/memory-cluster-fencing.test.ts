// Tests of lease loss and outages on the memory cluster: expireLease fences the holder before anyone sees its
// entries go and it rejoins as a new member; an outage keeps activations serving, refuses calls and expires no
// lease; keepalive holds a short lease; a lease left unrenewed expires by itself.
import { ClusterUnavailableError } from '../errors.ts';
import type { MemberInfo } from '../member.ts';
import { MemoryCluster } from './memory-cluster.ts';
import { nextEvent, ProviderPool, recordEvents, registration, sleep } from './memory-testing.ts';

let pool: ProviderPool;

beforeEach(() => {
  pool = new ProviderPool(new MemoryCluster());
});

afterEach(async () => {
  await pool.leaveAll();
});

function memberIds(): string[] {
  return pool.cluster.members().map((member) => member.id);
}

describe('expireLease', () => {
  it('fences the holder at once, removes its member and entries for everyone, and rejoins it as a new member', async () => {
    const a = await pool.joined('a');
    const b = await pool.joined('b');
    const s1 = await a.claim('Scene', 's1');
    const s2 = await a.claim('Scene', 's2');
    const old = a.self as MemberInfo;
    const bId = b.self?.id as string;
    const aEvents = recordEvents(a);
    const bEvents = recordEvents(b);
    const rejoined = nextEvent(a, 'rejoined');
    const fenced = nextEvent(a, 'fenced');

    expect(pool.cluster.expireLease(old.id)).toBe(true);
    expect(a.canServe()).toBe(false);
    expect(a.health()).toBe('fenced');
    const refusedClaim = a.claim('Scene', 's3');
    await expect(refusedClaim).rejects.toThrow(ClusterUnavailableError);
    await expect(refusedClaim).rejects.toThrow(/fenced until it rejoins/);

    const [reason] = await fenced;
    expect(reason).toMatch(/lease of a\.[0-9a-f]+ was expired/);
    const [self] = await rejoined;
    expect(self).toMatchObject({ name: 'a', roles: old.roles, address: old.address });
    expect(self.id).not.toBe(old.id);
    expect(self.workerId).not.toBe(old.workerId);
    expect(a.self).toBe(self);
    expect(a.canServe()).toBe(true);
    await pool.cluster.settled();
    expect(a.health()).toBe('healthy');

    const removed = [`removed Scene/s1@${s1.epoch}`, `removed Scene/s2@${s2.epoch}`];
    expect(aEvents).toEqual([
      'health fenced',
      'fenced',
      ...removed,
      `members ${bId}`,
      `members ${bId},${self.id}`,
      `rejoined ${self.id}`,
      'health healthy',
    ]);
    expect(bEvents).toEqual([...removed, `members ${bId}`, `members ${bId},${self.id}`]);
    expect(memberIds()).toEqual([bId, self.id]);

    const again = await b.claim('Scene', 's1');
    expect(again.owner).toBe(bId);
    expect(again.epoch).toBeGreaterThan(s1.epoch);
  });

  it('keeps a status change made while fenced and publishes it on rejoin', async () => {
    const a = await pool.joined('a');
    const rejoined = nextEvent(a, 'rejoined');
    pool.cluster.expireLease(a.self?.id as string);
    await expect(a.update({ status: 'draining', load: 9 })).rejects.toThrow(ClusterUnavailableError);
    const [self] = await rejoined;
    expect(self).toMatchObject({ status: 'draining', load: 9 });
  });

  it('is false for an unknown member', () => {
    expect(pool.cluster.expireLease('nobody.1')).toBe(false);
  });

  it('waits for the store to return before rejoining after an expiry during an outage', async () => {
    const a = await pool.joined('a');
    const oldId = a.self?.id;
    const aEvents = recordEvents(a);
    pool.cluster.setReachable(false);
    pool.cluster.expireLease(oldId as string);
    await sleep(20);
    expect(a.canServe()).toBe(false);
    expect(a.self?.id).toBe(oldId);
    expect(aEvents).toEqual(['health unreachable', 'health fenced', 'fenced', 'members ']);
    const rejoined = nextEvent(a, 'rejoined');
    pool.cluster.setReachable(true);
    const [self] = await rejoined;
    expect(self.id).not.toBe(oldId);
    expect(a.canServe()).toBe(true);
  });
});

describe('outage (setReachable)', () => {
  it('keeps every member serving as unreachable, refuses every call, and recovers', async () => {
    const a = await pool.joined('a');
    const b = await pool.joined('b');
    const entry = await a.claim('Scene', 's1');
    const aEvents = recordEvents(a);
    const members = a.members();

    pool.cluster.setReachable(false);
    for (const provider of [a, b]) {
      expect(provider.health()).toBe('unreachable');
      expect(provider.canServe()).toBe(true);
    }
    const calls: [string, Promise<unknown>][] = [
      ['claim', a.claim('Scene', 's2')],
      ['lookup', a.lookup('Scene', 's1')],
      ['release', a.release(entry)],
      ['update', b.update({ load: 5 })],
      ['join', pool.provider().join(registration('c'))],
    ];
    for (const [, call] of calls) await expect(call).rejects.toThrow(ClusterUnavailableError);
    await expect(calls[0]?.[1]).rejects.toThrow(/unreachable/);
    expect(a.members()).toBe(members);

    pool.cluster.setReachable(true);
    await pool.cluster.settled();
    expect(a.health()).toBe('healthy');
    expect(b.health()).toBe('healthy');
    expect(aEvents).toEqual(['health unreachable', 'health healthy']);
    expect(await b.lookup('Scene', 's1')).toEqual(entry);
    expect((await a.claim('Scene', 's2')).owner).toBe(a.self?.id);
  });

  it('expires no lease while the store is down and gives every lease a fresh TTL when it returns', async () => {
    const a = pool.provider(60);
    await a.join(registration('a'));
    const aId = a.self?.id as string;
    const aEvents = recordEvents(a);
    pool.cluster.setReachable(false);
    // Left during the outage: the lease is not revoked and no longer renewed.
    await a.leave();
    await sleep(200);
    expect(memberIds()).toEqual([aId]);

    pool.cluster.setReachable(true);
    // Only microtasks run until the check below, so the fresh 60 ms TTL cannot have run out yet.
    const observer = await pool.joined('observer');
    expect(memberIds()).toEqual([aId, observer.self?.id]);
    const gone = nextEvent(observer, 'members');
    const [members] = await gone;
    expect([...members.keys()]).toEqual([observer.self?.id]);
    expect(aEvents).toEqual([]);
  });
});

describe('keepalive', () => {
  it('keeps a short lease alive while the member lives', async () => {
    const a = pool.provider(150);
    await a.join(registration('a'));
    const aEvents = recordEvents(a);
    await sleep(600);
    expect(memberIds()).toEqual([a.self?.id]);
    expect(aEvents).toEqual([]);
    expect(a.health()).toBe('healthy');
  });
});

describe('listeners', () => {
  it('reports a listener that throws and still delivers to the others', async () => {
    const warnings: unknown[] = [];
    const emitWarning = process.emitWarning;
    process.emitWarning = ((warning: unknown) => warnings.push(warning)) as typeof process.emitWarning;
    try {
      const a = await pool.joined('a');
      const seen: string[] = [];
      a.on('claimed', () => {
        throw new Error('listener bug');
      });
      a.on('claimed', (entry) => seen.push(entry.id));
      await a.claim('Scene', 's1');
      expect(seen).toEqual(['s1']);
      expect(String(warnings[0])).toMatch(/listener threw.*listener bug/s);
    } finally {
      process.emitWarning = emitWarning;
    }
  });

  it('stops calling a listener after off', async () => {
    const a = await pool.joined('a');
    const seen: string[] = [];
    const listener = (entry: { id: string }): void => {
      seen.push(entry.id);
    };
    a.on('claimed', listener);
    await a.claim('Scene', 's1');
    a.off('claimed', listener);
    await a.claim('Scene', 's2');
    expect(seen).toEqual(['s1']);
  });
});
