// The PostgreSQL store against the real server (a fresh schema per run, dropped after): the StateStore contract,
// the table it creates, migrations under concurrent starts, a newer schema, and every way the database can fail
// (refused, silent, statement timeout, killed connection), each as StoreUnavailableError saying what to check.
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { InvalidStoreConfigError, StoreSchemaError, StoreUnavailableError } from '../errors.ts';
import { describeServer, PostgresStateStore, type PostgresStateStoreOptions } from './postgres-state-store.ts';
import { createTestSchema, type TestSchema, testPostgresUrl } from './postgres-test-schema.ts';
import { CURRENT_SCHEMA_VERSION } from './state-sql.ts';
import { describeStateStoreContract } from './state-store-contract.ts';

let schema: TestSchema;
const stores: PostgresStateStore[] = [];

/** A store on this file's database; closed after all tests. */
function storeOn(options: Partial<PostgresStateStoreOptions> = {}): PostgresStateStore {
  const store = new PostgresStateStore({ connectionString: testPostgresUrl(), schema: schema.name, ...options });
  stores.push(store);
  return store;
}

beforeAll(async () => {
  schema = await createTestSchema('gc_store_test');
});

afterAll(async () => {
  await Promise.all(stores.map((store) => store.close()));
  await schema?.drop();
});

describeStateStoreContract('PostgreSQL', async () => {
  const store = new PostgresStateStore({ connectionString: testPostgresUrl(), schema: schema.name });
  await store.start();
  return store;
});

describe('PostgresStateStore schema', () => {
  it('creates the table the design names, with (kind, id) as primary key', async () => {
    await storeOn().start();
    const columns = await schema.sql(
      `SELECT column_name, data_type, is_nullable FROM information_schema.columns
       WHERE table_schema = $1 AND table_name = 'gamecluster_state' ORDER BY ordinal_position`,
      [schema.name],
    );
    expect(columns).toEqual([
      { column_name: 'kind', data_type: 'text', is_nullable: 'NO' },
      { column_name: 'id', data_type: 'text', is_nullable: 'NO' },
      { column_name: 'epoch', data_type: 'bigint', is_nullable: 'NO' },
      { column_name: 'version', data_type: 'bigint', is_nullable: 'NO' },
      { column_name: 'doc', data_type: 'bytea', is_nullable: 'YES' },
      { column_name: 'updated_at', data_type: 'timestamp with time zone', is_nullable: 'NO' },
    ]);
    const primaryKey = await schema.sql(
      `SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
       WHERE i.indrelid = $1::regclass AND i.indisprimary ORDER BY array_position(i.indkey, a.attnum)`,
      [`"${schema.name}".gamecluster_state`],
    );
    expect(primaryKey.map((row) => row.attname)).toEqual(['kind', 'id']);
  });

  it('migrates once when several nodes start at the same time on a fresh schema', async () => {
    const fresh = `${schema.name}_race`;
    try {
      const racing = Array.from({ length: 6 }, () => storeOn({ schema: fresh, poolSize: 2 }));
      await Promise.all(racing.map((store) => store.start()));
      const versions = await schema.sql(`SELECT version FROM "${fresh}".gamecluster_schema_version ORDER BY version`);
      expect(versions).toEqual(Array.from({ length: CURRENT_SCHEMA_VERSION }, (_, i) => ({ version: i + 1 })));
      await storeOn({ schema: fresh }).start(); // and again at a restart
      expect(await schema.sql(`SELECT count(*)::int AS n FROM "${fresh}".gamecluster_schema_version`)).toEqual([
        { n: CURRENT_SCHEMA_VERSION },
      ]);
    } finally {
      await schema.sql(`DROP SCHEMA IF EXISTS "${fresh}" CASCADE`);
    }
  });

  it('refuses a schema written by a newer version, saying to upgrade', async () => {
    const newer = `${schema.name}_newer`;
    try {
      await storeOn({ schema: newer }).start();
      await schema.sql(`INSERT INTO "${newer}".gamecluster_schema_version (version, description) VALUES ($1, 'x')`, [
        CURRENT_SCHEMA_VERSION + 1,
      ]);
      const error = await storeOn({ schema: newer })
        .start()
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreSchemaError);
      expect((error as StoreSchemaError).code).toBe('GC_ERR_STORE_SCHEMA');
      expect((error as Error).message).toContain(`"${newer}"`);
      expect((error as Error).message).toContain('upgrade these nodes');
    } finally {
      await schema.sql(`DROP SCHEMA IF EXISTS "${newer}" CASCADE`);
    }
  });

  it('checks its options', () => {
    expect(() => new PostgresStateStore({ connectionString: testPostgresUrl(), schema: 'bad-name"' })).toThrow(
      InvalidStoreConfigError,
    );
    expect(() => new PostgresStateStore({ connectionString: testPostgresUrl(), poolSize: 0 })).toThrow(
      /poolSize 0 must be a whole number >= 1/,
    );
    expect(() => new PostgresStateStore({})).toThrow(/neither connectionString nor pool/);
  });

  it('names the server without its password', () => {
    expect(describeServer({ connectionString: 'postgres://game:s3cret@db.internal:6432/arena' })).toBe(
      'PostgreSQL at db.internal:6432/arena',
    );
    expect(describeServer({ connectionString: 'postgresql://game@/arena?host=/run/postgresql' })).toBe(
      'PostgreSQL at /run/postgresql:5432/arena',
    );
    expect(describeServer({ connectionString: 'postgres://u:p%40ss@[::1]:5433/my%20db?sslmode=require' })).toBe(
      'PostgreSQL at [::1]:5433/my db',
    );
    expect(describeServer({ connectionString: 'postgres://u:un@encoded@db:5432/game' })).toBe(
      'PostgreSQL at db:5432/game',
    );
    expect(describeServer({ pool: { host: '10.0.0.5', database: 'x', password: 'p' } })).toBe(
      'PostgreSQL at 10.0.0.5:5432/x',
    );
  });
});

describe('PostgresStateStore races', () => {
  it('reports the winner of a race its statement snapshot could not see', async () => {
    const store = storeOn({ pool: { application_name: `gc_race_${process.pid}` } });
    await store.start();
    const table = `"${schema.name}".gamecluster_state`;
    // Another node's transaction creates the rows (epoch 9) and commits only while our statements wait on them.
    await schema.sql('BEGIN');
    await schema.sql(
      `INSERT INTO ${table} (kind, id, epoch, version, doc) VALUES ('Race', 's', 9, 2, NULL), ('Race', 'l', 9, 0, NULL)`,
    );
    let saving: Promise<unknown> | undefined;
    let loading: Promise<unknown> | undefined;
    try {
      saving = store.save([
        { kind: 'Race', id: 's', epoch: 5, version: 1, doc: 'zombie' },
        { kind: 'Race', id: 'free', epoch: 5, version: 1, doc: 'fine' },
      ]);
      loading = store.load([{ kind: 'Race', id: 'l', epoch: 5 }]);
      await until(async () => (await lockWaiters(`gc_race_${process.pid}`)) === 2);
    } finally {
      await schema.sql('COMMIT');
    }
    expect(await saving).toEqual([{ ok: false, reason: 'stale', storedEpoch: 9, storedVersion: 2 }, { ok: true }]);
    expect(await loading).toEqual([{ ok: false, reason: 'stale', storedEpoch: 9 }]);
  });
});

describe('PostgresStateStore outages', () => {
  it('fails start at once with StoreUnavailableError naming host:port when nothing listens', async () => {
    const store = storeOn({ connectionString: 'postgres://postgres@127.0.0.1:1/test', connectTimeoutMs: 2_000 });
    const startedAt = Date.now();
    const error = await store.start().catch((e: unknown) => e);
    expect(Date.now() - startedAt).toBeLessThan(2_000);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect((error as Error).message).toContain('PostgreSQL at 127.0.0.1:1/test refused the connection');
    expect((error as Error).message).toContain('GAMECLUSTER_POSTGRES_URL');
    await expect(store.start()).rejects.toBeInstanceOf(StoreUnavailableError); // a failed start can be retried
  });

  it('gives up on a server that accepts but never answers within connectTimeoutMs', async () => {
    const sockets: Socket[] = [];
    const silent: Server = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    try {
      const store = storeOn({ connectionString: `postgres://postgres@127.0.0.1:${port}/test`, connectTimeoutMs: 400 });
      const startedAt = Date.now();
      const error = await store.start().catch((e: unknown) => e);
      expect(Date.now() - startedAt).toBeLessThan(3_000);
      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect((error as Error).message).toContain(`no connection to PostgreSQL at 127.0.0.1:${port}/test`);
      expect((error as Error).message).toContain('connectTimeoutMs=400');
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('turns a statement timeout into StoreUnavailableError, writes nothing, and recovers', async () => {
    const store = storeOn({ statementTimeoutMs: 300 });
    await store.start();
    await store.save([{ kind: 'Locked', id: 'a', epoch: 1, version: 1, doc: 1 }]);
    await schema.sql('BEGIN');
    await schema.sql(`SELECT * FROM "${schema.name}".gamecluster_state WHERE kind = 'Locked' FOR UPDATE`);
    try {
      const error = await store
        .save([
          { kind: 'Locked', id: 'b', epoch: 1, version: 1, doc: 2 },
          { kind: 'Locked', id: 'a', epoch: 1, version: 2, doc: 2 },
        ])
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect((error as Error).message).toContain('save of 2 documents failed');
      expect((error as Error).message).toContain('statementTimeoutMs=300');
    } finally {
      await schema.sql('ROLLBACK');
    }
    // Nothing of the failed batch was written; the same batch goes through now.
    expect(await store.load([{ kind: 'Locked', id: 'b', epoch: 1 }])).toEqual([
      { ok: true, doc: undefined, version: 0 },
    ]);
    expect(
      await store.save([
        { kind: 'Locked', id: 'b', epoch: 1, version: 1, doc: 2 },
        { kind: 'Locked', id: 'a', epoch: 1, version: 2, doc: 2 },
      ]),
    ).toEqual([{ ok: true }, { ok: true }]);
  });

  it('turns a connection killed mid-statement into StoreUnavailableError and recovers', async () => {
    const store = storeOn({ pool: { application_name: `gc_kill_${process.pid}` } });
    await store.start();
    await store.save([{ kind: 'Killed', id: 'a', epoch: 1, version: 1, doc: 1 }]);
    await schema.sql('BEGIN');
    await schema.sql(`SELECT * FROM "${schema.name}".gamecluster_state WHERE kind = 'Killed' FOR UPDATE`);
    let saving: Promise<unknown> | undefined;
    try {
      saving = store.save([{ kind: 'Killed', id: 'a', epoch: 1, version: 2, doc: 2 }]).catch((e: unknown) => e);
      // Wait until the save is blocked on the lock, then end its backend as an administrator (or a failover) would.
      await until(async () => (await lockWaiters(`gc_kill_${process.pid}`)) > 0);
      await schema.sql(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1`, [
        `gc_kill_${process.pid}`,
      ]);
      const error = await saving;
      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect((error as Error).message).toMatch(
        /save of 1 documents failed: PostgreSQL at .* (ended the connection|was closed)/,
      );
    } finally {
      await schema.sql('ROLLBACK');
    }
    expect(await store.save([{ kind: 'Killed', id: 'a', epoch: 1, version: 2, doc: 2 }])).toEqual([{ ok: true }]);
  });
});

/** Backends of one application waiting on a lock. */
const LOCK_WAITERS_SQL = `SELECT pid FROM pg_stat_activity
  WHERE application_name = $1 AND wait_event_type = 'Lock' AND state = 'active'`;

/**
 * The lock waiters, seen from a session inside a transaction: such a session keeps the statistics snapshot it took
 * first unless it is cleared before each look.
 */
async function lockWaiters(application: string): Promise<number> {
  await schema.sql('SELECT pg_stat_clear_snapshot()');
  return (await schema.sql(LOCK_WAITERS_SQL, [application])).length;
}

async function until(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
