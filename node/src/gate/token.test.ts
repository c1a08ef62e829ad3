// Login and resume tokens: round trips, and each way a token is refused, with what the message says.
import { describe, expect, it } from '@jest/globals';
import { AuthFailedError } from './errors.ts';
import { signResumeToken, verifyResumeToken } from './resume-token.ts';
import { signClaims } from './signed-claims.ts';
import { signToken, verifyToken } from './token.ts';

const KEY = Buffer.alloc(32, 1);
const OTHER_KEY = Buffer.alloc(32, 2);
const NOW_MS = 1_700_000_000_000;
const NOW_S = NOW_MS / 1000;

describe('login tokens', () => {
  it('verifies what it signed', () => {
    const token = signToken(KEY, { sub: 'player-1', iat: NOW_S, exp: NOW_S + 60 });
    expect(verifyToken(KEY, token, NOW_MS)).toEqual({ sub: 'player-1', iat: NOW_S, exp: NOW_S + 60 });
  });

  it('is base64url(JSON).base64url(HMAC-SHA256 over the first part), so any HMAC library can issue one', async () => {
    const { createHmac } = await import('node:crypto');
    const body = Buffer.from(JSON.stringify({ sub: 'x', exp: NOW_S + 5, iat: NOW_S })).toString('base64url');
    const token = `${body}.${createHmac('sha256', KEY).update(body).digest('base64url')}`;
    expect(verifyToken(KEY, token, NOW_MS).sub).toBe('x');
  });

  const valid = signToken(KEY, { sub: 'p', iat: NOW_S, exp: NOW_S + 60 });
  const [body, signature] = valid.split('.') as [string, string];
  const cases: { desc: string; token: unknown; want: RegExp }[] = [
    { desc: 'expired', token: signToken(KEY, { sub: 'p', iat: NOW_S - 60, exp: NOW_S }), want: /expired at/ },
    {
      desc: 'signed with another key',
      token: signToken(OTHER_KEY, { sub: 'p', iat: NOW_S, exp: NOW_S + 60 }),
      want: /bad signature/,
    },
    {
      desc: 'claims altered',
      token: `${Buffer.from('{"sub":"admin","exp":9999999999,"iat":0}').toString('base64url')}.${signature}`,
      want: /bad signature/,
    },
    { desc: 'signature truncated', token: `${body}.${signature.slice(0, 10)}`, want: /bad signature/ },
    { desc: 'not a string', token: 42, want: /malformed/ },
    { desc: 'empty', token: '', want: /malformed/ },
    { desc: 'no dot', token: 'abc', want: /malformed/ },
    { desc: 'two dots', token: `${valid}.x`, want: /malformed/ },
    { desc: 'not base64url', token: 'a+b.c/d', want: /malformed/ },
    { desc: 'too long', token: `${'a'.repeat(5000)}.b`, want: /malformed/ },
    { desc: 'signed JSON that is not an object', token: signClaims(KEY, '', [1, 2]), want: /malformed/ },
    { desc: 'no sub', token: signClaims(KEY, '', { exp: NOW_S + 60, iat: NOW_S }), want: /sub must be the player id/ },
    {
      desc: 'exp not a number',
      token: signClaims(KEY, '', { sub: 'p', exp: 'later', iat: NOW_S }),
      want: /whole Unix seconds/,
    },
    {
      desc: 'a resume token used as a login token',
      token: signResumeToken(KEY, { sid: 's', sub: 'p', exp: NOW_S + 60 }),
      want: /bad signature/,
    },
  ];
  it.each(cases)('refuses a token that is $desc', ({ token, want }) => {
    let thrown: unknown;
    try {
      verifyToken(KEY, token, NOW_MS);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AuthFailedError);
    expect((thrown as AuthFailedError).code).toBe('GC_ERR_AUTH_FAILED');
    expect((thrown as Error).message).toMatch(want);
  });
});

describe('resume tokens', () => {
  const token = signResumeToken(KEY, { sid: 'session-1', sub: 'player-1', exp: NOW_S + 60 });

  it('verify for their own session and player', () => {
    expect(verifyResumeToken(KEY, token, { sessionId: 'session-1', playerId: 'player-1' }, NOW_MS)).toEqual({
      sid: 'session-1',
      sub: 'player-1',
      exp: NOW_S + 60,
    });
  });

  const cases: { desc: string; check: () => unknown; want: RegExp }[] = [
    {
      desc: 'another session',
      check: () => verifyResumeToken(KEY, token, { sessionId: 'session-2', playerId: 'player-1' }, NOW_MS),
      want: /another session or player/,
    },
    {
      desc: 'another player',
      check: () => verifyResumeToken(KEY, token, { sessionId: 'session-1', playerId: 'player-2' }, NOW_MS),
      want: /another session or player/,
    },
    {
      desc: 'expired',
      check: () => verifyResumeToken(KEY, token, { sessionId: 'session-1', playerId: 'player-1' }, (NOW_S + 60) * 1000),
      want: /expired/,
    },
    {
      desc: 'another key',
      check: () => verifyResumeToken(OTHER_KEY, token, { sessionId: 'session-1', playerId: 'player-1' }, NOW_MS),
      want: /bad signature/,
    },
    {
      desc: 'a login token',
      check: () =>
        verifyResumeToken(
          KEY,
          signToken(KEY, { sub: 'player-1', iat: NOW_S, exp: NOW_S + 60 }),
          { sessionId: 'x', playerId: 'player-1' },
          NOW_MS,
        ),
      want: /bad signature/,
    },
  ];
  it.each(cases)('refuse $desc', ({ check, want }) => {
    expect(check).toThrow(AuthFailedError);
    expect(check).toThrow(want);
  });
});
