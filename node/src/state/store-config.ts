// Which state store a node uses and how to reach it, from flags and `GAMECLUSTER_*` env (a flag wins over its
// variable, a variable over the default), validated so one error lists every problem; and the store it names.
// Flags it does not know are returned for the other layers to read.
import { describeOptions, OptionReader, type OptionSpec, type RawValue } from '../config/options.ts';
import { InvalidStoreConfigError } from './errors.ts';
import type { StateStore } from './state-store.ts';
import {
  CURRENT_SCHEMA_VERSION,
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_POSTGRES_POOL_SIZE,
  DEFAULT_STATEMENT_TIMEOUT_MS,
  DEFAULT_STORE_SCHEMA,
  isValidSchemaName,
  MemoryStateStore,
  PGliteStateStore,
  PostgresStateStore,
} from './stores/index.ts';

export type StoreKind = 'memory' | 'pglite' | 'postgres';

export interface StoreConfig {
  /** (default: 'postgres' when a PostgreSQL URL is given, else 'pglite') */
  readonly store: StoreKind;
  /** `postgres://user:password@host:port/database`; set exactly when store is postgres. */
  readonly postgresUrl: string | undefined;
  /** PGlite's data directory; undefined keeps PGlite in memory. (default: undefined) */
  readonly pgliteDir: string | undefined;
  /** Schema of the state tables. (default: 'public') */
  readonly schema: string;
  /** PostgreSQL connections per node. (default: 10) */
  readonly poolSize: number;
  /** Server-side limit of one statement. (default: 10000) */
  readonly statementTimeoutMs: number;
  /** Limit on opening a PostgreSQL connection or waiting for a free one. (default: 5000) */
  readonly connectTimeoutMs: number;
}

export const MAX_POSTGRES_POOL_SIZE = 1_000;
const MAX_TIMEOUT_MS = 2_147_483_647;
const STORE_KINDS: readonly StoreKind[] = ['memory', 'pglite', 'postgres'];

type OptionKey =
  | 'store'
  | 'postgresUrl'
  | 'pgliteDir'
  | 'schema'
  | 'poolSize'
  | 'statementTimeoutMs'
  | 'connectTimeoutMs';

type StoreOption = OptionSpec<OptionKey>;

/** Every store option, in `--help` order. */
export const STORE_CONFIG_OPTIONS: readonly StoreOption[] = [
  {
    key: 'store',
    flag: '--store',
    env: 'GAMECLUSTER_STORE',
    placeholder: '<postgres|pglite|memory>',
    defaultText: 'postgres when a PostgreSQL URL is set, else pglite',
    meaning: 'Where actor state lives: PostgreSQL (shared, production), PGlite (embedded, one node) or memory (tests).',
  },
  {
    key: 'postgresUrl',
    flag: '--postgres-url',
    env: 'GAMECLUSTER_POSTGRES_URL',
    placeholder: '<url>',
    defaultText: 'none',
    meaning: 'postgres://user:password@host:5432/database of the shared PostgreSQL.',
  },
  {
    key: 'pgliteDir',
    flag: '--pglite-dir',
    env: 'GAMECLUSTER_PGLITE_DIR',
    placeholder: '<dir>',
    defaultText: 'none (in memory, lost at exit)',
    meaning: 'Data directory of the embedded PGlite store, created when missing.',
  },
  {
    key: 'schema',
    flag: '--postgres-schema',
    env: 'GAMECLUSTER_POSTGRES_SCHEMA',
    placeholder: '<name>',
    defaultText: DEFAULT_STORE_SCHEMA,
    meaning: `Schema of the state tables (schema version ${CURRENT_SCHEMA_VERSION}), created and migrated at start.`,
  },
  {
    key: 'poolSize',
    flag: '--postgres-pool-size',
    env: 'GAMECLUSTER_POSTGRES_POOL_SIZE',
    placeholder: '<n>',
    defaultText: String(DEFAULT_POSTGRES_POOL_SIZE),
    meaning: `PostgreSQL connections per node (1–${MAX_POSTGRES_POOL_SIZE}); mind max_connections across nodes.`,
  },
  {
    key: 'statementTimeoutMs',
    flag: '--postgres-statement-timeout-ms',
    env: 'GAMECLUSTER_POSTGRES_STATEMENT_TIMEOUT_MS',
    placeholder: '<ms>',
    defaultText: String(DEFAULT_STATEMENT_TIMEOUT_MS),
    meaning: 'Longest a load or save statement may run before it fails and is retried.',
  },
  {
    key: 'connectTimeoutMs',
    flag: '--postgres-connect-timeout-ms',
    env: 'GAMECLUSTER_POSTGRES_CONNECT_TIMEOUT_MS',
    placeholder: '<ms>',
    defaultText: String(DEFAULT_CONNECT_TIMEOUT_MS),
    meaning: 'Longest wait to open a PostgreSQL connection (or get a free one).',
  },
];

/**
 * Reads the store options out of `argv` (`--flag value` or `--flag=value`) and `env`. Returns the config and the
 * arguments it did not consume, in order. Throws one InvalidStoreConfigError listing every problem
 * (`details.problems`).
 */
export function parseStoreConfig(
  argv: readonly string[],
  env: Record<string, string | undefined>,
): { config: StoreConfig; rest: string[] } {
  const options = new OptionReader(STORE_CONFIG_OPTIONS, argv, env, 'rest');
  const problems = options.problems;
  const rest = options.rest;
  const raw = (key: OptionKey): RawValue | undefined => options.raw(key);

  const urlRaw = raw('postgresUrl');
  const dirRaw = raw('pgliteDir');
  const store = parseStore(raw('store'), urlRaw, dirRaw, problems);
  const postgresUrl = parsePostgresUrl(urlRaw, problems);
  const schema = parseSchema(raw('schema'), problems);
  const poolSize = options.whole('poolSize', DEFAULT_POSTGRES_POOL_SIZE, 1, MAX_POSTGRES_POOL_SIZE);
  const statementTimeoutMs = options.whole('statementTimeoutMs', DEFAULT_STATEMENT_TIMEOUT_MS, 1, MAX_TIMEOUT_MS);
  const connectTimeoutMs = options.whole('connectTimeoutMs', DEFAULT_CONNECT_TIMEOUT_MS, 1, MAX_TIMEOUT_MS);

  options.throwIfProblems(
    'state store configuration',
    (message, list) => new InvalidStoreConfigError(message, { details: { problems: list } }),
  );
  const config: StoreConfig = {
    store,
    postgresUrl: store === 'postgres' ? postgresUrl : undefined,
    pgliteDir: store === 'pglite' ? dirRaw?.text : undefined,
    schema,
    poolSize,
    statementTimeoutMs,
    connectTimeoutMs,
  };
  return { config, rest };
}

/** The store `config` names, not yet started. */
export function createStateStore(config: StoreConfig): StateStore {
  switch (config.store) {
    case 'memory':
      return new MemoryStateStore();
    case 'pglite':
      return new PGliteStateStore({ dataDir: config.pgliteDir, schema: config.schema });
    case 'postgres':
      return new PostgresStateStore({
        connectionString: config.postgresUrl,
        schema: config.schema,
        poolSize: config.poolSize,
        statementTimeoutMs: config.statementTimeoutMs,
        connectTimeoutMs: config.connectTimeoutMs,
      });
  }
}

/** The `--help` text of the store options: flag, env variable, default and meaning of each. */
export function describeStoreConfig(): string {
  return describeOptions('State store options', STORE_CONFIG_OPTIONS);
}

function optionOf(key: OptionKey): StoreOption {
  return STORE_CONFIG_OPTIONS.find((spec) => spec.key === key) as StoreOption;
}

function setHint(key: OptionKey): string {
  const spec = optionOf(key);
  return `set ${spec.flag} or ${spec.env}`;
}

function parseStore(
  value: RawValue | undefined,
  url: RawValue | undefined,
  dir: RawValue | undefined,
  problems: string[],
): StoreKind {
  if (value === undefined) {
    if (url !== undefined && dir !== undefined) {
      problems.push(
        `both a PostgreSQL URL (from ${url.from}) and a PGlite directory (from ${dir.from}) are set: unset one, or ${setHint('store')} to the store you mean`,
      );
    }
    return url === undefined ? 'pglite' : 'postgres';
  }
  const store = STORE_KINDS.find((kind) => kind === value.text);
  if (store === undefined) {
    problems.push(`store '${value.text}' (from ${value.from}) must be postgres, pglite or memory: ${setHint('store')}`);
    return url === undefined ? 'pglite' : 'postgres';
  }
  if (store === 'postgres' && url === undefined) {
    problems.push(
      `store postgres (from ${value.from}) needs a URL: ${setHint('postgresUrl')} to postgres://user:password@host:5432/database`,
    );
  }
  // A setting for another store would be silently ignored: the node would keep state where nobody looks.
  if (store !== 'postgres' && url !== undefined) {
    problems.push(
      `a PostgreSQL URL is set (from ${url.from}) but store is ${store} (from ${value.from}): unset ${optionOf('postgresUrl').env} and ${optionOf('postgresUrl').flag}, or set ${optionOf('store').flag} postgres`,
    );
  }
  if (store !== 'pglite' && dir !== undefined) {
    problems.push(
      `a PGlite directory is set (from ${dir.from}) but store is ${store} (from ${value.from}): unset ${optionOf('pgliteDir').env} and ${optionOf('pgliteDir').flag}, or set ${optionOf('store').flag} pglite`,
    );
  }
  return store;
}

function parsePostgresUrl(value: RawValue | undefined, problems: string[]): string | undefined {
  if (value === undefined) return undefined;
  // The value is not echoed: it usually holds a password.
  if (!/^postgres(?:ql)?:\/\/[^\s]*$/.test(value.text)) {
    problems.push(
      `the PostgreSQL URL (from ${value.from}) must look like postgres://user:password@host:5432/database (no spaces): ${setHint('postgresUrl')}`,
    );
  }
  return value.text;
}

function parseSchema(value: RawValue | undefined, problems: string[]): string {
  if (value === undefined) return DEFAULT_STORE_SCHEMA;
  if (!isValidSchemaName(value.text)) {
    problems.push(
      `schema '${value.text}' (from ${value.from}) must be 1–63 letters, digits or '_', not starting with a digit: ${setHint('schema')}`,
    );
  }
  return value.text;
}
