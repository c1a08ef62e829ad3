// The PostgreSQL store across a real database outage, on a private server this file starts and stops: writes
// fail with StoreUnavailableError naming the server while it is down (nothing lost, nothing half-written), a
// store cannot start against it, and the same store works again once it is back, without being recreated.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { StoreUnavailableError } from '../errors.ts';
import { PostgresStateStore } from './postgres-state-store.ts';
import { PostgresTestServer } from './postgres-test-server.ts';

let server: PostgresTestServer;
const stores: PostgresStateStore[] = [];

beforeAll(async () => {
  server = await PostgresTestServer.start();
});

afterAll(async () => {
  await Promise.all(stores.map((store) => store.close()));
  await server?.dispose();
});

function storeOn(url: string): PostgresStateStore {
  const store = new PostgresStateStore({ connectionString: url, connectTimeoutMs: 1_000, statementTimeoutMs: 3_000 });
  stores.push(store);
  return store;
}

describe('PostgresStateStore across a database restart', () => {
  it('fails while the database is down and recovers by itself when it is back', async () => {
    const store = storeOn(server.url);
    await store.start();
    expect(await store.load([{ kind: 'Player', id: 'p1', epoch: 3 }])).toEqual([
      { ok: true, doc: undefined, version: 0 },
    ]);
    expect(await store.save([{ kind: 'Player', id: 'p1', epoch: 3, version: 1, doc: { gold: 1 } }])).toEqual([
      { ok: true },
    ]);

    await server.stop();
    const where = `PostgreSQL at ${server.host}:${server.port}/postgres`;
    const dirty = [{ kind: 'Player', id: 'p1', epoch: 3, version: 2, doc: { gold: 2 } }];
    for (let attempt = 0; attempt < 2; attempt++) {
      const error = await store.save(dirty).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect((error as Error).message).toContain('save of 1 documents failed');
      expect((error as Error).message).toContain(where);
    }
    const startedAt = Date.now();
    const startError = await storeOn(server.url)
      .start()
      .catch((e: unknown) => e);
    expect(Date.now() - startedAt).toBeLessThan(3_000);
    expect(startError).toBeInstanceOf(StoreUnavailableError);
    expect((startError as Error).message).toContain(`${where} refused the connection`);

    await server.restart();
    // The write-behind retries the same dirty batch; the old pool reconnects on its own.
    expect(await store.save(dirty)).toEqual([{ ok: true }]);
    expect(await store.load([{ kind: 'Player', id: 'p1', epoch: 3 }])).toEqual([
      { ok: true, doc: { gold: 2 }, version: 2 },
    ]);
  });
});
