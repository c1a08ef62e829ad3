// The Scene actor on real nodes (a gate and db node, a zone node) with real GameClients: joining binds the
// client as 'scene'; clients move and act through it and see each other's deltas; rooms admit only their players;
// close pushes 'scene.closed' and unbinds; bad input gets typed errors.
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { ActorRef } from '../../actor/actor-ref.ts';
import { bindClient } from '../../gate/bind-client.ts';
import { waitFor } from '../../gate/testing-gate.ts';
import { Scene } from './scene.ts';
import type { SceneClosedPush, SceneDelta, SceneEventPush, SceneRules } from './scene-types.ts';
import { startZoneCluster, ZoneTestClient, type ZoneTestCluster } from './testing-zone.ts';

const GEOMETRY = { width: 1000, height: 1000, cellSize: 100, maxSpeed: 1000 };

const ARENA: SceneRules = {
  ...GEOMETRY,
  onOpen: (scene) => {
    scene.data.picked = 0;
    scene.spawn('coin', 520, 520, { value: 1 });
  },
  onAction: (scene, playerId, action) => {
    if (action === 'pick') {
      const coin = [...scene.entities()].find((entity) => entity.kind === 'coin');
      if (coin === undefined) return { picked: scene.data.picked };
      scene.despawn(coin.id);
      scene.data.picked = (scene.data.picked as number) + 1;
      scene.emit('picked', { by: playerId });
      return { picked: scene.data.picked };
    }
    if (action === 'end') {
      scene.close('finished', { winner: playerId });
      return 'closing';
    }
    throw new Error(`unknown action ${action}`);
  },
};

let zone: ZoneTestCluster;
const clients: ZoneTestClient[] = [];

beforeAll(async () => {
  zone = await startZoneCluster(
    [
      { name: 'gate-db', roles: ['gate', 'db'] },
      { name: 'zone', roles: ['zone'] },
    ],
    {
      types: {
        arena: ARENA,
        room: { ...GEOMETRY },
        solo: { ...GEOMETRY, maxPlayers: 1, tickHz: 50 },
        picky: { ...GEOMETRY, canJoin: (_scene, playerId) => (playerId.startsWith('vip') ? true : 'members only') },
      },
    },
  );
});

afterEach(() => {
  for (const client of clients.splice(0)) client.close();
});

afterAll(async () => {
  await zone.stop();
});

async function connect(playerId: string): Promise<ZoneTestClient> {
  const client = await ZoneTestClient.connect(zone.url, playerId);
  clients.push(client);
  return client;
}

function scene(id: string): ActorRef<Scene> {
  return zone.nodes[0]!.node.system.ref(Scene, id);
}

function codeOf(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => 'resolved',
    (error: { code?: string }) => error.code ?? String(error),
  );
}

describe('Scene', () => {
  it('binds a joining player: its client moves through scene.move and sees others enter, move and leave', async () => {
    const [a, b] = [await connect('a1'), await connect('b1')];
    const info = await scene('town-1').join('a1', { type: 'arena' });
    expect(info).toEqual({
      sceneId: 'town-1',
      type: 'arena',
      entityId: 2,
      x: 500,
      y: 500,
      width: 1000,
      height: 1000,
      cellSize: 100,
      viewCells: 1,
      tickHz: 20,
      maxSpeed: 1000,
    });
    const joinedB = await scene('town-1').join('b1');
    await a.waitFor<SceneDelta>('scene.delta', (d) => d.enter.some((e) => e[0] === joinedB.entityId));
    const firstOfB = await b.waitFor<SceneDelta>('scene.delta');
    expect(firstOfB.self).toEqual([500, 500]);
    expect(firstOfB.enter.map((e) => e[1]).sort()).toEqual(['coin', 'player']);
    expect(firstOfB.enter.some((e) => e[0] === joinedB.entityId)).toBe(false);

    await b.client.request('scene.move', 540, 500);
    await a.waitFor<SceneDelta>('scene.delta', (d) => d.move.some((m) => m[0] === joinedB.entityId && m[1] === 540));
    await b.waitFor<SceneDelta>('scene.delta', (d) => d.self[0] === 540);

    expect(await scene('town-1').leave('b1')).toBe(true);
    expect(await scene('town-1').leave('b1')).toBe(false);
    await a.waitFor<SceneDelta>('scene.delta', (d) => d.leave.includes(joinedB.entityId));
    expect(await codeOf(b.client.request('scene.move', 1, 1))).toBe('GC_ERR_UNKNOWN_ROUTE');
    expect((await scene('town-1').info()).players).toBe(1);
  });

  it('leaves the binding to the caller with bind: false and keeps it with unbind: false', async () => {
    const c = await connect('c1');
    await scene('town-2').join('c1', { type: 'arena' }, { bind: false });
    await c.waitFor<SceneDelta>('scene.delta', (d) => d.s === 'town-2');
    expect(await codeOf(c.client.request('scene.move', 510, 500))).toBe('GC_ERR_UNKNOWN_ROUTE');
    await bindClient(zone.nodes[0]!.node.system, 'c1', 'scene', Scene, 'town-2');
    expect(await c.client.request('scene.move', 510, 500)).toBeNull();

    await scene('town-3').join('c1', { type: 'arena' }, { bind: false });
    expect(await scene('town-2').leave('c1', { unbind: false })).toBe(true);
    // The binding still names town-2 (the caller rebinds to the new scene): the call reaches town-2, which has
    // no such player any more.
    expect(await codeOf(c.client.request('scene.move', 520, 500))).toBe('GC_ERR_NOT_IN_SCENE');
  });

  it('answers a bad move request with GC_ERR_INVALID_MOVE; a bad notify is dropped and reported on the node', async () => {
    const a = await connect('a2');
    await scene('town-2').join('a2', { type: 'arena' });
    expect(await codeOf(a.client.request('scene.move', 'left', 1))).toBe('GC_ERR_INVALID_MOVE');
    const errors = zone.node('zone').errors;
    const before = errors.length;
    a.client.notify('scene.move', 1, 'up');
    await waitFor(() =>
      errors.slice(before).some((e) => (e.error as { code?: string }).code === 'GC_ERR_INVALID_MOVE'),
    );
    expect(await codeOf(scene('town-2').move('stranger', 1, 1))).toBe('GC_ERR_NOT_IN_SCENE');
  });

  it('runs onAction for scene.act and answers its result; events and despawns reach the players', async () => {
    const [a, b] = [await connect('a3'), await connect('b3')];
    await scene('town-3').join('a3', { type: 'arena' });
    await scene('town-3').join('b3');
    const coinDelta = await a.waitFor<SceneDelta>('scene.delta', (d) => d.enter.some((e) => e[1] === 'coin'));
    const coinId = coinDelta.enter.find((e) => e[1] === 'coin')![0];
    expect(await a.client.request('scene.act', 'pick')).toEqual({ picked: 1 });
    expect(await b.waitFor<SceneEventPush>('scene.event')).toEqual({ s: 'town-3', name: 'picked', data: { by: 'a3' } });
    await b.waitFor<SceneDelta>('scene.delta', (d) => d.leave.includes(coinId));
    expect(await a.client.request('scene.act', 'pick')).toEqual({ picked: 1 });
    expect(await codeOf(a.client.request('scene.act', 'dance'))).toBe('GC_ERR_HANDLER');
    expect(await codeOf(a.client.request('scene.act', ''))).toBe('GC_ERR_INVALID_SCENE_ACTION');
    expect(await codeOf(scene('town-3').act('stranger', 'pick'))).toBe('GC_ERR_NOT_IN_SCENE');
    await scene('room-noact').open({ type: 'room' });
    await scene('room-noact').join('a3');
    expect(await codeOf(a.client.request('scene.act', 'pick'))).toBe('GC_ERR_INVALID_SCENE_ACTION');
  });

  it("admits only a room's players, no more than maxPlayers, and whom canJoin accepts", async () => {
    const room = scene('room-1');
    expect(await room.open({ type: 'room', players: ['a4', 'b4'] })).toMatchObject({ open: true, type: 'room' });
    expect(await codeOf(room.join('c4'))).toBe('GC_ERR_SCENE_JOIN_REFUSED');
    expect((await room.join('a4')).sceneId).toBe('room-1');
    expect((await room.join('a4')).sceneId).toBe('room-1');
    expect((await room.info()).players).toBe(1);
    const solo = scene('solo-1');
    expect((await solo.join('a4', { type: 'solo' })).tickHz).toBe(50);
    expect(await codeOf(solo.join('b4'))).toBe('GC_ERR_SCENE_JOIN_REFUSED');
    const picky = scene('picky-1');
    await expect(picky.join('b4', { type: 'picky' })).rejects.toThrow(/members only/);
    expect((await picky.join('vip-4')).type).toBe('picky');
  });

  it("close pushes 'scene.closed' to every player and unbinds them; a closed scene stays closed", async () => {
    const [a, b] = [await connect('a5'), await connect('b5')];
    const town = scene('town-5');
    await town.join('a5', { type: 'arena' });
    await town.join('b5');
    expect(await town.close('done', { best: 'a5' })).toMatchObject({ closed: true, open: false, players: 0 });
    for (const client of [a, b]) {
      expect(await client.waitFor<SceneClosedPush>('scene.closed')).toEqual({
        s: 'town-5',
        reason: 'done',
        result: { best: 'a5' },
      });
      expect(await codeOf(client.client.request('scene.move', 1, 1))).toBe('GC_ERR_UNKNOWN_ROUTE');
    }
    expect(await codeOf(town.join('a5'))).toBe('GC_ERR_SCENE_CLOSED');
    expect(await codeOf(town.open({ type: 'arena' }))).toBe('GC_ERR_SCENE_CLOSED');
    expect(await codeOf(town.move('a5', 1, 1))).toBe('GC_ERR_SCENE_CLOSED');
    expect(await town.info()).toMatchObject({ sceneId: 'town-5', type: 'arena', closed: true });
    expect(a.lifecycle).toEqual(['connected']);
  });

  it('closes itself when the rules say so', async () => {
    const a = await connect('a6');
    await scene('town-6').join('a6', { type: 'arena' });
    expect(await a.client.request('scene.act', 'end')).toBe('closing');
    expect(await a.waitFor<SceneClosedPush>('scene.closed')).toEqual({
      s: 'town-6',
      reason: 'finished',
      result: { winner: 'a6' },
    });
    expect(await scene('town-6').info()).toMatchObject({ closed: true });
  });

  it('opens idempotently, refuses another type, unknown types and joins without a spec before open', async () => {
    const town = scene('town-7');
    expect(await codeOf(town.join('a7'))).toBe('GC_ERR_SCENE_NOT_OPEN');
    expect(await codeOf(town.move('a7', 1, 1))).toBe('GC_ERR_SCENE_NOT_OPEN');
    expect(await town.info()).toEqual({ sceneId: 'town-7', type: '', tick: 0, players: 0, open: false, closed: false });
    expect(await codeOf(town.open({ type: 'nowhere' }))).toBe('GC_ERR_UNKNOWN_SCENE_TYPE');
    expect(await codeOf(town.open({ type: 'bad type' }))).toBe('GC_ERR_INVALID_SCENE_SPEC');
    expect(await codeOf(town.open({ type: 'room', players: [''] }))).toBe('GC_ERR_INVALID_SCENE_SPEC');
    await town.open({ type: 'arena' });
    await town.open({ type: 'arena', params: { ignored: true } });
    expect(await codeOf(town.open({ type: 'room' }))).toBe('GC_ERR_INVALID_SCENE_SPEC');
    expect((await town.info()).type).toBe('arena');
    expect(await codeOf(town.join(''))).toBe('GC_ERR_SCENE_JOIN_REFUSED');
  });

  it('ticks at its rate and reports its tick times', async () => {
    const town = scene('town-8');
    await town.open({ type: 'arena' });
    const start = (await town.info()).tick;
    await new Promise((resolve) => setTimeout(resolve, 500));
    const stats = await town.stats();
    expect(stats.tick - start).toBeGreaterThanOrEqual(3); // fewer when the event loop stalls, never more than the rate allows
    expect(stats.tick - start).toBeLessThanOrEqual(12);
    expect(stats).toMatchObject({ sceneId: 'town-8', tickHz: 20, players: 0, entities: 1 });
    expect(stats.ticksMeasured).toBeGreaterThanOrEqual(3);
    expect(stats.tickMsMax).toBeGreaterThanOrEqual(stats.tickMsP99);
    await town.stats(true);
    expect((await town.stats()).ticksMeasured).toBeLessThanOrEqual(2);
  });
});
