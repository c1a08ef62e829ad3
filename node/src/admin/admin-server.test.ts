// The admin server on a real node (memory provider, memory store, a real gate): metrics in Prometheus text with
// our gauges, readiness that follows the node's lifecycle, and status JSON.
import { afterEach, describe, expect, it } from '@jest/globals';
import type { GameNode } from '../game-node.ts';
import { gameNodeProcessFrom } from '../game-node-process.ts';
import { AdminServer } from './admin-server.ts';

const KEY = Buffer.alloc(32, 3).toString('base64url');

describe('AdminServer', () => {
  let node: GameNode | undefined;
  let admin: AdminServer | undefined;

  afterEach(async () => {
    await admin?.stop();
    await node?.stop();
    admin = undefined;
    node = undefined;
  });

  async function start(): Promise<string> {
    const built = await gameNodeProcessFrom(
      [
        ...['--name', 'admin-test', '--provider', 'memory', '--store', 'memory', '--mesh-host', '127.0.0.31'],
        ...['--gate-host', '127.0.0.31', '--gate-port', '0', '--admin-host', '127.0.0.31', '--admin-port', '0'],
      ],
      { GAMECLUSTER_CLUSTER_KEY: KEY },
    );
    node = built.node;
    expect(built.admin).toEqual({ host: '127.0.0.31', port: 0, key: undefined, sigtermDrainSeconds: 10 });
    await node.start();
    admin = new AdminServer(node, { host: '127.0.0.31', port: 0 });
    await admin.start();
    return admin.url;
  }

  it('serves Prometheus metrics with the node gauges and process metrics', async () => {
    const url = await start();
    const response = await fetch(`${url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(text).toContain('# TYPE gamecluster_actor_activations gauge');
    expect(text).toMatch(/gamecluster_cluster_members\{role="all"\} 1/);
    expect(text).toContain('gamecluster_process_resident_memory_bytes');
  });

  it('is ready once started and not ready while draining; healthz stays ok', async () => {
    const url = await start();
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    await node!.drain();
    const readyz = await fetch(`${url}/readyz`);
    expect(readyz.status).toBe(503);
    expect(await readyz.json()).toEqual({ ready: false, lifecycle: 'draining' });
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  });

  it('reports status as JSON and refuses unknown paths and methods', async () => {
    const url = await start();
    const status = (await (await fetch(`${url}/status`)).json()) as Record<string, unknown>;
    expect(status).toMatchObject({ name: 'admin-test', roles: [], lifecycle: 'started', lease: 'healthy', players: 0 });
    expect(String(status.member)).toMatch(/^admin-test\./);
    expect((await fetch(`${url}/nope`)).status).toBe(404);
    expect((await fetch(`${url}/status`, { method: 'POST' })).status).toBe(405);
  });
});
