// Table tests of how driver failures become StoreUnavailableError: each says what failed where and what to check.
import { describe, expect, it } from '@jest/globals';
import { StoreSchemaError, StoreUnavailableError } from '../errors.ts';
import { toStoreError } from './store-driver-error.ts';

const context = {
  where: 'PostgreSQL at db:5432/game',
  operation: 'save of 3 documents',
  statementTimeoutMs: 700,
  connectTimeoutMs: 900,
};

function driverError(message: string, code?: string): Error {
  return Object.assign(new Error(message), code === undefined ? {} : { code });
}

describe('toStoreError', () => {
  const cases: { desc: string; error: unknown; want: string }[] = [
    {
      desc: 'refused',
      error: driverError('connect ECONNREFUSED', 'ECONNREFUSED'),
      want: 'PostgreSQL at db:5432/game refused the connection: check that PostgreSQL runs',
    },
    {
      desc: 'refused on every address',
      error: Object.assign(new AggregateError([driverError('x', 'ECONNREFUSED')], ''), {}),
      want: 'refused the connection',
    },
    {
      desc: 'unknown host',
      error: driverError('getaddrinfo ENOTFOUND db', 'ENOTFOUND'),
      want: 'cannot be resolved (ENOTFOUND): check the host name',
    },
    { desc: 'unreachable', error: driverError('x', 'EHOSTUNREACH'), want: 'cannot be reached (EHOSTUNREACH)' },
    { desc: 'reset', error: driverError('read ECONNRESET', 'ECONNRESET'), want: 'was reset (ECONNRESET)' },
    {
      desc: 'statement timeout',
      error: driverError('canceling statement due to statement timeout', '57014'),
      want: 'cancelled the statement after statementTimeoutMs=700',
    },
    {
      desc: 'admin shutdown',
      error: driverError('terminating connection due to administrator command', '57P01'),
      want: 'ended the connection (SQLSTATE 57P01',
    },
    {
      desc: 'starting up',
      error: driverError('the database system is starting up', '57P03'),
      want: 'does not accept connections yet',
    },
    {
      desc: 'bad password',
      error: driverError('password authentication failed for user "game"', '28P01'),
      want: 'rejected the login (SQLSTATE 28P01',
    },
    {
      desc: 'missing database',
      error: driverError('database "game" does not exist', '3D000'),
      want: 'create the database or fix its name',
    },
    {
      desc: 'no privilege',
      error: driverError('permission denied for schema s', '42501'),
      want: 'denied a privilege (permission denied for schema s)',
    },
    {
      desc: 'too many connections',
      error: driverError('sorry, too many clients already', '53300'),
      want: 'lower --postgres-pool-size',
    },
    {
      desc: 'deadlock',
      error: driverError('deadlock detected', '40P01'),
      want: 'aborted the statement to resolve a conflict',
    },
    {
      desc: 'other connection SQLSTATE',
      error: driverError('connection failure', '08006'),
      want: 'the connection to PostgreSQL at db:5432/game failed (SQLSTATE 08006',
    },
    {
      desc: 'other SQLSTATE',
      error: driverError('relation "x" does not exist', '42P01'),
      want: 'failed the statement (SQLSTATE 42P01: relation "x" does not exist)',
    },
    {
      desc: 'pool wait timeout',
      error: driverError('timeout exceeded when trying to connect'),
      want: 'no connection to PostgreSQL at db:5432/game within connectTimeoutMs=900',
    },
    {
      desc: 'connect timeout',
      error: driverError('Connection terminated due to connection timeout'),
      want: 'within connectTimeoutMs=900',
    },
    {
      desc: 'client deadline',
      error: driverError('Query read timeout'),
      want: 'did not answer within the statement deadline',
    },
    {
      desc: 'terminated',
      error: driverError('Connection terminated unexpectedly'),
      want: 'was closed (Connection terminated unexpectedly)',
    },
    { desc: 'anything else', error: 'boom', want: 'PostgreSQL at db:5432/game: boom' },
  ];

  it.each(cases)('explains $desc', ({ error, want }) => {
    const mapped = toStoreError(error, context);
    expect(mapped).toBeInstanceOf(StoreUnavailableError);
    expect(mapped.message).toMatch(/^save of 3 documents failed: /);
    expect(mapped.message).toContain(want);
    expect(mapped.cause).toBe(error);
    expect((mapped as StoreUnavailableError).details).toMatchObject({
      where: context.where,
      operation: context.operation,
    });
  });

  it('passes gamecluster errors through', () => {
    const schemaError = new StoreSchemaError('newer');
    expect(toStoreError(schemaError, context)).toBe(schemaError);
  });
});
