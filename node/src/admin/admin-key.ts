// The admin key: the shared secret that lets the operator (and the preStop drain command) change a node's state
// through its admin port. One option spec and one validation for the node and the drain command, and the
// constant-time check of an `Authorization: Bearer <key>` header.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { OptionReader, OptionSpec } from '../config/options.ts';

/** Decoded bytes an admin key needs at least (256 bits: not guessable within any rate limit). */
export const MIN_ADMIN_KEY_BYTES = 32;

const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/;
const BEARER = /^Bearer +(\S+) *$/i;

/** `--admin-key` / `GAMECLUSTER_ADMIN_KEY`, for an option table whose key for it is `key`. */
export function adminKeyOption<Key extends string>(key: Key, defaultText: string): OptionSpec<Key> {
  return {
    key,
    flag: '--admin-key',
    env: 'GAMECLUSTER_ADMIN_KEY',
    placeholder: '<base64url>',
    defaultText,
    meaning: `Key (base64url, at least ${MIN_ADMIN_KEY_BYTES} bytes decoded) that POST /drain must present as "Authorization: Bearer <key>". Prefer the env variable: flags show in ps.`,
  };
}

/**
 * The admin key's decoded bytes, or undefined when unset; a problem is recorded on `options` when it is not
 * base64url or too short.
 */
export function readAdminKey<Key extends string>(options: OptionReader<Key>, key: Key): Buffer | undefined {
  const raw = options.raw(key);
  if (raw === undefined) return undefined;
  const fix = `${options.hint(key)} to a new key, e.g. the output of: node -e "console.log(require('node:crypto').randomBytes(32).toString('base64url'))"`;
  if (!BASE64URL.test(raw.text)) {
    options.problems.push(`${key} (from ${raw.from}) must be base64url (A-Z a-z 0-9 - _): ${fix}`);
    return undefined;
  }
  const bytes = Buffer.from(raw.text, 'base64url');
  if (bytes.byteLength < MIN_ADMIN_KEY_BYTES) {
    options.problems.push(
      `${key} (from ${raw.from}) must decode to at least ${MIN_ADMIN_KEY_BYTES} bytes, got ${bytes.byteLength}: ${fix}`,
    );
    return undefined;
  }
  return bytes;
}

/** The `Authorization` header value that presents `key`. */
export function bearerHeader(key: Buffer): string {
  return `Bearer ${key.toString('base64url')}`;
}

/**
 * True when `authorization` is `Bearer <key>` with `key` in base64url. The comparison runs on SHA-256 digests, so
 * its time depends neither on where the bytes differ nor on the presented key's length.
 */
export function presentsAdminKey(key: Buffer, authorization: string | undefined): boolean {
  const token = authorization === undefined ? undefined : BEARER.exec(authorization)?.[1];
  if (token === undefined || !BASE64URL.test(token)) return false;
  const given = createHash('sha256').update(Buffer.from(token, 'base64url')).digest();
  const expected = createHash('sha256').update(key).digest();
  return timingSafeEqual(given, expected);
}
