// Login tokens: whoever authenticates players (a login service, or the gate's dev login) signs `{sub, exp, iat}`
// with the cluster key; the gate verifies the token in HELLO. `exp` and `iat` are Unix seconds, as in JWTs.
import { AuthFailedError } from './errors.ts';
import { readSignedClaims, signClaims } from './signed-claims.ts';

export interface TokenClaims {
  /** The player id. */
  readonly sub: string;
  /** Expiry, Unix seconds. */
  readonly exp: number;
  /** Issue time, Unix seconds. */
  readonly iat: number;
}

/** Player ids: what the Player actor is keyed by. */
export const MAX_PLAYER_ID_LENGTH = 256;

/** Login tokens are signed over their first part with no domain prefix, so any HMAC library can issue them. */
const LOGIN_DOMAIN = '';

export function signToken(key: Uint8Array, claims: TokenClaims): string {
  return signClaims(key, LOGIN_DOMAIN, { sub: claims.sub, exp: claims.exp, iat: claims.iat });
}

/**
 * The claims of a valid, unexpired login token; throws AuthFailedError whose message says whether it is
 * malformed, badly signed or expired. `nowMs`: wall-clock ms (Date.now()).
 */
export function verifyToken(key: Uint8Array, token: unknown, nowMs: number): TokenClaims {
  const claims = readSignedClaims(key, LOGIN_DOMAIN, token, 'login token');
  const { sub, exp, iat } = claims;
  if (typeof sub !== 'string' || sub.length === 0 || sub.length > MAX_PLAYER_ID_LENGTH) {
    throw new AuthFailedError(
      `the login token is malformed: sub must be the player id (1-${MAX_PLAYER_ID_LENGTH} characters); log in again`,
    );
  }
  if (!Number.isSafeInteger(exp) || !Number.isSafeInteger(iat)) {
    throw new AuthFailedError('the login token is malformed: exp and iat must be whole Unix seconds; log in again');
  }
  if ((exp as number) * 1000 <= nowMs) {
    throw new AuthFailedError(
      `the login token expired at ${new Date((exp as number) * 1000).toISOString()}; log in again`,
    );
  }
  return { sub, exp: exp as number, iat: iat as number };
}
