// Password hashes with scrypt (node:crypto, async: it runs on the libuv pool, not the event loop). Each hash keeps
// its own random salt and cost parameters, so raising the cost later still verifies old hashes (and login rehashes
// them). Passwords are NFKC-normalised first, so the same password typed on two keyboards matches.
import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';

/** scrypt cost: N (CPU and memory, a power of two), r (block size), p (parallelism). Memory is 128 * N * r bytes. */
export interface ScryptParams {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/** What an account stores of its password. */
export interface PasswordHash extends ScryptParams {
  readonly algorithm: 'scrypt';
  /** base64 */
  readonly salt: string;
  /** base64 */
  readonly hash: string;
}

export const SALT_BYTES = 16;
export const HASH_BYTES = 32;

function derive(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const options: ScryptOptions = {
    N: params.N,
    r: params.r,
    p: params.p,
    // Node refuses more than 32 MiB by default; scrypt needs 128 * N * r, plus room.
    maxmem: 256 * params.N * params.r + 1024 * 1024,
  };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, HASH_BYTES, options, (error, key) => {
      if (error === null) resolve(key);
      else reject(error);
    });
  });
}

/** A new hash of `password` with a fresh random salt. */
export async function hashPassword(password: string, params: ScryptParams): Promise<PasswordHash> {
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(password, salt, params);
  return {
    algorithm: 'scrypt',
    N: params.N,
    r: params.r,
    p: params.p,
    salt: salt.toString('base64'),
    hash: hash.toString('base64'),
  };
}

/** True when `password` matches `stored`; the comparison takes the same time wherever the bytes differ. */
export async function verifyPassword(password: string, stored: PasswordHash): Promise<boolean> {
  const expected = Buffer.from(stored.hash, 'base64');
  const actual = await derive(password, Buffer.from(stored.salt, 'base64'), stored);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** True when `stored` was made with other parameters than `params` (hash it again after a successful login). */
export function needsRehash(stored: PasswordHash, params: ScryptParams): boolean {
  return stored.N !== params.N || stored.r !== params.r || stored.p !== params.p;
}
