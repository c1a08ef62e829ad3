// The signed-claims format shared by login and resume tokens: `base64url(JSON claims).base64url(HMAC-SHA256(key,
// domain + first part))`. Simple enough for any login service (or a Unity client test) to issue, verified here in
// constant time. The domain keeps one kind of token from passing for another.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { AuthFailedError } from './errors.ts';

/** Tokens longer than this are refused before any work (HELLO.token has the same bound). */
export const MAX_TOKEN_LENGTH = 4096;

const BASE64URL = /^[A-Za-z0-9_-]+$/;
const SIGNATURE_BYTES = 32;

/** Signs `claims` (a JSON object) for `domain` ('' for login tokens). */
export function signClaims(key: Uint8Array, domain: string, claims: object): string {
  const body = Buffer.from(JSON.stringify(claims), 'utf8').toString('base64url');
  return `${body}.${mac(key, domain, body).toString('base64url')}`;
}

/**
 * The claims of a token signed by signClaims for `domain`; throws AuthFailedError saying whether the token is
 * malformed or badly signed (`what` names the token in messages). Says nothing about expiry: callers check it.
 */
export function readSignedClaims(
  key: Uint8Array,
  domain: string,
  token: unknown,
  what: string,
): Record<string, unknown> {
  if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_LENGTH) {
    throw malformed(what, `it must be a non-empty string of at most ${MAX_TOKEN_LENGTH} characters`);
  }
  const dot = token.indexOf('.');
  if (dot <= 0 || dot !== token.lastIndexOf('.') || dot === token.length - 1) {
    throw malformed(what, 'it must be two base64url parts joined by one dot');
  }
  const body = token.slice(0, dot);
  const signature = token.slice(dot + 1);
  if (!BASE64URL.test(body) || !BASE64URL.test(signature)) throw malformed(what, 'its parts must be base64url');
  const given = Buffer.from(signature, 'base64url');
  const expected = mac(key, domain, body);
  // Length first: timingSafeEqual needs equal lengths, and the length of a MAC is no secret.
  if (given.length !== SIGNATURE_BYTES || !timingSafeEqual(given, expected)) {
    throw new AuthFailedError(
      `the ${what} has a bad signature: it was not issued with this cluster's key (or was altered); log in again`,
    );
  }
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    throw malformed(what, 'its first part is not base64url JSON');
  }
  if (claims === null || typeof claims !== 'object' || Array.isArray(claims)) {
    throw malformed(what, 'its claims must be a JSON object');
  }
  return claims as Record<string, unknown>;
}

function mac(key: Uint8Array, domain: string, body: string): Buffer {
  return createHmac('sha256', key).update(domain).update(body).digest();
}

function malformed(what: string, why: string): AuthFailedError {
  return new AuthFailedError(`the ${what} is malformed: ${why}; log in again to get a new one`);
}
