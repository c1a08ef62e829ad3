// Resume tokens: given in WELCOME, handed back in HELLO.resume to take a session over after a disconnect (on any
// gate: every gate has the cluster key). Signed over session id, player id and expiry in their own domain, so a
// resume token never passes for a login token.
import { AuthFailedError } from './errors.ts';
import { readSignedClaims, signClaims } from './signed-claims.ts';

export interface ResumeClaims {
  /** Session id. */
  readonly sid: string;
  /** Player id. */
  readonly sub: string;
  /** Expiry, Unix seconds. */
  readonly exp: number;
}

const RESUME_DOMAIN = 'gamecluster.resume.';

export function signResumeToken(key: Uint8Array, claims: ResumeClaims): string {
  return signClaims(key, RESUME_DOMAIN, { sid: claims.sid, sub: claims.sub, exp: claims.exp });
}

/**
 * Checks a resume token against the session and player it claims to be for; throws AuthFailedError (malformed,
 * bad signature, expired, or for another session or player). `nowMs`: wall-clock ms.
 */
export function verifyResumeToken(
  key: Uint8Array,
  token: unknown,
  expected: { readonly sessionId: string; readonly playerId: string },
  nowMs: number,
): ResumeClaims {
  const claims = readSignedClaims(key, RESUME_DOMAIN, token, 'resume token');
  const { sid, sub, exp } = claims;
  if (typeof sid !== 'string' || typeof sub !== 'string' || !Number.isSafeInteger(exp)) {
    throw new AuthFailedError('the resume token is malformed: it needs sid, sub and exp; log in again');
  }
  if (sid !== expected.sessionId || sub !== expected.playerId) {
    throw new AuthFailedError(
      'the resume token was issued for another session or player; resume with the token of this session, or log in without resume',
    );
  }
  if ((exp as number) * 1000 <= nowMs) {
    throw new AuthFailedError('the resume token expired; connect without resume to start a new session');
  }
  return { sid, sub, exp: exp as number };
}
