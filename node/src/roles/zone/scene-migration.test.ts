// Draining a zone node migrates its scenes (a gate and db node, two zone nodes, real GameClients on the gate): the
// scene moves to the other zone node with its entities, players, tick and rules' data; the clients keep their
// sessions (no disconnect, no reconnect), get 'scene.resumed' and fresh enters, and keep moving.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { waitFor } from '../../gate/testing-gate.ts';
import { Scene } from './scene.ts';
import type { EnterTuple, JoinInfo, SceneDelta, SceneResumedPush } from './scene-types.ts';
import { startZoneCluster, ZoneTestClient, type ZoneTestCluster } from './testing-zone.ts';

let zone: ZoneTestCluster;

beforeAll(async () => {
  zone = await startZoneCluster(
    [
      { name: 'gate-db', roles: ['gate', 'db'] },
      { name: 'zone-a', roles: ['zone'] },
      { name: 'zone-b', roles: ['zone'] },
    ],
    {
      types: {
        field: {
          width: 1000,
          height: 1000,
          cellSize: 100,
          maxSpeed: 1000,
          onOpen: (scene) => {
            scene.data.planted = ['oak'];
            scene.spawn('tree', 480, 480, { species: 'oak' });
          },
          onAction: (scene) => scene.data,
        },
      },
    },
  );
});

afterAll(async () => {
  await zone.stop();
});

/** A client's view: what its deltas entered, moved and removed, as id → [kind, x, y]. */
function viewOf(client: ZoneTestClient, fromPush = 0): Map<number, [string, number, number]> {
  const view = new Map<number, [string, number, number]>();
  for (const push of client.pushes.slice(fromPush)) {
    if (push.event === 'scene.resumed') view.clear();
    if (push.event !== 'scene.delta') continue;
    const delta = push.data as SceneDelta;
    for (const [id, kind, x, y] of delta.enter as EnterTuple[]) view.set(id, [kind, x, y]);
    for (const [id, x, y] of delta.move) view.set(id, [view.get(id)![0], x, y]);
    for (const id of delta.leave) view.delete(id);
  }
  return view;
}

describe('scene migration', () => {
  it('moves a scene off a draining zone node without disconnecting its players', async () => {
    const players = ['m1', 'm2', 'm3'];
    const clients = await Promise.all(players.map((id) => ZoneTestClient.connect(zone.url, id)));
    const sessions = clients.map((client) => client.client.session!.sessionId);
    const field = zone.node('gate-db').node.system.ref(Scene, 'field-1');
    const joined: JoinInfo[] = [];
    for (const id of players) joined.push(await field.join(id, { type: 'field' }));
    await clients[0]!.client.request('scene.move', 530, 500);
    await waitFor(() => viewOf(clients[1]!).get(joined[0]!.entityId)?.[1] === 530, 5_000, 'm2 to see m1 move');
    const before = viewOf(clients[1]!);
    expect([...before.values()].map((entry) => entry[0]).sort()).toEqual(['player', 'player', 'tree']);
    const tickBefore = (await field.info()).tick;

    const from = zone.hostOf('field-1')!;
    const to = zone.nodes.find((node) => node.name !== from.name && node.name !== 'gate-db')!;
    const pushesBefore = clients.map((client) => client.pushes.length);
    // m3 keeps walking through the hand-over (notifies, as a game client sends them).
    let step = 0;
    const walker = setInterval(() => clients[2]!.client.notify('scene.move', 500, 500 + (++step % 2)), 10);
    await from.node.drain();
    await waitFor(() => zone.hostOf('field-1') === to, 5_000, 'the scene to activate on the other zone node');

    for (const [i, client] of clients.entries()) {
      expect(await client.waitFor<SceneResumedPush>('scene.resumed', () => true, pushesBefore[i])).toEqual({
        s: 'field-1',
      });
      const resumedAt = client.pushes.findIndex((push, at) => at >= pushesBefore[i]! && push.event === 'scene.resumed');
      // After the resume the client rebuilds the same view from fresh enters: same ids, kinds and positions.
      await waitFor(() => viewOf(client, resumedAt).size === 3, 5_000, `${client.playerId}'s fresh enters`);
      const expected = viewOf(client, 0);
      expect(viewOf(client, resumedAt)).toEqual(expected);
      expect(client.lifecycle).toEqual(['connected']);
      expect(client.client.state).toBe('open');
      expect(client.client.session!.sessionId).toBe(sessions[i]);
    }
    clearInterval(walker);
    expect(step).toBeGreaterThan(0);
    await waitFor(() => viewOf(clients[0]!).get(joined[2]!.entityId) !== undefined, 5_000, 'm1 to see m3');
    const m3 = joined[2]!.entityId;
    const { [m3]: _walker, ...others } = Object.fromEntries(viewOf(clients[1]!, 0));
    const { [m3]: _walkerBefore, ...othersBefore } = Object.fromEntries(before);
    expect(others).toEqual(othersBefore);
    expect((await field.info()).tick).toBeGreaterThanOrEqual(tickBefore);
    expect(await clients[2]!.client.request('scene.act', 'data')).toEqual({ planted: ['oak'] });

    await clients[0]!.client.request('scene.move', 560, 500);
    await waitFor(() => viewOf(clients[1]!).get(joined[0]!.entityId)?.[1] === 560, 5_000, 'm2 to see m1 move again');
    expect(zone.hostOf('field-1')).toBe(to);
    expect((await field.info()).players).toBe(3);
    for (const client of clients) client.close();
    // A notify that reached the draining node after the hand-over is refused there ("retry"); nothing else fails.
    for (const node of zone.nodes) {
      for (const { error } of node.errors) expect((error as { code?: string }).code).toBe('GC_ERR_SYSTEM_STOPPED');
    }
  });
});
