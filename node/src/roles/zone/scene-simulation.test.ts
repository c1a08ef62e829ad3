// The tick loop on a test clock: queued moves applied in order and speed-checked, the rules' hooks, spawns and
// despawns seen only by nearby players, what a delta holds (and when none is sent), and a snapshot's round trip.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ActorContext } from '../../actor/actor-context.ts';
import { InvalidMoveError, InvalidSceneEntityError, NotInSceneError } from './errors.ts';
import { resolveSceneRules } from './scene-rules.ts';
import { SceneSimulation } from './scene-simulation.ts';
import { SCENE_PUSH, type SceneDelta, type SceneRules } from './scene-types.ts';
import { probeContext, RecordingSceneHost } from './testing-zone.ts';

let ctx: ActorContext;
let stopProbe: () => Promise<void>;

beforeAll(async () => {
  ({ ctx, stop: stopProbe } = await probeContext());
});

afterAll(async () => {
  await stopProbe();
});

const BASE_RULES: SceneRules = { width: 1000, height: 1000, cellSize: 100, maxSpeed: 100 };

function setup(rules: Partial<SceneRules> = {}, t0 = 1_000) {
  const host = new RecordingSceneHost(ctx);
  const simulation = new SceneSimulation({
    id: 'sim-1',
    spec: { type: 'test' },
    rules: resolveSceneRules('test', { ...BASE_RULES, ...rules }),
    tickHz: 20,
    host,
    nowMs: t0,
    openedAtMs: 0,
  });
  return { host, simulation };
}

function deltasTo(host: RecordingSceneHost, playerId: string): SceneDelta[] {
  return host.to<SceneDelta>(playerId, SCENE_PUSH.delta);
}

describe('SceneSimulation tick', () => {
  it('applies the queued moves in arrival order at the next tick, not before', () => {
    const { simulation } = setup();
    const a = simulation.addPlayer('a', 1_000);
    const b = simulation.addPlayer('b', 1_000);
    simulation.queueMove('a', 510, 500);
    simulation.queueMove('b', 490, 500);
    simulation.queueMove('a', 510, 510);
    expect([a.x, a.y]).toEqual([500, 500]);
    simulation.runTick(2_000);
    // In order: a went to (510, 500), then to (510, 510); the other order would have ended at (510, 500).
    expect([a.x, a.y]).toEqual([510, 510]);
    expect([b.x, b.y]).toEqual([490, 500]);
    simulation.queueMove('a', 520, 510);
    simulation.queueMove('a', 510, 510);
    simulation.runTick(3_000);
    expect([a.x, a.y]).toEqual([510, 510]);
  });

  it('clamps a move to what the speed allows since the last one, sharing the time between moves of one tick', () => {
    const { simulation } = setup();
    const a = simulation.addPlayer('a', 1_000);
    simulation.queueMove('a', 900, 500);
    simulation.runTick(1_100); // 100 ms at 100 u/s (+10%): 11 units
    expect(a.x).toBeCloseTo(511, 6);
    simulation.queueMove('a', 900, 500);
    simulation.queueMove('a', 900, 500);
    simulation.runTick(1_150); // two moves share 50 ms: 5.5 units in all
    expect(a.x).toBeCloseTo(516.5, 6);
    simulation.runTick(11_150); // ten seconds idle bank at most 250 ms
    simulation.queueMove('a', 900, 500);
    simulation.runTick(11_160);
    expect(a.x).toBeCloseTo(516.5 + 27.5, 6);
  });

  it('keeps moves inside the bounds and refuses what is not a number', () => {
    const { simulation } = setup({ maxSpeed: 100_000 });
    const a = simulation.addPlayer('a', 0);
    simulation.queueMove('a', -50, 2_000);
    simulation.runTick(1_000);
    expect([a.x, a.y]).toEqual([0, 1_000]);
    for (const [x, y] of [
      [Number.NaN, 1],
      [1, Number.POSITIVE_INFINITY],
      ['1', 2],
      [null, 2],
    ] as [number, number][]) {
      expect(() => simulation.queueMove('a', x, y)).toThrow(InvalidMoveError);
    }
    expect(() => simulation.queueMove('nobody', 1, 1)).toThrow(NotInSceneError);
    expect(() => {
      a.x = Number.NaN;
    }).toThrow(InvalidMoveError);
  });

  it('gives onTick the real elapsed time, after the moves and before the deltas', () => {
    const seen: { dtMs: number; x: number; deltasBefore: number }[] = [];
    const { simulation, host } = setup({
      onTick: (scene, dtMs) => {
        seen.push({ dtMs, x: scene.player('a')!.x, deltasBefore: host.pushes.length });
      },
    });
    const a = simulation.addPlayer('a', 1_000);
    simulation.queueMove('a', 501, 500);
    simulation.runTick(1_050);
    simulation.runTick(1_130);
    expect(seen).toEqual([
      { dtMs: 50, x: 501, deltasBefore: 0 },
      { dtMs: 80, x: 501, deltasBefore: 1 },
    ]);
    expect(a.x).toBe(501);
  });

  it('reports what onTick throws and still sends the deltas', () => {
    const { simulation, host } = setup({
      onTick: () => {
        throw new Error('rules bug');
      },
    });
    simulation.addPlayer('a', 0);
    simulation.runTick(50);
    expect(host.errors.map((e) => (e.error as Error).message)).toEqual(['rules bug']);
    expect(deltasTo(host, 'a')).toHaveLength(1);
  });
});

describe('SceneSimulation deltas', () => {
  function twoCorners() {
    const context = setup({
      onJoin: (_scene, entity) => {
        if (entity.playerId === 'near') {
          entity.x = 50;
          entity.y = 50;
        } else {
          entity.x = 950;
          entity.y = 950;
        }
      },
    });
    context.simulation.addPlayer('near', 0);
    context.simulation.addPlayer('far', 0);
    context.simulation.runTick(50);
    context.host.clear();
    return context;
  }

  it('sends a joining player its position and what it sees, and nothing about itself in enter or move', () => {
    const { simulation, host } = setup();
    const a = simulation.addPlayer('a', 0);
    const b = simulation.addPlayer('b', 0);
    simulation.runTick(50);
    expect(deltasTo(host, 'a')).toEqual([
      {
        s: 'sim-1',
        t: 1,
        self: [500, 500],
        enter: [[b.id, 'player', 500, 500, { playerId: 'b' }]],
        move: [],
        leave: [],
      },
    ]);
    host.clear();
    simulation.runTick(100);
    expect(host.pushes).toEqual([]); // nothing changed: no delta
    simulation.queueMove('a', 501, 500);
    simulation.runTick(150);
    expect(deltasTo(host, 'a')).toEqual([{ s: 'sim-1', t: 3, self: [501, 500], enter: [], move: [], leave: [] }]);
    expect(deltasTo(host, 'b')).toEqual([
      { s: 'sim-1', t: 3, self: [500, 500], enter: [], move: [[a.id, 501, 500]], leave: [] },
    ]);
  });

  it('shows spawns, moves and despawns only to players whose neighbourhood holds them', () => {
    const { simulation, host } = twoCorners();
    const coin = simulation.spawn('coin', 120, 80, { value: 5 });
    simulation.runTick(100);
    expect(deltasTo(host, 'near')).toEqual([
      { s: 'sim-1', t: 2, self: [50, 50], enter: [[coin.id, 'coin', 120, 80, { value: 5 }]], move: [], leave: [] },
    ]);
    expect(deltasTo(host, 'far')).toEqual([]);
    host.clear();
    coin.x = 150;
    simulation.runTick(150);
    expect(deltasTo(host, 'near').map((d) => d.move)).toEqual([[[coin.id, 150, 80]]]);
    expect(deltasTo(host, 'far')).toEqual([]);
    host.clear();
    coin.x = 250; // cell 2: outside near's 3x3 cells
    simulation.runTick(200);
    expect(deltasTo(host, 'near').map((d) => d.leave)).toEqual([[coin.id]]);
    host.clear();
    coin.x = 150;
    simulation.runTick(250);
    expect(deltasTo(host, 'near').map((d) => d.enter)).toEqual([[[coin.id, 'coin', 150, 80, { value: 5 }]]]);
    host.clear();
    expect(simulation.despawn(coin.id)).toBe(true);
    expect(simulation.despawn(coin.id)).toBe(false);
    simulation.runTick(300);
    expect(deltasTo(host, 'near').map((d) => d.leave)).toEqual([[coin.id]]);
    expect(deltasTo(host, 'far')).toEqual([]);
  });

  it('refuses bad spawns and the despawn of a player entity', () => {
    const { simulation } = twoCorners();
    expect(() => simulation.spawn('', 1, 1)).toThrow(InvalidSceneEntityError);
    expect(() => simulation.spawn('coin', 1, 1, [] as unknown as Record<string, unknown>)).toThrow(
      InvalidSceneEntityError,
    );
    expect(() => simulation.spawn('coin', Number.NaN, 1)).toThrow(InvalidMoveError);
    expect(() => simulation.despawn(simulation.player('near')!.id)).toThrow(InvalidSceneEntityError);
  });

  it('lets a leaving player disappear for others, after onLeave', () => {
    const left: string[] = [];
    const { simulation, host } = setup({ onLeave: (scene, entity) => left.push(`${entity.playerId} in ${scene.id}`) });
    simulation.addPlayer('a', 0);
    const b = simulation.addPlayer('b', 0);
    simulation.runTick(50);
    host.clear();
    expect(simulation.removePlayer('b')).toBe(true);
    expect(simulation.removePlayer('b')).toBe(false);
    simulation.runTick(100);
    expect(left).toEqual(['b in sim-1']);
    expect(deltasTo(host, 'a').map((d) => d.leave)).toEqual([[b.id]]);
    expect(simulation.players()).toEqual(['a']);
  });

  it('emits events to every player or to the ones named, and finds entities near a point', () => {
    const { simulation, host } = twoCorners();
    const coin = simulation.spawn('coin', 60, 60);
    simulation.emit('hello', { n: 1 });
    simulation.emit('psst', 2, ['far']);
    expect(host.pushes.filter((p) => p.event === SCENE_PUSH.event)).toEqual([
      { playerIds: ['near', 'far'], event: 'scene.event', data: { s: 'sim-1', name: 'hello', data: { n: 1 } } },
      { playerIds: ['far'], event: 'scene.event', data: { s: 'sim-1', name: 'psst', data: 2 } },
    ]);
    expect(
      simulation
        .near(55, 55, 10)
        .map((e) => e.id)
        .sort(),
    ).toEqual([simulation.player('near')!.id, coin.id].sort());
    expect(simulation.near(950, 950, 1).map((e) => e.playerId)).toEqual(['far']);
    expect(simulation.near(500, 500, 100)).toEqual([]);
  });

  it('takes back a failed onJoin', () => {
    const { simulation } = setup({
      onJoin: () => {
        throw new Error('no');
      },
    });
    expect(() => simulation.addPlayer('a', 0)).toThrow('no');
    expect(simulation.players()).toEqual([]);
    expect([...simulation.entities()]).toEqual([]);
  });
});

describe('SceneSimulation snapshot', () => {
  it('restores entities, players, ids, tick and data; every player gets fresh enters', () => {
    const { simulation } = setup();
    simulation.addPlayer('a', 0);
    const b = simulation.addPlayer('b', 0);
    simulation.spawn('coin', 510, 510, { value: 3 });
    simulation.data.score = { a: 2 };
    simulation.runTick(50);
    simulation.runTick(100);
    const host = new RecordingSceneHost(ctx);
    const restored = SceneSimulation.restore(
      {
        id: 'sim-1',
        spec: simulation.spec,
        rules: simulation.rules,
        tickHz: 20,
        host,
        nowMs: 5_000,
        openedAtMs: 0,
      },
      structuredClone(simulation.snapshot(null, null)),
    );
    expect(restored.tick).toBe(2);
    expect(restored.players()).toEqual(['a', 'b']);
    expect(restored.data).toEqual({ score: { a: 2 } });
    expect([...restored.entities()].map((e) => [e.id, e.kind, e.x, e.y, e.data, e.playerId])).toEqual(
      [...simulation.entities()].map((e) => [e.id, e.kind, e.x, e.y, e.data, e.playerId]),
    );
    expect(restored.spawn('coin', 520, 520).id).toBe(4);
    restored.runTick(5_050);
    expect(
      deltasTo(host, 'a')[0]!
        .enter.map((e) => e[0])
        .sort(),
    ).toEqual([b.id, 3, 4].sort());
  });
});
