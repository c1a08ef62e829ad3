// The Authorization check of POST /drain: only `Bearer <the key in base64url>` passes.
import { describe, expect, it } from '@jest/globals';
import { bearerHeader, presentsAdminKey } from './admin-key.ts';

const KEY = Buffer.alloc(32, 4);
const TEXT = KEY.toString('base64url');

describe('presentsAdminKey', () => {
  const cases: { desc: string; header: string | undefined; want: boolean }[] = [
    { desc: 'the header bearerHeader makes', header: bearerHeader(KEY), want: true },
    { desc: 'lower-case scheme', header: `bearer ${TEXT}`, want: true },
    { desc: 'padded key', header: `Bearer ${KEY.toString('base64')}`, want: KEY.toString('base64') === `${TEXT}=` },
    { desc: 'no header', header: undefined, want: false },
    { desc: 'empty header', header: '', want: false },
    { desc: 'another scheme', header: `Basic ${TEXT}`, want: false },
    { desc: 'no scheme', header: TEXT, want: false },
    { desc: 'another key', header: bearerHeader(Buffer.alloc(32, 5)), want: false },
    { desc: 'the key with a byte more', header: bearerHeader(Buffer.concat([KEY, Buffer.of(4)])), want: false },
    { desc: 'the key cut short', header: `Bearer ${TEXT.slice(0, -2)}`, want: false },
    { desc: 'characters outside base64url', header: `Bearer ${TEXT}!`, want: false },
    { desc: 'two tokens', header: `Bearer ${TEXT} ${TEXT}`, want: false },
  ];
  it.each(cases)('$desc: $want', ({ header, want }) => {
    expect(presentsAdminKey(KEY, header)).toBe(want);
  });
});
