// The drain command's options: in a pod it needs no flags (the node's admin port and key are in its env); without
// a node to talk to or a key it says what to set.
import { describe, expect, it } from '@jest/globals';
import { parseDrainCommandConfig } from './drain-command-config.ts';

const KEY = Buffer.alloc(32, 6);
const KEY_ENV = { GAMECLUSTER_ADMIN_KEY: KEY.toString('base64url') };

describe('parseDrainCommandConfig', () => {
  const urls: { desc: string; argv: string[]; env: Record<string, string>; want: string }[] = [
    {
      desc: 'the node port on loopback',
      argv: [],
      env: { GAMECLUSTER_ADMIN_PORT: '7510' },
      want: 'http://127.0.0.1:7510',
    },
    {
      desc: 'loopback for a wildcard host',
      argv: [],
      env: { GAMECLUSTER_ADMIN_PORT: '7510', GAMECLUSTER_ADMIN_HOST: '0.0.0.0' },
      want: 'http://127.0.0.1:7510',
    },
    {
      desc: 'the node host when it names one',
      argv: [],
      env: { GAMECLUSTER_ADMIN_PORT: '7510', GAMECLUSTER_ADMIN_HOST: '10.1.2.3' },
      want: 'http://10.1.2.3:7510',
    },
    {
      desc: 'an IPv6 host in brackets',
      argv: [],
      env: { GAMECLUSTER_ADMIN_PORT: '7510', GAMECLUSTER_ADMIN_HOST: 'fd00::1' },
      want: 'http://[fd00::1]:7510',
    },
    {
      desc: '--admin-url over the port, without its trailing slash',
      argv: ['--admin-url', 'http://127.0.0.9:9000/'],
      env: { GAMECLUSTER_ADMIN_PORT: '7510' },
      want: 'http://127.0.0.9:9000',
    },
    { desc: 'GAMECLUSTER_ADMIN_URL', argv: [], env: { GAMECLUSTER_ADMIN_URL: 'https://n:1' }, want: 'https://n:1' },
  ];
  it.each(urls)('drains $desc', ({ argv, env, want }) => {
    const config = parseDrainCommandConfig(argv, { ...KEY_ENV, ...env });
    expect(config).toEqual({ adminUrl: want, timeoutSeconds: 25, key: KEY });
  });

  it('takes --timeout-seconds and --admin-key', () => {
    const other = Buffer.alloc(33, 1);
    const config = parseDrainCommandConfig(['--timeout-seconds', '90', `--admin-key=${other.toString('base64url')}`], {
      ...KEY_ENV,
      GAMECLUSTER_ADMIN_PORT: '1',
    });
    expect(config).toEqual({ adminUrl: 'http://127.0.0.1:1', timeoutSeconds: 90, key: other });
  });

  const bad: { desc: string; argv: string[]; env: Record<string, string>; want: RegExp }[] = [
    {
      desc: 'no key',
      argv: [],
      env: { GAMECLUSTER_ADMIN_PORT: '7510' },
      want: /admin key is required: set --admin-key/,
    },
    { desc: 'no node', argv: [], env: KEY_ENV, want: /no node to drain: set --admin-url or GAMECLUSTER_ADMIN_URL/ },
    { desc: 'a free-port node', argv: [], env: { ...KEY_ENV, GAMECLUSTER_ADMIN_PORT: '0' }, want: /no node to drain/ },
    { desc: 'a bad URL', argv: ['--admin-url', 'ftp://x'], env: KEY_ENV, want: /must be an http\(s\) URL/ },
    {
      desc: 'a zero timeout',
      argv: ['--admin-url', 'http://x:1', '--timeout-seconds', '0'],
      env: KEY_ENV,
      want: /timeoutSeconds '0'/,
    },
    {
      desc: 'an unknown flag',
      argv: ['--admin-url', 'http://x:1', '--force'],
      env: KEY_ENV,
      want: /unknown flag --force/,
    },
  ];
  it.each(bad)('refuses $desc', ({ argv, env, want }) => {
    expect(() => parseDrainCommandConfig(argv, env)).toThrow(want);
  });
});
