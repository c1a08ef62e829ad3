// What write-behind counts, on a real store (the memory store): each save's duration, dirty documents until
// they are saved, loads and saves refused for a stale epoch, and loads and saves that failed on a closed store.
import { afterEach, describe, expect, it } from '@jest/globals';
import { StaleEpochError, StoreUnavailableError } from '../errors.ts';
import { MemoryStateStore } from '../stores/index.ts';
import { Persistence, type PersistentTarget } from './persistence.ts';
import { DirectBackend } from './state-backend.ts';

function target(id: string, epoch: number): PersistentTarget & { state: Record<string, unknown> } {
  return { state: {}, ctx: { kind: 'Doc', id, epoch, deactivate: () => {} } };
}

async function until(condition: () => boolean, timeoutMs = 3_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

let persistence: Persistence | undefined;
afterEach(() => persistence?.stop());

function start(store: MemoryStateStore): Persistence {
  persistence = new Persistence({
    backend: new DirectBackend(store),
    flushIntervalMs: 20,
    sweepIntervalMs: 5,
    retryInitialMs: 10,
  });
  return persistence;
}

describe('PersistenceStats', () => {
  it('times each save and counts dirty documents until the store acknowledged them', async () => {
    const service = start(new MemoryStateStore());
    const doc = target('a', 1);
    await service.activate(doc);
    expect(service.pendingWrites()).toBe(0);
    doc.state.gold = 5;
    expect(service.pendingWrites()).toBe(1);
    await service.persist(doc);
    expect(service.pendingWrites()).toBe(0);
    doc.state.gold = 6;
    await until(() => service.pendingWrites() === 0); // the interval flush
    const { flushSeconds, staleEpochRejections, storeErrors } = service.stats;
    expect(flushSeconds.count).toBe(2);
    expect(flushSeconds.sum).toBeGreaterThan(0);
    expect({ staleEpochRejections, storeErrors }).toEqual({ staleEpochRejections: 0, storeErrors: 0 });
  });

  it('counts a save and a load refused because a newer activation owns the document', async () => {
    const store = new MemoryStateStore();
    const service = start(store);
    const old = target('b', 1);
    await service.activate(old);
    const newer = target('b', 2);
    await service.activate(newer);
    old.state.gold = 1;
    await expect(service.persist(old)).rejects.toBeInstanceOf(StaleEpochError);
    expect(service.stats.staleEpochRejections).toBe(1);
    expect(service.stats.flushSeconds.count).toBe(1); // a refused save is still a round trip
    await expect(service.activate(target('b', 1))).rejects.toBeInstanceOf(StaleEpochError);
    expect(service.stats.staleEpochRejections).toBe(2);
    expect(service.stats.storeErrors).toBe(0);
  });

  it('counts loads and saves that failed on an unavailable store', async () => {
    const store = new MemoryStateStore();
    const service = start(store);
    const doc = target('c', 1);
    await service.activate(doc);
    await store.close();
    await expect(service.activate(target('d', 1))).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(service.stats.storeErrors).toBe(1);
    doc.state.gold = 1;
    await until(() => service.stats.storeErrors >= 3); // the first save and a retry
    expect(service.pendingWrites()).toBe(1);
    expect(service.stats.flushSeconds.count).toBe(0);
  });
});
