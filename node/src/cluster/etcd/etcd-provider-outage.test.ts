// etcd outages on a real etcd: while etcd is stopped or hung, members keep serving what they have (health
// `unreachable`), new claims fail typed within their deadline, and when etcd returns the same members (same
// leases) recover by themselves.
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { LeaseHealth } from '../cluster-provider.ts';
import { ClusterUnavailableError } from '../errors.ts';
import { EtcdClusterProvider } from './etcd-provider.ts';
import { nextEvent, randomLoopbackHost, registration, sleep, waitFor } from './etcd-test-helpers.ts';
import { EtcdTestServer } from './etcd-test-server.ts';

const LEASE_TTL_MS = 2_000;
const CALL_TIMEOUT_MS = 1_000;

let etcd: EtcdTestServer;
let providers: EtcdClusterProvider[] = [];

beforeAll(async () => {
  etcd = await EtcdTestServer.start({ host: randomLoopbackHost() });
}, 30_000);

afterEach(async () => {
  if (!etcd.running) await etcd.restart();
  etcd.resume();
  await Promise.all(providers.map((provider) => provider.leave()));
  providers = [];
});

afterAll(async () => {
  await etcd.dispose();
});

function provider(cluster: string, leaseTtlMs = LEASE_TTL_MS): EtcdClusterProvider {
  const created = new EtcdClusterProvider({
    endpoints: [etcd.endpoint],
    cluster,
    leaseTtlMs,
    callTimeoutMs: CALL_TIMEOUT_MS,
    onError: () => undefined,
  });
  providers.push(created);
  return created;
}

/** Checks canServe() every 25 ms for `ms`; returns how many checks said no. */
async function refusalsDuring(node: EtcdClusterProvider, ms: number): Promise<number> {
  let refused = 0;
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (!node.canServe()) refused++;
    await sleep(25);
  }
  return refused;
}

async function expectClaimRefusedInTime(node: EtcdClusterProvider, id: string): Promise<void> {
  const started = Date.now();
  await expect(node.claim('Player', id)).rejects.toThrow(ClusterUnavailableError);
  expect(Date.now() - started).toBeLessThan(CALL_TIMEOUT_MS + 750);
}

describe('etcd outage', () => {
  it('keeps serving through a stop of twice the TTL, then recovers with the same lease', async () => {
    const a = provider('stop');
    const b = provider('stop');
    const selfA = await a.join(registration('a'));
    const selfB = await b.join(registration('b'));
    const held = await a.claim('Player', 'kept');
    const health: LeaseHealth[] = [];
    const fences: string[] = [];
    a.on('health', (h) => health.push(h));
    a.on('fenced', (reason) => fences.push(reason));

    await etcd.stop();
    expect(await refusalsDuring(a, 2 * LEASE_TTL_MS)).toBe(0);
    expect(a.health()).toBe('unreachable');
    expect(b.canServe()).toBe(true);
    await expectClaimRefusedInTime(a, 'during-stop');

    await etcd.restart();
    await waitFor('a healthy again', () => a.health() === 'healthy');
    await waitFor('b healthy again', () => b.health() === 'healthy');
    expect(fences).toEqual([]);
    expect(health).toEqual(['unreachable', 'healthy']);
    expect(a.self!.id).toBe(selfA.id);
    expect(b.self!.id).toBe(selfB.id);
    expect(await b.lookup('Player', 'kept')).toEqual(held);
    const claimedAtB = nextEvent(b, 'claimed', (entry) => entry.id === 'after-stop');
    const fresh = await a.claim('Player', 'after-stop');
    expect(fresh.owner).toBe(selfA.id);
    expect((await claimedAtB)[0]).toEqual(fresh); // b's watch came back too
    expect([...b.members().keys()].sort()).toEqual([selfA.id, selfB.id].sort());
  });

  it('keeps serving while etcd hangs (SIGSTOP) within the TTL, times calls out, and leaves within the deadline', async () => {
    // etcd's clock runs on while it is stopped: a hang shorter than the TTL leaves every lease alive.
    const ttlMs = 8_000;
    const a = provider('hang', ttlMs);
    const b = provider('hang', ttlMs);
    const selfA = await a.join(registration('a'));
    await b.join(registration('b'));
    const fences: string[] = [];
    a.on('fenced', (reason) => fences.push(reason));

    await etcd.pause();
    await expectClaimRefusedInTime(a, 'during-hang');
    expect(await refusalsDuring(a, 1_500)).toBe(0);
    await waitFor('a unreachable', () => a.health() === 'unreachable');
    const leaveStarted = Date.now();
    await b.leave();
    expect(Date.now() - leaveStarted).toBeLessThan(CALL_TIMEOUT_MS + 750);

    etcd.resume();
    await waitFor('a healthy again', () => a.health() === 'healthy');
    expect(fences).toEqual([]);
    expect(a.self!.id).toBe(selfA.id);
    expect((await a.claim('Player', 'after-hang')).owner).toBe(selfA.id);
  });

  it('fences and rejoins every member when etcd resumes from a hang longer than the TTL', async () => {
    // etcd expires the leases whose TTL ran out while it was stopped as soon as it runs again: the members learn it
    // from their next renewal.
    const a = provider('long-hang', 1_000);
    const oldSelf = await a.join(registration('a'));
    const fenced = nextEvent(a, 'fenced');
    const rejoined = nextEvent(a, 'rejoined');
    await etcd.pause();
    await sleep(2_500);
    etcd.resume();
    await fenced;
    const [newSelf] = await rejoined;
    expect(newSelf.id).not.toBe(oldSelf.id);
    expect(a.canServe()).toBe(true);
  });
});
