// Property test of the area of interest: for any sequence of joins, leaves, spawns, despawns, walks and teleports,
// a client that applies its deltas in order knows exactly the entities in its neighbourhood (cells within viewCells,
// Chebyshev, of its own cell) at their current positions; it never receives an entity outside it, never itself,
// every entity is entered once before it moves, and moves and leaves name only entities it knows.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { ActorContext } from '../../actor/actor-context.ts';
import { resolveSceneRules } from './scene-rules.ts';
import { SceneSimulation } from './scene-simulation.ts';
import { SCENE_PUSH, type SceneDelta, type SceneEntity } from './scene-types.ts';
import { probeContext, RecordingSceneHost } from './testing-zone.ts';

let ctx: ActorContext;
let stopProbe: () => Promise<void>;

beforeAll(async () => {
  ({ ctx, stop: stopProbe } = await probeContext());
});

afterAll(async () => {
  await stopProbe();
});

const SIZE = 400;
const CELL = 50;
const coord = fc.double({ min: -20, max: SIZE + 20, noNaN: true });

type Op =
  | { op: 'join' }
  | { op: 'leave'; pick: number }
  | { op: 'spawn'; x: number; y: number }
  | { op: 'despawn'; pick: number }
  | { op: 'teleport'; pick: number; x: number; y: number }
  | { op: 'walk'; pick: number; x: number; y: number }
  | { op: 'tick' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.constant<Op>({ op: 'join' }),
  fc.record({ op: fc.constant('leave' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('spawn' as const), x: coord, y: coord }),
  fc.record({ op: fc.constant('despawn' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('teleport' as const), pick: fc.nat(), x: coord, y: coord }),
  fc.record({ op: fc.constant('walk' as const), pick: fc.nat(), x: coord, y: coord }),
  fc.constant<Op>({ op: 'tick' }),
  fc.constant<Op>({ op: 'tick' }),
);

type ClientView = Map<number, { kind: string; x: number; y: number }>;

function cellOf(v: number): number {
  return Math.min(Math.max(Math.floor(v / CELL), 0), Math.floor(SIZE / CELL));
}

function visible(self: SceneEntity, other: SceneEntity, viewCells: number): boolean {
  return (
    Math.abs(cellOf(self.x) - cellOf(other.x)) <= viewCells && Math.abs(cellOf(self.y) - cellOf(other.y)) <= viewCells
  );
}

describe('area of interest (property)', () => {
  // The small map keeps its cells in an array; the wide one (8,001 × 9 cells) in a Map, emptied cells swept.
  it.each([
    { map: 'a small map', width: SIZE },
    { map: 'a wide sparse map', width: 400_000 },
  ])(
    'keeps every client view equal to its neighbourhood, through enters, moves and leaves only ($map)',
    ({ width }) => {
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: 2 }),
          fc.array(opArb, { minLength: 20, maxLength: 100, size: 'max' }),
          (viewCells, ops) => {
            const host = new RecordingSceneHost(ctx);
            const rules = resolveSceneRules('prop', {
              width,
              height: SIZE,
              cellSize: CELL,
              viewCells,
              maxSpeed: 1e7,
            });
            const scene = new SceneSimulation({
              id: 's',
              spec: { type: 'prop' },
              rules,
              tickHz: 20,
              host,
              nowMs: 0,
              openedAtMs: 0,
            });
            const views = new Map<string, ClientView>();
            let nextPlayer = 0;
            let now = 0;
            const pick = <T>(list: T[], n: number): T | undefined =>
              list.length === 0 ? undefined : list[n % list.length];

            const tickAndCheck = () => {
              now += 50;
              host.clear();
              scene.runTick(now);
              for (const push of host.pushes) {
                expect(push.event).toBe(SCENE_PUSH.delta);
                expect(push.playerIds).toHaveLength(1);
                const playerId = push.playerIds[0]!;
                const delta = push.data as SceneDelta;
                const self = scene.player(playerId)!;
                const view = views.get(playerId)!;
                expect(delta.t).toBe(scene.tick);
                expect(delta.self).toEqual([self.x, self.y]);
                const ids = [...delta.enter.map((e) => e[0]), ...delta.move.map((m) => m[0]), ...delta.leave];
                expect(new Set(ids).size).toBe(ids.length); // each entity at most once per delta
                for (const [id, kind, x, y] of delta.enter) {
                  expect(id).not.toBe(self.id);
                  expect(view.has(id)).toBe(false); // entered once, before any move
                  expect(visible(self, scene.entity(id)!, viewCells)).toBe(true);
                  view.set(id, { kind, x, y });
                }
                for (const [id, x, y] of delta.move) {
                  expect(id).not.toBe(self.id);
                  expect(view.has(id)).toBe(true);
                  expect(visible(self, scene.entity(id)!, viewCells)).toBe(true);
                  view.set(id, { kind: view.get(id)!.kind, x, y });
                }
                for (const id of delta.leave) {
                  expect(view.has(id)).toBe(true);
                  view.delete(id);
                }
              }
              for (const playerId of scene.players()) {
                const self = scene.player(playerId)!;
                const expected = new Map<number, { kind: string; x: number; y: number }>();
                for (const entity of scene.entities()) {
                  if (entity !== self && visible(self, entity, viewCells)) {
                    expected.set(entity.id, { kind: entity.kind, x: entity.x, y: entity.y });
                  }
                }
                expect(views.get(playerId)).toEqual(expected);
              }
            };

            for (const op of ops) {
              const players = scene.players();
              const others = [...scene.entities()].filter((e) => e.playerId === undefined);
              switch (op.op) {
                case 'join': {
                  const playerId = `p${nextPlayer++}`;
                  scene.addPlayer(playerId, now);
                  views.set(playerId, new Map());
                  break;
                }
                case 'leave': {
                  const playerId = pick(players, op.pick);
                  if (playerId !== undefined) {
                    scene.removePlayer(playerId);
                    views.delete(playerId);
                  }
                  break;
                }
                case 'spawn':
                  scene.spawn('thing', op.x, op.y);
                  break;
                case 'despawn': {
                  const entity = pick(others, op.pick);
                  if (entity !== undefined) scene.despawn(entity.id);
                  break;
                }
                case 'teleport': {
                  const entity = pick([...scene.entities()], op.pick);
                  if (entity !== undefined) {
                    entity.x = op.x;
                    entity.y = op.y;
                  }
                  break;
                }
                case 'walk': {
                  const playerId = pick(players, op.pick);
                  if (playerId !== undefined) scene.queueMove(playerId, op.x, op.y);
                  break;
                }
                case 'tick':
                  tickAndCheck();
                  break;
              }
            }
            tickAndCheck();
          },
        ),
        { numRuns: 300 },
      );
    },
  );
});
