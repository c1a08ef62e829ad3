// A throwaway schema in the real PostgreSQL for one test file or benchmark: a unique name, a clear message when
// the database is not there, and a drop at the end. No jest imports: benchmarks use it too.
import { Client } from 'pg';

/** The database the tests use: GAMECLUSTER_TEST_POSTGRES_URL, else the local server's `test` database. */
export function testPostgresUrl(env: Record<string, string | undefined> = process.env): string {
  return env.GAMECLUSTER_TEST_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/test';
}

export interface TestSchema {
  readonly url: string;
  /** A fresh schema name; the store creates the schema at start. */
  readonly name: string;
  /** Runs SQL on its own connection (for setting up races and locks). */
  sql(text: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  /** Drops the schema and everything in it. */
  drop(): Promise<void>;
}

export async function createTestSchema(prefix = 'gc_test', url = testPostgresUrl()): Promise<TestSchema> {
  const name = `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `these tests need the real PostgreSQL at ${url} (${(error as Error).message}): start it, or set GAMECLUSTER_TEST_POSTGRES_URL to a database the tests may create schemas in`,
      { cause: error },
    );
  }
  client.on('error', () => {});
  return {
    url,
    name,
    sql: async (text, params) => (await client.query(text, params)).rows,
    drop: async () => {
      try {
        await client.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}
