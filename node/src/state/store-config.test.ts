// Table tests of the store configuration: defaults, precedence (flag > env > default), both flag spellings, the
// flags left for other layers, every validation message, and the store each configuration builds.
import { describe, expect, it } from '@jest/globals';
import { InvalidStoreConfigError } from './errors.ts';
import {
  createStateStore,
  describeStoreConfig,
  parseStoreConfig,
  STORE_CONFIG_OPTIONS,
  type StoreConfig,
} from './store-config.ts';
import { MemoryStateStore, PGliteStateStore, PostgresStateStore } from './stores/index.ts';

type Env = Record<string, string | undefined>;

const DEFAULTS: StoreConfig = {
  store: 'pglite',
  postgresUrl: undefined,
  pgliteDir: undefined,
  schema: 'public',
  poolSize: 10,
  statementTimeoutMs: 10_000,
  connectTimeoutMs: 5_000,
};
const URL_A = 'postgres://game:secret@db-a:5432/arena';
const URL_B = 'postgresql://game@db-b/arena?sslmode=require';

/** The problems a bad configuration reports, or fails the test when it parses. */
function problemsOf(argv: readonly string[], env: Env = {}): string[] {
  try {
    parseStoreConfig(argv, env);
  } catch (error: unknown) {
    expect(error).toBeInstanceOf(InvalidStoreConfigError);
    const invalid = error as InvalidStoreConfigError;
    expect(invalid.code).toBe('GC_ERR_INVALID_STORE_CONFIG');
    const problems = invalid.details?.problems as string[];
    for (const problem of problems) expect(invalid.message).toContain(problem);
    return problems;
  }
  throw new Error(`expected ${JSON.stringify(argv)} ${JSON.stringify(env)} to be rejected`);
}

describe('parseStoreConfig', () => {
  const cases: { desc: string; argv: string[]; env?: Env; want: Partial<StoreConfig> }[] = [
    { desc: 'defaults to PGlite in memory', argv: [], want: {} },
    {
      desc: 'a URL alone picks postgres',
      argv: [],
      env: { GAMECLUSTER_POSTGRES_URL: URL_A },
      want: { store: 'postgres', postgresUrl: URL_A },
    },
    {
      desc: 'a URL flag alone picks postgres',
      argv: ['--postgres-url', URL_B],
      want: { store: 'postgres', postgresUrl: URL_B },
    },
    {
      desc: 'the flag wins over env',
      argv: [`--postgres-url=${URL_B}`],
      env: { GAMECLUSTER_POSTGRES_URL: URL_A },
      want: { store: 'postgres', postgresUrl: URL_B },
    },
    { desc: 'a PGlite directory', argv: ['--pglite-dir', '/var/lib/gc'], want: { pgliteDir: '/var/lib/gc' } },
    {
      desc: 'PGlite directory from env',
      argv: [],
      env: { GAMECLUSTER_PGLITE_DIR: '/data' },
      want: { pgliteDir: '/data' },
    },
    { desc: 'memory on request', argv: ['--store', 'memory'], want: { store: 'memory' } },
    {
      desc: 'empty env values count as unset',
      argv: [],
      env: { GAMECLUSTER_STORE: '', GAMECLUSTER_POSTGRES_URL: '' },
      want: {},
    },
    {
      desc: 'every PostgreSQL setting from env',
      argv: [],
      env: {
        GAMECLUSTER_STORE: 'postgres',
        GAMECLUSTER_POSTGRES_URL: URL_A,
        GAMECLUSTER_POSTGRES_SCHEMA: 'game_state',
        GAMECLUSTER_POSTGRES_POOL_SIZE: '32',
        GAMECLUSTER_POSTGRES_STATEMENT_TIMEOUT_MS: '2500',
        GAMECLUSTER_POSTGRES_CONNECT_TIMEOUT_MS: '800',
      },
      want: {
        store: 'postgres',
        postgresUrl: URL_A,
        schema: 'game_state',
        poolSize: 32,
        statementTimeoutMs: 2500,
        connectTimeoutMs: 800,
      },
    },
    {
      desc: 'every PostgreSQL setting from flags',
      argv: [
        '--store=postgres',
        `--postgres-url=${URL_A}`,
        '--postgres-schema',
        'Game_1',
        '--postgres-pool-size=4',
        '--postgres-statement-timeout-ms',
        '100',
        '--postgres-connect-timeout-ms=1',
      ],
      want: {
        store: 'postgres',
        postgresUrl: URL_A,
        schema: 'Game_1',
        poolSize: 4,
        statementTimeoutMs: 100,
        connectTimeoutMs: 1,
      },
    },
  ];

  it.each(cases)('$desc', ({ argv, env, want }) => {
    expect(parseStoreConfig(argv, env ?? {})).toEqual({ config: { ...DEFAULTS, ...want }, rest: [] });
  });

  it('returns the flags it does not know, in order, with their values', () => {
    const { config, rest } = parseStoreConfig(
      ['--roles', 'db', '--store', 'memory', '--flush-interval-ms=100', '--name', 'n1', 'positional', '--help'],
      {},
    );
    expect(config.store).toBe('memory');
    expect(rest).toEqual(['--roles', 'db', '--flush-interval-ms=100', '--name', 'n1', 'positional', '--help']);
  });

  const invalid: { desc: string; argv: string[]; env?: Env; want: string[] }[] = [
    {
      desc: 'an unknown store',
      argv: ['--store', 'mysql'],
      want: ["store 'mysql' (from --store) must be postgres, pglite or memory: set --store or GAMECLUSTER_STORE"],
    },
    {
      desc: 'postgres without a URL',
      argv: [],
      env: { GAMECLUSTER_STORE: 'postgres' },
      want: [
        'store postgres (from GAMECLUSTER_STORE) needs a URL: set --postgres-url or GAMECLUSTER_POSTGRES_URL to postgres://user:password@host:5432/database',
      ],
    },
    {
      desc: 'a URL with another store',
      argv: ['--store', 'pglite'],
      env: { GAMECLUSTER_POSTGRES_URL: URL_A },
      want: [
        'a PostgreSQL URL is set (from GAMECLUSTER_POSTGRES_URL) but store is pglite (from --store): unset GAMECLUSTER_POSTGRES_URL and --postgres-url, or set --store postgres',
      ],
    },
    {
      desc: 'a PGlite directory with another store',
      argv: ['--store', 'memory', '--pglite-dir', '/d'],
      want: [
        'a PGlite directory is set (from --pglite-dir) but store is memory (from --store): unset GAMECLUSTER_PGLITE_DIR and --pglite-dir, or set --store pglite',
      ],
    },
    {
      desc: 'both a URL and a directory without a store',
      argv: ['--pglite-dir', '/d', '--postgres-url', URL_A],
      want: [
        'both a PostgreSQL URL (from --postgres-url) and a PGlite directory (from --pglite-dir) are set: unset one, or set --store or GAMECLUSTER_STORE to the store you mean',
      ],
    },
    {
      desc: 'a URL that is not postgres://, without echoing it',
      argv: ['--postgres-url', 'mysql://root:hunter2@db/x'],
      want: [
        'the PostgreSQL URL (from --postgres-url) must look like postgres://user:password@host:5432/database (no spaces): set --postgres-url or GAMECLUSTER_POSTGRES_URL',
      ],
    },
    {
      desc: 'a schema name that is not an identifier',
      argv: ['--postgres-schema', 'game-state'],
      want: [
        "schema 'game-state' (from --postgres-schema) must be 1–63 letters, digits or '_', not starting with a digit: set --postgres-schema or GAMECLUSTER_POSTGRES_SCHEMA",
      ],
    },
    {
      desc: 'bad numbers',
      argv: ['--postgres-pool-size', '0', '--postgres-statement-timeout-ms=1.5'],
      env: { GAMECLUSTER_POSTGRES_CONNECT_TIMEOUT_MS: '-3' },
      want: [
        "poolSize '0' (from --postgres-pool-size) must be a whole number from 1 to 1000: set --postgres-pool-size or GAMECLUSTER_POSTGRES_POOL_SIZE (default: 10)",
        "statementTimeoutMs '1.5' (from --postgres-statement-timeout-ms) must be a whole number from 1 to 2147483647: set --postgres-statement-timeout-ms or GAMECLUSTER_POSTGRES_STATEMENT_TIMEOUT_MS (default: 10000)",
        "connectTimeoutMs '-3' (from GAMECLUSTER_POSTGRES_CONNECT_TIMEOUT_MS) must be a whole number from 1 to 2147483647: set --postgres-connect-timeout-ms or GAMECLUSTER_POSTGRES_CONNECT_TIMEOUT_MS (default: 5000)",
      ],
    },
    {
      desc: 'a flag without a value and a flag given twice',
      argv: ['--store', 'memory', '--store=pglite', '--pglite-dir'],
      want: [
        '--store is given more than once: pass it once',
        '--pglite-dir needs a value: pass --pglite-dir <dir> or --pglite-dir=<dir>',
      ],
    },
  ];

  it.each(invalid)('reports $desc', ({ argv, env, want }) => {
    expect(problemsOf(argv, env)).toEqual(want);
  });

  it('never puts a rejected URL (and its password) in the message', () => {
    try {
      parseStoreConfig(['--postgres-url', 'postgres://u:hunter2@db x/y'], {});
    } catch (error) {
      expect((error as Error).message).not.toContain('hunter2');
      return;
    }
    throw new Error('expected a rejection');
  });
});

describe('createStateStore', () => {
  it('builds the store the configuration names, unstarted', async () => {
    const memory = createStateStore({ ...DEFAULTS, store: 'memory' });
    const pglite = createStateStore(DEFAULTS);
    const postgres = createStateStore({ ...DEFAULTS, store: 'postgres', postgresUrl: URL_A, schema: 'game_state' });
    expect(memory).toBeInstanceOf(MemoryStateStore);
    expect(pglite).toBeInstanceOf(PGliteStateStore);
    expect(postgres).toBeInstanceOf(PostgresStateStore);
    expect((postgres as PostgresStateStore).where).toBe('PostgreSQL at db-a:5432/arena');
    await Promise.all([memory.close(), pglite.close(), postgres.close()]);
  });
});

describe('describeStoreConfig', () => {
  it('lists every flag with its variable and default', () => {
    const help = describeStoreConfig();
    for (const option of STORE_CONFIG_OPTIONS) {
      expect(help).toContain(option.flag);
      expect(help).toContain(`env ${option.env}; default: ${option.defaultText}`);
    }
  });
});
