// Write-behind on a real store (the memory store; the PostgreSQL and PGlite stores pass the same contract tests):
// loads, interval flushes, persist() durability, fencing of zombies, outages with retries and back-pressure, and
// the final save on deactivation.
import { afterEach, describe, expect, it } from '@jest/globals';
import { ActorSystem } from '../../actor/actor-system.ts';
import { PersistenceBackpressureError, StaleEpochError, StoreUnavailableError } from '../errors.ts';
import type { LoadRequest, LoadResult, SaveRequest, SaveResult, StateStore } from '../state-store.ts';
import { MemoryStateStore } from '../stores/index.ts';
import { Persistence, type PersistentTarget } from './persistence.ts';
import { PersistentActor } from './persistent-actor.ts';
import { DirectBackend } from './state-backend.ts';

/** A store in front of another that can be made to fail or to hold saves, to watch write-behind's behaviour. */
class ControlledStore implements StateStore {
  readonly kind = 'memory' as const;
  failing = false;
  saves: SaveRequest[] = [];
  private held: (() => void)[] | null = null;
  readonly inner: StateStore;

  constructor(inner: StateStore) {
    this.inner = inner;
  }

  start(): Promise<void> {
    return this.inner.start();
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  load(requests: readonly LoadRequest[]): Promise<LoadResult[]> {
    if (this.failing) return Promise.reject(new StoreUnavailableError('store down (test)'));
    return this.inner.load(requests);
  }

  async save(requests: readonly SaveRequest[]): Promise<SaveResult[]> {
    if (this.held !== null) await new Promise<void>((resolve) => this.held!.push(resolve));
    if (this.failing) throw new StoreUnavailableError('store down (test)');
    this.saves.push(...requests);
    return this.inner.save(requests);
  }

  hold(): void {
    this.held = [];
  }

  release(): void {
    const held = this.held ?? [];
    this.held = null;
    for (const resolve of held) resolve();
  }
}

function target(
  kind: string,
  id: string,
  epoch: number,
  state: object = {},
): PersistentTarget & {
  deactivated: number;
} {
  const t = {
    deactivated: 0,
    state,
    ctx: {
      kind,
      id,
      epoch,
      deactivate: () => {
        t.deactivated++;
      },
    },
  };
  return t;
}

async function until(condition: () => boolean, timeoutMs = 3_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const services: Persistence[] = [];
function persistence(store: StateStore, options: { flushIntervalMs?: number; maxPendingDocuments?: number } = {}) {
  const service = new Persistence({
    backend: new DirectBackend(store),
    sweepIntervalMs: 10,
    retryInitialMs: 10,
    retryMaxMs: 50,
    ...options,
  });
  services.push(service);
  return service;
}

afterEach(() => {
  for (const service of services.splice(0)) service.stop();
});

describe('Persistence', () => {
  it('loads the initial state for a new document and saves writes after the flush interval', async () => {
    const store = new ControlledStore(new MemoryStateStore());
    const service = persistence(store, { flushIntervalMs: 50 });
    const account = target('Account', 'a', 10, { gold: 5, items: [] as string[] });
    await service.activate(account);
    const state = account.state as { gold: number; items: string[] };
    expect(state.gold).toBe(5);
    state.gold = 7;
    state.items.push('sword');
    await until(() => store.saves.length === 1);
    expect(store.saves[0]).toMatchObject({ kind: 'Account', id: 'a', epoch: 10, version: 1 });
    expect(service.pendingWrites()).toBe(0);

    const next = target('Account', 'a', 11, { gold: 0, items: [] });
    await service.activate(next);
    expect(next.state).toEqual({ gold: 7, items: ['sword'] });
  });

  it('persist() resolves only once the store acknowledged the state it was called with', async () => {
    const store = new ControlledStore(new MemoryStateStore());
    const service = persistence(store, { flushIntervalMs: 60_000 });
    const account = target('Account', 'p', 3, { gold: 1 });
    await service.activate(account);
    (account.state as { gold: number }).gold = 2;
    store.hold();
    let durable = false;
    const done = service.persist(account).then(() => {
      durable = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(durable).toBe(false);
    store.release();
    await done;
    expect(store.saves.at(-1)?.doc).toEqual({ gold: 2 });
    // Nothing new since: already durable.
    await service.persist(account);
    expect(store.saves).toHaveLength(1);
  });

  it('a write made while a save is in flight is saved too before its persist() resolves', async () => {
    const store = new ControlledStore(new MemoryStateStore());
    const service = persistence(store, { flushIntervalMs: 60_000 });
    const account = target('Account', 'q', 3, { n: 0 });
    await service.activate(account);
    const state = account.state as { n: number };
    state.n = 1;
    store.hold();
    const first = service.persist(account);
    await new Promise((resolve) => setTimeout(resolve, 20));
    state.n = 2;
    const second = service.persist(account);
    store.release();
    await Promise.all([first, second]);
    expect(store.saves.at(-1)?.doc).toEqual({ n: 2 });
    expect(store.saves.map((s) => s.version)).toEqual([1, 2]);
  });

  it('fences a zombie: once a newer activation loaded the document, the old one cannot save and stops', async () => {
    const store = new ControlledStore(new MemoryStateStore());
    const service = persistence(store);
    const zombie = target('Account', 'z', 5, { gold: 100 });
    await service.activate(zombie);
    const successor = target('Account', 'z', 9, { gold: 100 });
    await service.activate(successor);
    (successor.state as { gold: number }).gold = 70;
    await service.persist(successor);
    (zombie.state as { gold: number }).gold = 0;
    await expect(service.persist(zombie)).rejects.toBeInstanceOf(StaleEpochError);
    expect(zombie.deactivated).toBe(1);
    await expect(service.persist(zombie)).rejects.toBeInstanceOf(StaleEpochError);
    // And a load by an older epoch fails too.
    await expect(service.activate(target('Account', 'z', 7))).rejects.toBeInstanceOf(StaleEpochError);
    const third = target('Account', 'z', 12, {});
    await service.activate(third);
    expect(third.state).toEqual({ gold: 70 });
  });

  it('keeps dirty documents through a store outage, retries, and refuses writers past the pending bound', async () => {
    const store = new ControlledStore(new MemoryStateStore());
    const service = persistence(store, { flushIntervalMs: 20, maxPendingDocuments: 3 });
    const accounts = [0, 1, 2, 3].map((i) => target('Account', `o${i}`, 1, { gold: i }));
    for (const account of accounts) await service.activate(account);
    store.failing = true;
    (accounts[0]!.state as { gold: number }).gold += 10;
    const waiting = service.persist(accounts[0]!);
    for (const account of accounts.slice(1)) (account.state as { gold: number }).gold += 10;
    await until(() => service.pendingWrites() === 4);
    await new Promise((resolve) => setTimeout(resolve, 30));
    await expect(service.persist(accounts[1]!)).rejects.toBeInstanceOf(PersistenceBackpressureError);
    await expect(service.activate(target('Account', 'new', 1))).rejects.toBeInstanceOf(PersistenceBackpressureError);
    store.failing = false;
    await waiting;
    await until(() => service.pendingWrites() === 0);
    for (const i of accounts.keys()) {
      const next = target('Account', `o${i}`, 2, {});
      await service.activate(next);
      expect(next.state).toEqual({ gold: i + 10 });
    }
  });

  it('flushAll saves every dirty document now', async () => {
    const store = new ControlledStore(new MemoryStateStore());
    const service = persistence(store, { flushIntervalMs: 60_000 });
    const accounts = [0, 1, 2].map((i) => target('Account', `f${i}`, 1, { gold: 0 }));
    for (const account of accounts) await service.activate(account);
    for (const account of accounts) (account.state as { gold: number }).gold = 1;
    expect(await service.flushAll(2_000)).toEqual({ flushed: 3, unsaved: 0 });
    expect(store.saves).toHaveLength(3);
  });
});

class Wallet extends PersistentActor<{ gold: number }> {
  override state = { gold: 50 };

  add(n: number): number {
    this.state.gold += n;
    return this.state.gold;
  }

  async buy(price: number): Promise<number> {
    this.state.gold -= price;
    await this.persist();
    return this.state.gold;
  }

  leave(): void {
    this.ctx.deactivate();
  }
}

describe('PersistentActor', () => {
  it('saves on deactivation, loads on the next activation, and keeps persist out of its messages', async () => {
    const store = new ControlledStore(new MemoryStateStore());
    const system = new ActorSystem();
    persistence(store, { flushIntervalMs: 60_000 }).attachTo(system);
    system.register(Wallet, { placement: 'local' });
    expect([...system.kind('Wallet')!.methods.keys()].sort()).toEqual(['add', 'buy', 'leave']);
    const wallet = system.ref(Wallet, 'w');
    expect(await wallet.add(5)).toBe(55);
    expect(await wallet.buy(15)).toBe(40);
    expect(store.saves.at(-1)?.doc).toEqual({ gold: 40 });
    expect(await wallet.add(1)).toBe(41);
    await wallet.leave();
    await until(() => system.activationCount() === 0);
    expect(store.saves.at(-1)?.doc).toEqual({ gold: 41 });
    expect(await wallet.add(0)).toBe(41);
    await system.stop();
  });
});
