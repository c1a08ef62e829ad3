// The production state store: PostgreSQL through a `pg` pool, running the shared fenced statements. Every driver
// failure leaves as StoreUnavailableError naming the server and what to check.
import { Pool, type PoolClient, type PoolConfig } from 'pg';
import { InvalidStoreConfigError, StoreUnavailableError } from '../errors.ts';
import type { LoadRequest, LoadResult, SaveRequest, SaveResult, StateStore } from '../state-store.ts';
import { FencedStateTable } from './fenced-state-table.ts';
import type { SqlDatabase, SqlRow, SqlSession } from './sql-database.ts';
import { DEFAULT_STORE_SCHEMA } from './state-sql.ts';
import { toStoreError } from './store-driver-error.ts';

export const DEFAULT_POSTGRES_POOL_SIZE = 10;
export const DEFAULT_STATEMENT_TIMEOUT_MS = 10_000;
export const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
/** The driver's own deadline on a statement, past the server's: it catches a server that stopped answering. */
const CLIENT_DEADLINE_GRACE_MS = 2_000;
const APPLICATION_NAME = 'gamecluster';

export interface PostgresStateStoreOptions {
  /** `postgres://user:password@host:port/database`; give this, `pool`, or both. */
  readonly connectionString?: string;
  /**
   * Further `pg` pool settings (TLS, host, user...). What the URL sets wins over them; poolSize and the timeouts
   * below win over both.
   */
  readonly pool?: PoolConfig;
  /** Schema holding the tables, created at start when missing. (default: 'public') */
  readonly schema?: string;
  /** Connections at most. (default: 10) */
  readonly poolSize?: number;
  /** Server-side limit of one statement. (default: 10000) */
  readonly statementTimeoutMs?: number;
  /** Limit on opening a connection or waiting for a free one. (default: 5000) */
  readonly connectTimeoutMs?: number;
}

interface ResolvedOptions {
  readonly schema: string;
  readonly poolSize: number;
  readonly statementTimeoutMs: number;
  readonly connectTimeoutMs: number;
}

export class PostgresStateStore implements StateStore {
  readonly kind = 'postgres' as const;
  /** `PostgreSQL at host:port/database`, without credentials: what messages name. */
  readonly where: string;
  private readonly options: ResolvedOptions;
  private readonly pool: Pool;
  private readonly table: FencedStateTable;
  private started: Promise<void> | undefined;
  private closed = false;

  constructor(options: PostgresStateStoreOptions) {
    this.options = resolveOptions(options);
    this.where = describeServer(options);
    const { poolSize, statementTimeoutMs, connectTimeoutMs } = this.options;
    this.pool = new Pool({
      ...options.pool,
      ...(options.connectionString === undefined ? {} : { connectionString: options.connectionString }),
      max: poolSize,
      connectionTimeoutMillis: connectTimeoutMs,
      statement_timeout: statementTimeoutMs,
      query_timeout: statementTimeoutMs + CLIENT_DEADLINE_GRACE_MS,
      keepAlive: true,
      application_name: options.pool?.application_name ?? APPLICATION_NAME,
    });
    // An idle connection that dies (database restart) is dropped by the pool and replaced on next use; without a
    // listener its error would crash the process.
    this.pool.on('error', () => {});
    this.table = new FencedStateTable(this.database(), this.options.schema, this.where);
  }

  /** Connects and migrates; a failed start may be retried. */
  async start(): Promise<void> {
    this.checkOpen();
    this.started ??= this.table.migrate().catch((error: unknown) => {
      this.started = undefined;
      throw error;
    });
    return this.started;
  }

  async load(requests: readonly LoadRequest[]): Promise<LoadResult[]> {
    this.checkReady();
    return this.table.load(requests);
  }

  async save(requests: readonly SaveRequest[]): Promise<SaveResult[]> {
    this.checkReady();
    return this.table.save(requests);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }

  private database(): SqlDatabase {
    const fail = (error: unknown, operation: string): Error =>
      toStoreError(error, {
        where: this.where,
        operation,
        statementTimeoutMs: this.options.statementTimeoutMs,
        connectTimeoutMs: this.options.connectTimeoutMs,
      });
    const sessionOf = (client: Pool | PoolClient): SqlSession => ({
      query: async (text, params, operation) => {
        try {
          return (await client.query(text, params as unknown[])).rows as SqlRow[];
        } catch (error) {
          throw fail(error, operation);
        }
      },
    });
    return {
      ...sessionOf(this.pool),
      transaction: async (operation, work) => {
        let client: PoolClient;
        try {
          client = await this.pool.connect();
        } catch (error) {
          throw fail(error, operation);
        }
        const session = sessionOf(client);
        let failure: unknown;
        try {
          await session.query('BEGIN', [], operation);
          const result = await work(session);
          await session.query('COMMIT', [], operation);
          return result;
        } catch (error) {
          failure = error;
          await client.query('ROLLBACK').catch(() => {});
          throw error;
        } finally {
          // A connection whose transaction failed may be broken: drop it rather than hand it out again.
          client.release(failure === undefined ? undefined : true);
        }
      },
    };
  }

  private checkOpen(): void {
    if (this.closed) throw new StoreUnavailableError(`the state store for ${this.where} is closed: create a new one`);
  }

  private checkReady(): void {
    this.checkOpen();
    if (this.started === undefined) {
      throw new StoreUnavailableError(`the state store for ${this.where} is not started: await start() first`);
    }
  }
}

function resolveOptions(options: PostgresStateStoreOptions): ResolvedOptions {
  const problems: string[] = [];
  const whole = (name: string, value: number | undefined, fallback: number, min: number): number => {
    if (value === undefined) return fallback;
    if (!Number.isSafeInteger(value) || value < min) problems.push(`${name} ${value} must be a whole number >= ${min}`);
    return value;
  };
  const resolved = {
    schema: options.schema ?? DEFAULT_STORE_SCHEMA,
    poolSize: whole('poolSize', options.poolSize, DEFAULT_POSTGRES_POOL_SIZE, 1),
    statementTimeoutMs: whole('statementTimeoutMs', options.statementTimeoutMs, DEFAULT_STATEMENT_TIMEOUT_MS, 1),
    connectTimeoutMs: whole('connectTimeoutMs', options.connectTimeoutMs, DEFAULT_CONNECT_TIMEOUT_MS, 1),
  };
  if (options.connectionString === undefined && options.pool === undefined) {
    problems.push('neither connectionString nor pool is given: pass a postgres:// URL');
  }
  if (problems.length > 0) {
    throw new InvalidStoreConfigError(`invalid PostgreSQL state store options: ${problems.join('; ')}`, {
      details: { problems },
    });
  }
  return resolved;
}

// scheme://[user[:password]@][host][:port][/database][?params]; the host may be [ipv6] or empty (socket in ?host=).
const POSTGRES_URL = /^postgres(?:ql)?:\/\/(?:[^/?]*@)?(\[[^\]]*\]|[^/:?]*)(?::([0-9]+))?(?:\/([^?]*))?(?:\?(.*))?$/;

/** `PostgreSQL at host:port/database` from the URL or pool settings; never the password. */
export function describeServer(options: Pick<PostgresStateStoreOptions, 'connectionString' | 'pool'>): string {
  let host = options.pool?.host;
  let port = options.pool?.port === undefined ? undefined : String(options.pool.port);
  let database = options.pool?.database;
  const url = options.connectionString === undefined ? undefined : POSTGRES_URL.exec(options.connectionString);
  if (url !== null && url !== undefined) {
    const [, urlHost, urlPort, urlDatabase, query] = url;
    // The driver lets what the URL sets win over the pool settings, and keeps the pool's where the URL is silent.
    host = new URLSearchParams(query ?? '').get('host') ?? (urlHost === '' ? host : urlHost);
    port = urlPort ?? port;
    database = urlDatabase === undefined || urlDatabase === '' ? database : safeDecode(urlDatabase);
  }
  const server = `${host ?? 'localhost'}:${port ?? '5432'}`;
  return `PostgreSQL at ${server}${database === undefined ? '' : `/${database}`}`;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
