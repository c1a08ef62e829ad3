// POST /drain on real nodes (memory provider and store, real gate and mesh on loopback, a real AdminServer): off
// without a key, 401 for a wrong key, 429 after repeated failures, a drain that starts once and saves a
// persistent actor's state, a bad body refused before anything starts, and a drain whose saves fail reported
// as failed.
import { afterEach, describe, expect, it } from '@jest/globals';
import { MemoryCluster, MemoryClusterProvider } from '../cluster/memory/index.ts';
import { GameNode } from '../game-node.ts';
import { gameNodeProcessFrom } from '../game-node-process.ts';
import { nextTestHost, sleep } from '../gate/testing-gate.ts';
import { PersistentActor } from '../state/persistence/persistent-actor.ts';
import type { SaveRequest, SaveResult } from '../state/state-store.ts';
import { MemoryStateStore } from '../state/stores/memory-state-store.ts';
import { bearerHeader } from './admin-key.ts';
import { AdminServer, type AdminServerOptions } from './admin-server.ts';
import type { DrainProgress } from './drain-tracker.ts';

const CLUSTER_KEY = Buffer.alloc(32, 3).toString('base64url');
const ADMIN_KEY = Buffer.alloc(32, 7);
const AUTHORIZED = { authorization: bearerHeader(ADMIN_KEY) };

class Wallet extends PersistentActor<{ gold: number }> {
  override state = { gold: 0 };
  earn(amount: number): number {
    this.state.gold += amount;
    return this.state.gold;
  }
}

/** A memory store whose saves fail while `failing` is set (an unreachable database). */
class FlakyStore extends MemoryStateStore {
  failing = false;
  override async save(requests: readonly SaveRequest[]): Promise<SaveResult[]> {
    if (this.failing) throw new Error('connection refused (test)');
    return super.save(requests);
  }
}

let node: GameNode | undefined;
let admin: AdminServer | undefined;

afterEach(async () => {
  await admin?.stop();
  await node?.stop();
  admin = undefined;
  node = undefined;
});

/** A node built as the node process builds it, with the admin key in its env unless `withKey` is false. */
async function startNode(withKey = true, options: Partial<AdminServerOptions> = {}): Promise<string> {
  const host = nextTestHost();
  const built = await gameNodeProcessFrom(
    [
      ...['--name', 'drain-test', '--provider', 'memory', '--store', 'memory', '--mesh-host', host],
      ...['--gate-host', host, '--gate-port', '0', '--admin-host', host, '--admin-port', '0'],
    ],
    { GAMECLUSTER_CLUSTER_KEY: CLUSTER_KEY, GAMECLUSTER_ADMIN_KEY: withKey ? ADMIN_KEY.toString('base64url') : '' },
  );
  node = built.node;
  node.system.register(Wallet, { idleTimeoutMs: 0 });
  await node.start();
  admin = new AdminServer(node, { host, port: 0, key: built.admin.key, ...options });
  await admin.start();
  return admin.url;
}

function postDrain(url: string, headers: Record<string, string> = AUTHORIZED, body?: string): Promise<Response> {
  return fetch(`${url}/drain`, { method: 'POST', headers, body });
}

async function drainStatus(url: string): Promise<DrainProgress> {
  const status = (await (await fetch(`${url}/status`)).json()) as { drain: DrainProgress };
  return status.drain;
}

async function waitForDrainEnd(url: string): Promise<DrainProgress> {
  const until = Date.now() + 10_000;
  for (;;) {
    const drain = await drainStatus(url);
    if (drain.state !== 'draining') return drain;
    if (Date.now() > until) throw new Error('the drain did not end within 10 s');
    await sleep(20);
  }
}

describe('POST /drain', () => {
  it('is off without an admin key (403 saying what to set) while the GETs stay open', async () => {
    const url = await startNode(false);
    const response = await postDrain(url);
    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: string }).error).toContain('GAMECLUSTER_ADMIN_KEY');
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    expect(await drainStatus(url)).toMatchObject({ state: 'none', startedAt: null });
    expect(node!.lifecycle).toBe('started');
  });

  it('refuses a missing, malformed or wrong key with 401 and no detail', async () => {
    const url = await startNode();
    const wrongKey = bearerHeader(Buffer.alloc(32, 8));
    const attempts: Record<string, string>[] = [
      {},
      { authorization: 'Basic abc' },
      { authorization: `${wrongKey}x!` },
      { authorization: wrongKey },
    ];
    for (const headers of attempts) {
      const response = await postDrain(url, headers);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
      expect(await response.json()).toEqual({
        error: 'unauthorized: send the node\'s admin key as "Authorization: Bearer <key>"',
      });
    }
    expect(await drainStatus(url)).toMatchObject({ state: 'none' });
    expect(node!.lifecycle).toBe('started');
  });

  it('answers 429 to an address past its failures, even with the right key', async () => {
    const url = await startNode(true, { authFailures: { failuresPerWindow: 3 } });
    for (let i = 0; i < 3; i++) {
      expect((await postDrain(url, { authorization: bearerHeader(Buffer.alloc(32, i + 10)) })).status).toBe(401);
    }
    const limited = await postDrain(url);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(((await limited.json()) as { error: string }).error).toMatch(/too many failed attempts/);
    expect(await drainStatus(url)).toMatchObject({ state: 'none' });
  });

  it('starts the drain once (202 at once), which saves dirty state and ends drained; readyz 503 after', async () => {
    const url = await startNode();
    await node!.system.ref(Wallet, 'w1').earn(7);
    await node!.system.ref(Wallet, 'w2').earn(3);
    expect(node!.persistence.pendingWrites()).toBe(2);

    const response = await postDrain(url, AUTHORIZED, JSON.stringify({ deadlineSeconds: 30 }));
    expect(response.status).toBe(202);
    const started = (await response.json()) as DrainProgress;
    expect(started).toMatchObject({ state: 'draining', finishedAt: null, flushed: 0, error: null });
    expect(Date.parse(started.deadlineAt!) - Date.parse(started.startedAt!)).toBe(30_000);

    const ended = await waitForDrainEnd(url);
    expect(ended).toMatchObject({
      state: 'drained',
      startedAt: started.startedAt,
      flushed: 2,
      unsaved: 0,
      error: null,
    });
    expect(Date.parse(ended.finishedAt!)).toBeGreaterThanOrEqual(Date.parse(ended.startedAt!));
    const saved = (node!.store as MemoryStateStore).documents('Wallet');
    expect(saved.get('w1')).toEqual({ gold: 7 });
    expect(saved.get('w2')).toEqual({ gold: 3 });

    // A second POST reports the same drain (200: finished) and starts none.
    const again = await postDrain(url);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(ended);
    expect(admin!.drains.progress).toEqual(ended);

    const readyz = await fetch(`${url}/readyz`);
    expect(readyz.status).toBe(503);
    expect(await readyz.json()).toEqual({ ready: false, lifecycle: 'draining' });
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect(await (await fetch(`${url}/status`)).json()).toMatchObject({ lifecycle: 'draining', zonePlayers: 0 });
  });

  it('refuses a malformed, unknown or oversized body before any drain starts', async () => {
    const url = await startNode();
    const bodies = [
      '{',
      '[]',
      '"drain"',
      '{"deadlineSecs": 5}',
      '{"deadlineSeconds": -1}',
      '{"deadlineSeconds": "60"}',
    ];
    for (const body of bodies) {
      const response = await postDrain(url, { ...AUTHORIZED, 'content-type': 'application/json' }, body);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: string }).error.length).toBeGreaterThan(10);
    }
    const oversized = await postDrain(url, AUTHORIZED, JSON.stringify({ pad: 'x'.repeat(10_000) }));
    expect(oversized.status).toBe(413);
    expect(await drainStatus(url)).toMatchObject({ state: 'none' });
    expect(node!.lifecycle).toBe('started');
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
  });

  it('answers GET /drain with 405 and names POST', async () => {
    const url = await startNode();
    const response = await fetch(`${url}/drain`);
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
  });
});

describe('a drain whose saves fail', () => {
  it('stays draining while it waits (a second POST joins it: 202) and ends failed with the unsaved count', async () => {
    const store = new FlakyStore();
    const host = nextTestHost();
    node = new GameNode({
      cluster: {
        name: 'flaky',
        roles: ['db'],
        provider: new MemoryClusterProvider({ cluster: new MemoryCluster(), leaseTtlMs: 2_000 }),
        mesh: { host, port: 0 },
        systemOptions: { askTimeoutMs: 3_000, onError: () => {} },
        log: () => {},
      },
      store,
      flushTimeoutMs: 600,
    });
    node.system.register(Wallet, { idleTimeoutMs: 0 });
    await node.start();
    admin = new AdminServer(node, { host, port: 0, key: ADMIN_KEY });
    await admin.start();
    await node.system.ref(Wallet, 'w1').earn(5);
    store.failing = true;

    const first = (await (await postDrain(admin.url)).json()) as DrainProgress;
    const second = await postDrain(admin.url);
    expect(second.status).toBe(202);
    expect(await second.json()).toEqual(first);

    const ended = await waitForDrainEnd(admin.url);
    expect(ended).toMatchObject({ state: 'failed', flushed: 0, unsaved: 1 });
    expect(ended.error).toMatch(/1 dirty document\(s\) were not saved/);
    expect(store.documents('Wallet').size).toBe(0);
    store.failing = false; // so stop() in afterEach saves and ends quickly
  });
});
