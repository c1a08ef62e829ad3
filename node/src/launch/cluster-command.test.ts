// The cluster command's flags, and what a newcomer without etcd sees: the install command, exit code 3, nothing
// started.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { ETCD_INSTALL_HINT, onPath, parseClusterCommand } from './cluster-command.ts';

const MAIN = fileURLToPath(new URL('../main.ts', import.meta.url));

describe('npm run cluster', () => {
  it('defaults to the arena on PGlite with etcd from the PATH', () => {
    const config = parseClusterCommand([], {});
    expect(config).toMatchObject({ app: 'arena', postgresUrl: undefined, etcd: undefined, gatePort: 7350 });
    expect(config.dataDir).toMatch(/\.gamecluster$/);
  });

  it('takes PostgreSQL and etcd from flags or env, flags first', () => {
    const config = parseClusterCommand(['--etcd', 'http://127.0.0.1:2379', '--gate-port=8000'], {
      GAMECLUSTER_POSTGRES_URL: 'postgres://db/game',
      GAMECLUSTER_ETCD: 'http://ignored:1',
    });
    expect(config).toMatchObject({ etcd: 'http://127.0.0.1:2379', postgresUrl: 'postgres://db/game', gatePort: 8000 });
  });

  it('lists every bad flag at once', () => {
    expect(() => parseClusterCommand(['--gate-port', 'x', '--nope', '1'], {})).toThrow(/--gate-port.*|--nope/s);
  });

  it('finds executables on a PATH', () => {
    expect(onPath('sh', '/bin:/usr/bin')).toBe(true);
    expect(onPath('etcd', '/nonexistent')).toBe(false);
  });

  it('without etcd on the PATH says how to install it and exits 3', () => {
    const result = spawnSync(process.execPath, ['--disable-warning=ExperimentalWarning', MAIN, 'cluster'], {
      env: { PATH: '/nonexistent' },
      encoding: 'utf8',
    });
    expect(result.status).toBe(3);
    expect(result.stderr).toContain(ETCD_INSTALL_HINT);
  });
});
