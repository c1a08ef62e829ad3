// The state stores: PostgreSQL (production), PGlite (embedded default, same SQL) and memory (tests), the document
// codec and fencing rules they share, and the harnesses that give tests and benchmarks a real PostgreSQL.

// Documents and fencing
export { DOCUMENT_MAP_EXTENSION_TYPE, decodeDocument, encodeDocument, MAX_DOCUMENT_DEPTH } from './document-codec.ts';
export { fenceAfterLoad, isNewerWrite, type StoredFence } from './fence-rules.ts';
// Stores
export { MemoryStateStore } from './memory-state-store.ts';
export { PGliteStateStore, type PGliteStateStoreOptions } from './pglite-state-store.ts';
export {
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_POSTGRES_POOL_SIZE,
  DEFAULT_STATEMENT_TIMEOUT_MS,
  describeServer,
  PostgresStateStore,
  type PostgresStateStoreOptions,
} from './postgres-state-store.ts';
// Testing (the contract suite, state-store-contract.ts, imports jest and is left out of here)
export { createTestSchema, type TestSchema, testPostgresUrl } from './postgres-test-schema.ts';
export { PostgresTestServer, type PostgresTestServerOptions } from './postgres-test-server.ts';
// Schema
export {
  CURRENT_SCHEMA_VERSION,
  checkSchemaName,
  DEFAULT_STORE_SCHEMA,
  isValidSchemaName,
  SCHEMA_VERSION_TABLE,
  STATE_TABLE,
} from './state-sql.ts';
