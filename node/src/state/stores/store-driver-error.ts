// Turns whatever a database driver threw (a socket error, a timeout, a PostgreSQL error with its SQLSTATE) into
// a StoreUnavailableError that says what failed where and what to check. Raw driver errors never leave a store.
import { GameclusterError } from '../../errors/index.ts';
import { StoreUnavailableError } from '../errors.ts';

export interface DriverErrorContext {
  /** Where the database is, e.g. `PostgreSQL at 127.0.0.1:5432/game` or `PGlite in /var/lib/game`. */
  readonly where: string;
  /** What was being done, e.g. `start`, `save of 300 documents`. */
  readonly operation: string;
  readonly statementTimeoutMs?: number;
  readonly connectTimeoutMs?: number;
}

const SQLSTATE = /^[0-9A-Z]{5}$/;
const RETRIED = 'writes stay dirty and are retried';

/** The error to throw for `error`; gamecluster errors pass through unchanged. */
export function toStoreError(error: unknown, context: DriverErrorContext): Error {
  if (error instanceof GameclusterError) return error;
  const { code, message } = describe(error);
  const text = `${context.operation} failed: ${explain(code, message, context)}`;
  return new StoreUnavailableError(text, {
    cause: error,
    details: { where: context.where, operation: context.operation, ...(code === undefined ? {} : { code }) },
  });
}

function explain(code: string | undefined, message: string, context: DriverErrorContext): string {
  const { where } = context;
  switch (code) {
    case 'ECONNREFUSED':
      return `${where} refused the connection: check that PostgreSQL runs and listens there, and the store URL (--postgres-url or GAMECLUSTER_POSTGRES_URL)`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `the host of ${where} cannot be resolved (${code}): check the host name in the store URL and DNS`;
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `${where} cannot be reached (${code}): check the network path and firewalls between this node and the database`;
    case 'ECONNRESET':
    case 'EPIPE':
      return `the connection to ${where} was reset (${code}): the database restarted or something between dropped the connection; ${RETRIED}`;
    case '57014':
      return `${where} cancelled the statement after statementTimeoutMs=${context.statementTimeoutMs ?? '?'}: the database is overloaded or a lock is held too long (check pg_stat_activity); ${RETRIED}`;
    case '57P01':
    case '57P02':
      return `${where} ended the connection (SQLSTATE ${code}: ${message}): the server is shutting down or restarting, or an administrator ended the session; ${RETRIED}`;
    case '57P03':
      return `${where} does not accept connections yet (SQLSTATE 57P03: ${message}): it is starting up or recovering; ${RETRIED}`;
    case '28P01':
    case '28000':
      return `${where} rejected the login (SQLSTATE ${code}: ${message}): check the user and password in the store URL`;
    case '3D000':
      return `${where}: ${message} (SQLSTATE 3D000): create the database or fix its name in the store URL`;
    case '42501':
      return `${where} denied a privilege (${message}): grant the store's role USAGE and CREATE on its schema and read/write on its tables`;
    case '53300':
      return `${where} has no connection slot left (SQLSTATE 53300): lower --postgres-pool-size across the nodes or raise max_connections`;
    case '40001':
    case '40P01':
      return `${where} aborted the statement to resolve a conflict (SQLSTATE ${code}: ${message}); ${RETRIED}`;
  }
  if (code !== undefined && SQLSTATE.test(code)) {
    if (code.startsWith('08')) return `the connection to ${where} failed (SQLSTATE ${code}: ${message}); ${RETRIED}`;
    return `${where} failed the statement (SQLSTATE ${code}: ${message})`;
  }
  if (/timeout exceeded when trying to connect|timeout expired|connection timeout/i.test(message)) {
    return `no connection to ${where} within connectTimeoutMs=${context.connectTimeoutMs ?? '?'}: check that the database is reachable and not overloaded; if it is, raise --postgres-pool-size or lower the load`;
  }
  if (/query read timeout/i.test(message)) {
    return `${where} did not answer within the statement deadline: the database or the network to it hangs; ${RETRIED}`;
  }
  if (/terminated|ended|closed|not queryable|Client was closed/i.test(message)) {
    return `the connection to ${where} was closed (${message}): the database restarted or an administrator ended the session; ${RETRIED}`;
  }
  return `${where}: ${message}`;
}

/** The code (system or SQLSTATE) and message of an unknown thrown value, looking inside an AggregateError. */
function describe(error: unknown): { code: string | undefined; message: string } {
  if (typeof error !== 'object' || error === null) return { code: undefined, message: String(error) };
  const record = error as { code?: unknown; message?: unknown; errors?: unknown };
  let code = typeof record.code === 'string' ? record.code : undefined;
  let message = typeof record.message === 'string' ? record.message : String(error);
  // Node reports a refused dual-stack connect (localhost: ::1 then 127.0.0.1) as an AggregateError.
  if (Array.isArray(record.errors) && record.errors.length > 0) {
    const first = describe(record.errors[0]);
    code ??= first.code;
    if (message === '') message = first.message;
  }
  return { code, message };
}
