// `gamecluster-node drain` against real nodes: as a process against a node process (exit 0, one JSON line, the
// node reports drained and then stops without a second drain), SIGTERM on a node that nobody drained (it drains
// first), SIGINT (no drain), and in process: a wrong key, a node that is not there, and a drain whose saves fail (exit 1 each).
import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from '@jest/globals';
import { MemoryCluster, MemoryClusterProvider } from '../cluster/memory/index.ts';
import { GameNode } from '../game-node.ts';
import { nextTestHost, waitFor } from '../gate/testing-gate.ts';
import { NODE_MAIN, NodeProcess } from '../launch/node-process.ts';
import { PersistentActor } from '../state/persistence/persistent-actor.ts';
import type { SaveRequest, SaveResult } from '../state/state-store.ts';
import { MemoryStateStore } from '../state/stores/memory-state-store.ts';
import { AdminServer } from './admin-server.ts';
import { type DrainCommandResult, drainNode, runDrainCommand } from './drain-command.ts';

const ADMIN_KEY = Buffer.alloc(32, 2);
const NODE_ENV = {
  ...process.env,
  GAMECLUSTER_CLUSTER_KEY: Buffer.alloc(32, 3).toString('base64url'),
  GAMECLUSTER_ADMIN_KEY: ADMIN_KEY.toString('base64url'),
};

let processes: NodeProcess[] = [];
let node: GameNode | undefined;
let admin: AdminServer | undefined;

afterEach(async () => {
  for (const child of processes) await child.kill();
  processes = [];
  await admin?.stop();
  await node?.stop();
  admin = undefined;
  node = undefined;
});

/** A node process on its own loopback address; `lines` collects its JSON stdout lines. */
async function startNodeProcess(name: string): Promise<{ child: NodeProcess; lines: Record<string, unknown>[] }> {
  const host = nextTestHost();
  const lines: Record<string, unknown>[] = [];
  const child = new NodeProcess({
    name,
    args: [
      ...['--name', name, '--provider', 'memory', '--store', 'memory', '--mesh-host', host],
      ...['--gate-host', host, '--gate-port', '0', '--admin-host', host, '--admin-port', '0'],
    ],
    env: NODE_ENV,
    onLine: (line) => lines.push(line),
  });
  processes.push(child);
  await child.start();
  return { child, lines };
}

/** `main.ts drain ...` as a process: its exit code and stdout. */
function runDrainProcess(args: readonly string[]): Promise<{ code: number | null; stdout: string }> {
  const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', NODE_MAIN, 'drain', ...args], {
    env: NODE_ENV,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout })));
}

class Wallet extends PersistentActor<{ gold: number }> {
  override state = { gold: 0 };
  earn(amount: number): number {
    this.state.gold += amount;
    return this.state.gold;
  }
}

class UnreachableStore extends MemoryStateStore {
  failing = false;
  override async save(requests: readonly SaveRequest[]): Promise<SaveResult[]> {
    if (this.failing) throw new Error('connection refused (test)');
    return super.save(requests);
  }
}

/** An in-process node with an admin server; its saves fail when `store.failing` is set. */
async function startInProcessNode(): Promise<{ url: string; store: UnreachableStore }> {
  const store = new UnreachableStore();
  const host = nextTestHost();
  node = new GameNode({
    cluster: {
      name: 'in-process',
      roles: ['db'],
      provider: new MemoryClusterProvider({ cluster: new MemoryCluster(), leaseTtlMs: 2_000 }),
      mesh: { host, port: 0 },
      systemOptions: { askTimeoutMs: 3_000, onError: () => {} },
      log: () => {},
    },
    store,
    flushTimeoutMs: 300,
  });
  node.system.register(Wallet, { idleTimeoutMs: 0 });
  await node.start();
  admin = new AdminServer(node, { host, port: 0, key: ADMIN_KEY });
  await admin.start();
  return { url: admin.url, store };
}

describe('gamecluster-node drain', () => {
  it('drains a node process: exit 0 and one JSON line; the node then stops without draining again', async () => {
    const { child, lines } = await startNodeProcess('drain-proc');
    const url = String(child.ready!.admin);
    const { code, stdout } = await runDrainProcess(['--admin-url', url, '--timeout-seconds', '20']);
    expect(code).toBe(0);
    expect(stdout.trim().split('\n')).toHaveLength(1);
    const result = JSON.parse(stdout) as DrainCommandResult;
    expect(result).toMatchObject({ event: 'drain.result', ok: true, url, state: 'drained', error: null });
    expect(result.drain).toMatchObject({ state: 'drained', unsaved: 0, error: null });
    expect(lines.filter((line) => line.event === 'node.drain')).toEqual([{ event: 'node.drain', ...result.drain }]);

    const status = (await (await fetch(`${url}/status`)).json()) as { lifecycle: string; drain: unknown };
    expect(status).toMatchObject({ lifecycle: 'draining', drain: result.drain });
    expect(await child.stop()).toBe(0);
    expect(lines.filter((line) => line.event === 'node.drain')).toHaveLength(1);
  }, 30_000);

  it('drains on SIGTERM when nobody drained the node, then stops cleanly', async () => {
    const { child, lines } = await startNodeProcess('sigterm-proc');
    expect(await child.stop()).toBe(0);
    const drained = lines.filter((line) => line.event === 'node.drain');
    expect(drained).toHaveLength(1);
    expect(drained[0]).toMatchObject({ state: 'drained', unsaved: 0, deadlineAt: expect.any(String) });
  }, 30_000);

  it('stops on SIGINT without draining', async () => {
    const { child, lines } = await startNodeProcess('sigint-proc');
    child.signal('SIGINT');
    await waitFor(() => !child.running, 15_000, 'the node to exit');
    expect(await child.stop()).toBe(0);
    expect(lines.filter((line) => line.event === 'node.drain')).toEqual([]);
  }, 30_000);

  it('exits 1 and says why on a wrong key, with no drain started', async () => {
    const { url } = await startInProcessNode();
    const written: string[] = [];
    const env = { GAMECLUSTER_ADMIN_KEY: Buffer.alloc(32, 9).toString('base64url') };
    expect(await runDrainCommand(['--admin-url', url], env, (line) => written.push(line))).toBe(1);
    const result = JSON.parse(written.join('')) as DrainCommandResult;
    expect(result).toMatchObject({ ok: false, state: null, drain: null });
    expect(result.error).toMatch(/^POST \/drain answered 401: unauthorized/);
    expect(node!.lifecycle).toBe('started');
  });

  it('exits 1 when no node answers within the timeout', async () => {
    const written: string[] = [];
    const args = ['--admin-url', `http://${nextTestHost()}:59999`, '--timeout-seconds', '1'];
    const started = Date.now();
    expect(await runDrainCommand(args, NODE_ENV, (line) => written.push(line))).toBe(1);
    expect(Date.now() - started).toBeLessThan(3_000);
    const result = JSON.parse(written.join('')) as DrainCommandResult;
    expect(result).toMatchObject({ ok: false, state: null });
    expect(result.error).toMatch(/^timed out: POST \/drain: ECONNREFUSED/);
  });

  it('reports a drain whose saves fail as failed (not ok)', async () => {
    const { url, store } = await startInProcessNode();
    await node!.system.ref(Wallet, 'w1').earn(1);
    store.failing = true;
    const result = await drainNode({ adminUrl: url, timeoutSeconds: 10, key: ADMIN_KEY }, { pollIntervalMs: 20 });
    expect(result).toMatchObject({ ok: false, state: 'failed', drain: { state: 'failed', unsaved: 1 } });
    expect(result.error).toMatch(/1 dirty document\(s\) were not saved/);
    store.failing = false;
  });
});
