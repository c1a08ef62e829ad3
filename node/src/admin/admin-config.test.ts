// The admin options from flags and env: where the server listens, the admin key (base64url, at least 32 bytes
// decoded, every problem named with what to set) and how long SIGTERM waits for a drain.
import { describe, expect, it } from '@jest/globals';
import { parseAdminConfig } from './admin-config.ts';
import { MIN_ADMIN_KEY_BYTES } from './admin-key.ts';

const KEY = Buffer.alloc(32, 9);

describe('parseAdminConfig', () => {
  it('has no server, no key and a 10 s SIGTERM drain by default', () => {
    expect(parseAdminConfig([], {}).config).toEqual({
      host: '127.0.0.1',
      port: undefined,
      key: undefined,
      sigtermDrainSeconds: 10,
    });
  });

  it('reads the key from env (decoded) and lets the flag win; leaves other flags for other layers', () => {
    const other = Buffer.alloc(40, 1);
    const fromEnv = parseAdminConfig(['--roles', 'zone'], { GAMECLUSTER_ADMIN_KEY: KEY.toString('base64url') });
    expect(fromEnv.config.key).toEqual(KEY);
    expect(fromEnv.rest).toEqual(['--roles', 'zone']);
    const fromFlag = parseAdminConfig([`--admin-key=${other.toString('base64url')}`, '--sigterm-drain-seconds', '0'], {
      GAMECLUSTER_ADMIN_KEY: KEY.toString('base64url'),
    });
    expect(fromFlag.config.key).toEqual(other);
    expect(fromFlag.config.sigtermDrainSeconds).toBe(0);
  });

  const bad: { desc: string; key: string; want: RegExp }[] = [
    { desc: 'too short', key: Buffer.alloc(16, 1).toString('base64url'), want: /at least 32 bytes, got 16/ },
    { desc: 'standard base64 with + and /', key: `${'+/'.repeat(22)}`, want: /must be base64url/ },
    { desc: 'spaces', key: `${KEY.toString('base64url')} x`, want: /must be base64url/ },
  ];
  it.each(bad)('refuses a key that is $desc, naming the variable and how to make one', ({ key, want }) => {
    expect(() => parseAdminConfig([], { GAMECLUSTER_ADMIN_KEY: key })).toThrow(want);
    expect(() => parseAdminConfig([], { GAMECLUSTER_ADMIN_KEY: key })).toThrow(
      /from GAMECLUSTER_ADMIN_KEY.*set --admin-key or GAMECLUSTER_ADMIN_KEY.*randomBytes\(32\)/,
    );
  });

  it('accepts a padded key and exactly the minimum length', () => {
    const padded = Buffer.alloc(MIN_ADMIN_KEY_BYTES, 5).toString('base64');
    expect(padded.endsWith('=')).toBe(true);
    expect(parseAdminConfig([], { GAMECLUSTER_ADMIN_KEY: padded }).config.key).toEqual(
      Buffer.alloc(MIN_ADMIN_KEY_BYTES, 5),
    );
  });

  it('lists every problem at once', () => {
    expect(() =>
      parseAdminConfig(['--admin-port', 'x', '--sigterm-drain-seconds', '-1'], { GAMECLUSTER_ADMIN_KEY: 'abc' }),
    ).toThrow(/3 problems/);
  });
});
