// Every SQL statement of the state stores, shared by PostgreSQL and PGlite: the migrations that build the schema
// and the two fenced batch statements. The fence is a condition of the upsert itself (never a read, then a
// write), so it holds under any number of concurrent writers.
import { InvalidStoreConfigError } from '../errors.ts';

export const STATE_TABLE = 'gamecluster_state';
export const SCHEMA_VERSION_TABLE = 'gamecluster_schema_version';
export const DEFAULT_STORE_SCHEMA = 'public';

/** A schema name used unquoted in messages and quoted in SQL: letters, digits and '_', at most 63 bytes. */
const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

export interface Migration {
  /** 1, 2, ...: applied in order, each once, recorded in the schema version table. */
  readonly version: number;
  readonly description: string;
  readonly statements: (names: StateSqlNames) => readonly string[];
}

/** Append-only: a released migration is never edited, only followed by a new one. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'documents keyed by (kind, id) with their fencing epoch and version',
    statements: ({ stateTable }) => [
      `CREATE TABLE ${stateTable} (
        kind text NOT NULL,
        id text NOT NULL,
        epoch bigint NOT NULL,
        version bigint NOT NULL,
        doc bytea,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (kind, id)
      )`,
    ],
  },
];

/** The schema version this code writes and understands. */
export const CURRENT_SCHEMA_VERSION = MIGRATIONS.length;

export interface StateSqlNames {
  readonly schema: string;
  /** Quoted and qualified, ready to paste into SQL. */
  readonly stateTable: string;
  readonly versionTable: string;
}

/** True for a schema name the stores accept (it is pasted into SQL, quoted). */
export function isValidSchemaName(schema: string): boolean {
  return SCHEMA_NAME.test(schema);
}

/** Throws InvalidStoreConfigError unless isValidSchemaName(schema). */
export function checkSchemaName(schema: string): void {
  if (!isValidSchemaName(schema)) {
    throw new InvalidStoreConfigError(
      `PostgreSQL schema '${schema}' must be 1–63 letters, digits or '_', not starting with a digit: set --postgres-schema or GAMECLUSTER_POSTGRES_SCHEMA to such a name`,
      { details: { schema } },
    );
  }
}

export function stateSqlNames(schema: string): StateSqlNames {
  checkSchemaName(schema);
  return {
    schema,
    stateTable: `"${schema}".${STATE_TABLE}`,
    versionTable: `"${schema}".${SCHEMA_VERSION_TABLE}`,
  };
}

/**
 * Serialises migrations between nodes that start at once. Transaction-scoped, keyed by schema so stores on
 * different schemas of one database do not wait for each other. Parameter: $1 schema.
 */
export const MIGRATION_LOCK_SQL =
  "SELECT pg_advisory_xact_lock(hashtext('gamecluster.state.migrate'), hashtext($1::text)) AS locked";

/** Parameter: $1 schema. A row when the schema exists. */
export const SCHEMA_EXISTS_SQL = 'SELECT 1 AS present FROM pg_namespace WHERE nspname = $1::text';

/** Parameter: $1 quoted, qualified table name. Row: { present }. */
export const TABLE_EXISTS_SQL = 'SELECT to_regclass($1::text) IS NOT NULL AS present';

export function createSchemaSql(names: StateSqlNames): string {
  return `CREATE SCHEMA IF NOT EXISTS "${names.schema}"`;
}

export function createVersionTableSql(names: StateSqlNames): string {
  return `CREATE TABLE IF NOT EXISTS ${names.versionTable} (
    version integer PRIMARY KEY,
    description text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`;
}

/** Row: { version } — the newest migration applied, 0 on a fresh schema. */
export function schemaVersionSql(names: StateSqlNames): string {
  return `SELECT coalesce(max(version), 0) AS version FROM ${names.versionTable}`;
}

/** Parameters: $1 version, $2 description. */
export function recordMigrationSql(names: StateSqlNames): string {
  return `INSERT INTO ${names.versionTable} (version, description) VALUES ($1::integer, $2::text)`;
}

/**
 * The fenced batch save. Parameters: $1 kinds, $2 ids, $3 epochs, $4 versions, $5 documents (arrays in key
 * order). A row is written only when (epoch, version) is newer than the stored pair. Returns only the refused
 * rows: { ord (1-based position in the arrays), stored_epoch, stored_version }, the stored pair as of the
 * statement's snapshot (null when the row was not there yet: a concurrent writer committed it meanwhile).
 */
export function saveBatchSql(names: StateSqlNames): string {
  return `WITH input AS MATERIALIZED (
    SELECT * FROM unnest($1::text[], $2::text[], $3::int8[], $4::int8[], $5::bytea[])
      WITH ORDINALITY AS i(kind, id, epoch, version, doc, ord)
  ), written AS (
    INSERT INTO ${names.stateTable} AS stored (kind, id, epoch, version, doc, updated_at)
    SELECT kind, id, epoch, version, doc, now() FROM input ORDER BY ord
    ON CONFLICT (kind, id) DO UPDATE
      SET epoch = excluded.epoch, version = excluded.version, doc = excluded.doc, updated_at = excluded.updated_at
      WHERE (stored.epoch, stored.version) < (excluded.epoch, excluded.version)
    RETURNING stored.kind, stored.id
  )
  SELECT input.ord, current.epoch AS stored_epoch, current.version AS stored_version
  FROM input
  LEFT JOIN written ON written.kind = input.kind AND written.id = input.id
  LEFT JOIN ${names.stateTable} AS current ON current.kind = input.kind AND current.id = input.id
  WHERE written.kind IS NULL`;
}

/**
 * The fenced batch load. Parameters: $1 kinds, $2 ids, $3 epochs (arrays in key order). Raises each stored epoch
 * to the requested one where it is not newer, inserting an empty row (doc null, version 0) for a new document;
 * a raised epoch restarts the version at 0 (fence-rules.ts). Returns one row per input: { ord, taken, version,
 * doc } when taken, else { ord, taken: false, stored_epoch } with the snapshot's epoch (null: see saveBatchSql).
 */
export function loadBatchSql(names: StateSqlNames): string {
  return `WITH input AS MATERIALIZED (
    SELECT * FROM unnest($1::text[], $2::text[], $3::int8[]) WITH ORDINALITY AS i(kind, id, epoch, ord)
  ), taken AS (
    INSERT INTO ${names.stateTable} AS stored (kind, id, epoch, version, doc, updated_at)
    SELECT kind, id, epoch, 0, NULL, now() FROM input ORDER BY ord
    ON CONFLICT (kind, id) DO UPDATE
      SET epoch = excluded.epoch,
        version = CASE WHEN stored.epoch = excluded.epoch THEN stored.version ELSE 0 END,
        updated_at = CASE WHEN stored.epoch = excluded.epoch THEN stored.updated_at ELSE excluded.updated_at END
      WHERE stored.epoch <= excluded.epoch
    RETURNING stored.kind, stored.id, stored.version, stored.doc
  )
  SELECT input.ord, taken.kind IS NOT NULL AS taken, taken.version, taken.doc, current.epoch AS stored_epoch
  FROM input
  LEFT JOIN taken ON taken.kind = input.kind AND taken.id = input.id
  LEFT JOIN ${names.stateTable} AS current
    ON taken.kind IS NULL AND current.kind = input.kind AND current.id = input.id`;
}
