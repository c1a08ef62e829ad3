// The embedded state store: PGlite (PostgreSQL compiled to WebAssembly, in this process) running the same SQL as
// the PostgreSQL store, in memory or in a data directory. One node only: a data directory is never shared.
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { StoreUnavailableError } from '../errors.ts';
import type { LoadRequest, LoadResult, SaveRequest, SaveResult, StateStore } from '../state-store.ts';
import { FencedStateTable } from './fenced-state-table.ts';
import type { SqlDatabase, SqlRow, SqlSession } from './sql-database.ts';
import { DEFAULT_STORE_SCHEMA } from './state-sql.ts';
import { toStoreError } from './store-driver-error.ts';

export interface PGliteStateStoreOptions {
  /** Directory holding the database, created when missing; undefined keeps it in memory. (default: undefined) */
  readonly dataDir?: string;
  /** Schema holding the tables. (default: 'public') */
  readonly schema?: string;
}

export class PGliteStateStore implements StateStore {
  readonly kind = 'pglite' as const;
  /** `PGlite in /dir` or `PGlite in memory`: what messages name. */
  readonly where: string;
  private readonly dataDir: string | undefined;
  private readonly schema: string;
  private database: PGlite | undefined;
  private table: FencedStateTable | undefined;
  private started: Promise<void> | undefined;
  private closed = false;

  constructor(options: PGliteStateStoreOptions = {}) {
    this.dataDir = options.dataDir;
    this.schema = options.schema ?? DEFAULT_STORE_SCHEMA;
    this.where = this.dataDir === undefined ? 'PGlite in memory' : `PGlite in ${this.dataDir}`;
    // Checks the schema name now, as the PostgreSQL store does, rather than at start.
    this.table = new FencedStateTable(this.sqlDatabase(), this.schema, this.where);
  }

  /** Opens the database and migrates; a failed start may be retried. */
  async start(): Promise<void> {
    this.checkOpen();
    this.started ??= this.open().catch((error: unknown) => {
      this.started = undefined;
      throw error;
    });
    return this.started;
  }

  async load(requests: readonly LoadRequest[]): Promise<LoadResult[]> {
    return this.readyTable().load(requests);
  }

  async save(requests: readonly SaveRequest[]): Promise<SaveResult[]> {
    return this.readyTable().save(requests);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.started?.catch(() => {});
    const database = this.database;
    this.database = undefined;
    this.table = undefined;
    await database?.close().catch(() => {});
  }

  private async open(): Promise<void> {
    let database: PGlite;
    try {
      database = await PGlite.create(this.dataDir);
    } catch (error) {
      throw new StoreUnavailableError(
        `start failed: ${this.where} could not be opened (${(error as Error).message}): check that the directory (--pglite-dir or GAMECLUSTER_PGLITE_DIR) is writable and used by no other process`,
        { cause: error, details: { where: this.where } },
      );
    }
    this.database = database;
    try {
      await (this.table as FencedStateTable).migrate();
    } catch (error) {
      this.database = undefined;
      await database.close().catch(() => {});
      throw error;
    }
  }

  /** Adapts PGlite to the shared table; it reads `this.database` per call, so it exists before start(). */
  private sqlDatabase(): SqlDatabase {
    const fail = (error: unknown, operation: string): Error => toStoreError(error, { where: this.where, operation });
    const sessionOf = (client: () => PGlite | Transaction): SqlSession => ({
      query: async (text, params, operation) => {
        try {
          return (await client().query<SqlRow>(text, params as unknown[])).rows;
        } catch (error) {
          throw fail(error, operation);
        }
      },
    });
    return {
      ...sessionOf(() => this.openDatabase()),
      transaction: async (operation, work) => {
        const database = this.openDatabase();
        let failure: unknown;
        try {
          return await database.transaction((transaction) => work(sessionOf(() => transaction)));
        } catch (error) {
          failure = error;
        }
        throw fail(failure, operation);
      },
    };
  }

  private openDatabase(): PGlite {
    if (this.database === undefined) {
      throw new StoreUnavailableError(`the state store ${this.where} is not open: await start() first`);
    }
    return this.database;
  }

  private readyTable(): FencedStateTable {
    this.checkOpen();
    if (this.started === undefined || this.table === undefined) {
      throw new StoreUnavailableError(`the state store ${this.where} is not started: await start() first`);
    }
    return this.table;
  }

  private checkOpen(): void {
    if (this.closed) throw new StoreUnavailableError(`the state store ${this.where} is closed: create a new one`);
  }
}
