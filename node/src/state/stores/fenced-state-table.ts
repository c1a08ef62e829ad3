// The state table over any SqlDatabase: migrates the schema at start and runs the fenced batch statements of
// state-sql.ts, turning their rows into results in request order. PostgreSQL and PGlite stores wrap it.
import { StoreSchemaError, StoreUnavailableError } from '../errors.ts';
import type { LoadRequest, LoadResult, SaveRequest, SaveResult } from '../state-store.ts';
import { decodeDocument, storedBytes } from './document-codec.ts';
import { isNewerWrite } from './fence-rules.ts';
import type { SqlDatabase, SqlRow } from './sql-database.ts';
import { checkSaveBatch, keyOrder, spreadLoadResults, uniqueLoads } from './state-batch.ts';
import {
  CURRENT_SCHEMA_VERSION,
  createSchemaSql,
  createVersionTableSql,
  loadBatchSql,
  MIGRATION_LOCK_SQL,
  MIGRATIONS,
  recordMigrationSql,
  SCHEMA_EXISTS_SQL,
  type StateSqlNames,
  saveBatchSql,
  schemaVersionSql,
  stateSqlNames,
  TABLE_EXISTS_SQL,
} from './state-sql.ts';

/**
 * A refused row whose snapshot did not show what refused it (a concurrent writer committed in between) is sent
 * again in a second statement, whose newer snapshot shows the winner. Fences only rise, so this ends at once in
 * practice; the bound only guards against rows deleted by hand while the store runs.
 */
const MAX_STATEMENT_ROUNDS = 4;

const SAVED: SaveResult = { ok: true };

export class FencedStateTable {
  private readonly database: SqlDatabase;
  private readonly names: StateSqlNames;
  /** Where the table lives, for messages: `PostgreSQL at host:port/db` or `PGlite in /dir`. */
  private readonly where: string;
  private readonly saveSql: string;
  private readonly loadSql: string;

  constructor(database: SqlDatabase, schema: string, where: string) {
    this.database = database;
    this.names = stateSqlNames(schema);
    this.where = where;
    this.saveSql = saveBatchSql(this.names);
    this.loadSql = loadBatchSql(this.names);
  }

  /**
   * Creates the schema or brings it up to date, in one transaction under an advisory lock: nodes starting at once
   * wait for each other, and the first one migrates.
   */
  async migrate(): Promise<void> {
    const { schema } = this.names;
    const operation = `start (schema "${schema}" at version ${CURRENT_SCHEMA_VERSION})`;
    await this.database.transaction(operation, async (session) => {
      await session.query(MIGRATION_LOCK_SQL, [schema], operation);
      // CREATE ... IF NOT EXISTS checks privileges even when the object exists; a role that may only read and
      // write an existing schema must still start.
      if ((await session.query(SCHEMA_EXISTS_SQL, [schema], operation)).length === 0) {
        await session.query(createSchemaSql(this.names), [], operation);
      }
      const versionTable = await session.query(TABLE_EXISTS_SQL, [this.names.versionTable], operation);
      if (versionTable[0]?.present !== true) await session.query(createVersionTableSql(this.names), [], operation);
      const versionRows = await session.query(schemaVersionSql(this.names), [], operation);
      const version = Number(versionRows[0]?.version ?? 0);
      if (version > CURRENT_SCHEMA_VERSION) {
        throw new StoreSchemaError(
          `the state schema "${schema}" in ${this.where} is at version ${version}, newer than this gamecluster understands (${CURRENT_SCHEMA_VERSION}): a newer version migrated it; upgrade these nodes to that version (running older nodes against it is refused to protect the state)`,
          { details: { schema, databaseVersion: version, codeVersion: CURRENT_SCHEMA_VERSION } },
        );
      }
      for (const migration of MIGRATIONS) {
        if (migration.version <= version) continue;
        const step = `${operation}, migration ${migration.version}`;
        for (const statement of migration.statements(this.names)) await session.query(statement, [], step);
        await session.query(recordMigrationSql(this.names), [migration.version, migration.description], step);
      }
    });
  }

  async save(requests: readonly SaveRequest[]): Promise<SaveResult[]> {
    checkSaveBatch(requests);
    if (requests.length === 0) return [];
    const docs = requests.map(storedBytes);
    const results = new Array<SaveResult>(requests.length).fill(SAVED);
    let pending = keyOrder(requests);
    for (let round = 0; round < MAX_STATEMENT_ROUNDS && pending.length > 0; round++) {
      const sent = pending;
      const refused = await this.database.query(
        this.saveSql,
        [
          sent.map((index) => (requests[index] as SaveRequest).kind),
          sent.map((index) => (requests[index] as SaveRequest).id),
          sent.map((index) => (requests[index] as SaveRequest).epoch),
          sent.map((index) => (requests[index] as SaveRequest).version),
          sent.map((index) => docs[index]),
        ],
        `save of ${sent.length} documents`,
      );
      pending = [];
      for (const row of refused) {
        const index = sent[Number(row.ord) - 1] as number;
        const request = requests[index] as SaveRequest;
        const stored = readFence(row);
        if (stored === undefined || isNewerWrite(stored, request.epoch, request.version)) pending.push(index);
        else results[index] = { ok: false, reason: 'stale', storedEpoch: stored.epoch, storedVersion: stored.version };
      }
    }
    if (pending.length > 0) throw this.unsettled(pending.length, 'save');
    return results;
  }

  async load(requests: readonly LoadRequest[]): Promise<LoadResult[]> {
    const loads = uniqueLoads(requests);
    if (loads.requests.length === 0) return [];
    const unique = loads.requests;
    const results = new Array<LoadResult>(unique.length);
    let pending = keyOrder(unique);
    for (let round = 0; round < MAX_STATEMENT_ROUNDS && pending.length > 0; round++) {
      const sent = pending;
      const rows = await this.database.query(
        this.loadSql,
        [
          sent.map((index) => (unique[index] as LoadRequest).kind),
          sent.map((index) => (unique[index] as LoadRequest).id),
          sent.map((index) => (unique[index] as LoadRequest).epoch),
        ],
        `load of ${sent.length} documents`,
      );
      pending = [];
      for (const row of rows) {
        const index = sent[Number(row.ord) - 1] as number;
        const request = unique[index] as LoadRequest;
        if (row.taken === true) {
          const doc = row.doc == null ? undefined : decodeDocument(request, row.doc as Uint8Array);
          results[index] = { ok: true, doc, version: Number(row.version) };
        } else if (row.stored_epoch != null && Number(row.stored_epoch) > request.epoch) {
          results[index] = { ok: false, reason: 'stale', storedEpoch: Number(row.stored_epoch) };
        } else {
          pending.push(index);
        }
      }
    }
    if (pending.length > 0) throw this.unsettled(pending.length, 'load');
    return spreadLoadResults(requests, loads, results);
  }

  private unsettled(count: number, operation: string): StoreUnavailableError {
    return new StoreUnavailableError(
      `${count} row(s) of a ${operation} in ${this.where} stayed unsettled after ${MAX_STATEMENT_ROUNDS} rounds: rows of ${this.names.stateTable} are being deleted while nodes run; stop whatever deletes them`,
      { details: { operation, rows: count } },
    );
  }
}

function readFence(row: SqlRow): { epoch: number; version: number } | undefined {
  if (row.stored_epoch == null || row.stored_version == null) return undefined;
  return { epoch: Number(row.stored_epoch), version: Number(row.stored_version) };
}
