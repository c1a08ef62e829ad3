// The PGlite store held to the StateStore contract (in memory), plus what is PGlite's own: a data directory that
// survives a restart, a schema newer than the code, and a directory it cannot open.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from '@jest/globals';
import { StoreSchemaError, StoreUnavailableError } from '../errors.ts';
import { PGliteStateStore } from './pglite-state-store.ts';
import { CURRENT_SCHEMA_VERSION } from './state-sql.ts';
import { describeStateStoreContract } from './state-store-contract.ts';

describeStateStoreContract('PGlite in memory', async () => {
  const store = new PGliteStateStore();
  await store.start();
  return store;
});

describe('PGliteStateStore', () => {
  const root = mkdtempSync(join(tmpdir(), 'gamecluster-pglite-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('keeps documents and fences in its data directory across a restart, in the schema it is given', async () => {
    const dataDir = join(root, 'restart');
    const first = new PGliteStateStore({ dataDir, schema: 'game_state' });
    await first.start();
    await first.load([{ kind: 'Player', id: 'p1', epoch: 7 }]);
    expect(await first.save([{ kind: 'Player', id: 'p1', epoch: 7, version: 2, doc: { gold: 5n } }])).toEqual([
      { ok: true },
    ]);
    await first.close();

    const second = new PGliteStateStore({ dataDir, schema: 'game_state' });
    await second.start(); // migrations are idempotent
    expect(await second.load([{ kind: 'Player', id: 'p1', epoch: 7 }])).toEqual([
      { ok: true, doc: { gold: 5n }, version: 2 },
    ]);
    expect(await second.load([{ kind: 'Player', id: 'p1', epoch: 6 }])).toEqual([
      { ok: false, reason: 'stale', storedEpoch: 7 },
    ]);
    await second.close();

    // A schema written by a newer version is refused, with what to do.
    const raw = await PGlite.create(dataDir);
    await raw.query(`INSERT INTO game_state.gamecluster_schema_version (version, description) VALUES ($1, 'future')`, [
      CURRENT_SCHEMA_VERSION + 1,
    ]);
    await raw.close();
    const third = new PGliteStateStore({ dataDir, schema: 'game_state' });
    const error = await third.start().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreSchemaError);
    expect((error as Error).message).toMatch(/version 2, newer than this gamecluster understands \(1\).*upgrade/);
    await third.close();
  });

  it('reports a data directory it cannot open as StoreUnavailableError', async () => {
    const file = join(root, 'not-a-directory');
    writeFileSync(file, 'x');
    const store = new PGliteStateStore({ dataDir: file });
    const error = await store.start().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect((error as Error).message).toContain(`PGlite in ${file} could not be opened`);
    await store.close();
  });

  it('refuses load and save before start', async () => {
    const store = new PGliteStateStore();
    await expect(store.load([{ kind: 'K', id: 'x', epoch: 1 }])).rejects.toThrow(/not started: await start\(\)/);
    await store.close();
  });
});
