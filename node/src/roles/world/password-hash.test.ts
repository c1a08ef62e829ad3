// scrypt password hashes: a hash verifies its password and nothing else, salts differ, NFKC-equal passwords
// match, old parameters still verify and are flagged for rehashing.
import { describe, expect, it } from '@jest/globals';
import { HASH_BYTES, hashPassword, needsRehash, SALT_BYTES, verifyPassword } from './password-hash.ts';
import { TEST_SCRYPT } from './testing-world.ts';

describe('password hashes', () => {
  it('verify the password and refuse others', async () => {
    const stored = await hashPassword('correct horse', TEST_SCRYPT);
    expect(stored).toMatchObject({ algorithm: 'scrypt', ...TEST_SCRYPT });
    expect(Buffer.from(stored.salt, 'base64')).toHaveLength(SALT_BYTES);
    expect(Buffer.from(stored.hash, 'base64')).toHaveLength(HASH_BYTES);
    expect(await verifyPassword('correct horse', stored)).toBe(true);
    expect(await verifyPassword('correct horsE', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('salt every hash', async () => {
    const a = await hashPassword('same', TEST_SCRYPT);
    const b = await hashPassword('same', TEST_SCRYPT);
    expect(a.salt).not.toBe(b.salt);
    expect(a.hash).not.toBe(b.hash);
  });

  it('match passwords that are equal after NFKC normalisation', async () => {
    const stored = await hashPassword('caf\u00e9 \uff21', TEST_SCRYPT); // é precomposed, fullwidth A
    expect(await verifyPassword('cafe\u0301 A', stored)).toBe(true);
  });

  it('verify with the stored parameters and flag other ones for rehashing', async () => {
    const old = await hashPassword('upgrade me', { N: 2048, r: 4, p: 1 });
    expect(await verifyPassword('upgrade me', old)).toBe(true);
    expect(needsRehash(old, TEST_SCRYPT)).toBe(true);
    expect(needsRehash(await hashPassword('x', TEST_SCRYPT), TEST_SCRYPT)).toBe(false);
  });

  it('refuses a stored hash of another length', async () => {
    const stored = await hashPassword('short hash', TEST_SCRYPT);
    expect(await verifyPassword('short hash', { ...stored, hash: stored.hash.slice(0, 8) })).toBe(false);
  });
});
