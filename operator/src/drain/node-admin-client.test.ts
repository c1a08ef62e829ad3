// The operator's admin client against a real game node (built as the node process builds it, real admin server
// on loopback): status parsing, a drain requested with the admin key and seen through /status, a wrong key
// refused with a typed error, an unreachable node read as unknown, and the poller noticing the change.
import { afterEach, describe, expect, it } from '@jest/globals';
import { AdminServer } from '../../../node/src/admin/admin-server.ts';
import type { GameNode } from '../../../node/src/game-node.ts';
import { gameNodeProcessFrom } from '../../../node/src/game-node-process.ts';
import { nextTestHost } from '../../../node/src/gate/testing-gate.ts';
import { DrainRequestError, fetchNodeStatus, parseNodeStatus, requestDrain } from './node-admin-client.ts';
import { NodeStatusPoller } from './node-status-poller.ts';

const CLUSTER_KEY = Buffer.alloc(32, 3).toString('base64url');
const ADMIN_KEY = Buffer.alloc(32, 9).toString('base64url');

let node: GameNode | undefined;
let admin: AdminServer | undefined;

afterEach(async () => {
  await admin?.stop();
  await node?.stop();
  admin = undefined;
  node = undefined;
});

async function startNode(): Promise<string> {
  const host = nextTestHost();
  const built = await gameNodeProcessFrom(
    [
      ...['--name', 'operator-drain-test', '--provider', 'memory', '--store', 'memory', '--mesh-host', host],
      ...['--gate-host', host, '--gate-port', '0', '--admin-host', host, '--admin-port', '0'],
    ],
    { GAMECLUSTER_CLUSTER_KEY: CLUSTER_KEY, GAMECLUSTER_ADMIN_KEY: ADMIN_KEY },
  );
  node = built.node;
  await node.start();
  admin = new AdminServer(node, { host, port: 0, key: built.admin.key });
  await admin.start();
  return admin.url;
}

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('node admin client', () => {
  it('reads a started node, drains it with the admin key, and sees it drained', async () => {
    const url = await startNode();
    const before = await fetchNodeStatus(url, 2_000);
    expect(before).toMatchObject({ lifecycle: 'started', drain: 'none', players: 0, zonePlayers: 0 });
    expect(['draining', 'drained']).toContain(await requestDrain(url, ADMIN_KEY, 30, 2_000));
    const after = await waitFor(
      () => fetchNodeStatus(url, 2_000),
      (status) => status?.drain === 'drained',
    );
    expect(after).toMatchObject({ drain: 'drained', unsaved: 0 });
    // Asking again is harmless: the node reports the drain it already did.
    expect(await requestDrain(url, ADMIN_KEY, 30, 2_000)).toBe('drained');
  });

  it('refuses a wrong key with a typed error that says where the key comes from', async () => {
    const url = await startNode();
    const wrong = Buffer.alloc(32, 1).toString('base64url');
    const refusal = await requestDrain(url, wrong, 30, 2_000).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(DrainRequestError);
    expect((refusal as DrainRequestError).status).toBe(401);
    expect((refusal as Error).message).toMatch(/-keys Secret/);
    expect((await fetchNodeStatus(url, 2_000))?.drain).toBe('none');
  });

  it('reads an unreachable node and a foreign answer as unknown', async () => {
    expect(await fetchNodeStatus(`http://${nextTestHost()}:9`, 500)).toBeNull();
    expect(parseNodeStatus({ hello: 'world' })).toBeNull();
    expect(parseNodeStatus({ lifecycle: 'started', players: 'many', drain: { state: 'sideways' } })).toEqual({
      lifecycle: 'started',
      players: 0,
      zonePlayers: 0,
      load: 0,
      drain: 'none',
      unsaved: 0,
    });
  });

  it("polls tracked pods and reports a change of a pod's drain state once", async () => {
    const url = await startNode();
    const changes: string[] = [];
    const poller = new NodeStatusPoller({ intervalMs: 50, timeoutMs: 1_000, onChange: (key) => changes.push(key) });
    poller.track([
      { key: 'games/demo-zone-a', clusterKey: 'games/demo', adminUrl: url },
      { key: 'games/demo-zone-b', clusterKey: 'games/demo', adminUrl: null },
    ]);
    await poller.pollOnce();
    await poller.pollOnce();
    expect(changes).toEqual(['games/demo']);
    expect(poller.status('games/demo-zone-a')?.drain).toBe('none');
    expect(poller.status('games/demo-zone-b')).toBeNull();
    await requestDrain(url, ADMIN_KEY, 30, 2_000);
    await waitFor(
      async () => {
        await poller.pollOnce();
        return poller.status('games/demo-zone-a')?.drain;
      },
      (state) => state === 'drained',
    );
    expect(poller.status('games/demo-zone-a')?.drain).toBe('drained');
    expect(changes.length).toBeGreaterThanOrEqual(2);
    poller.track([]);
    expect(poller.status('games/demo-zone-a')).toBeNull();
  });
});
