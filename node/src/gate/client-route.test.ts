// Route resolution: `player.<method>` is the caller's own player; other bindings come from the session; only
// clientMethods are reachable; every refusal has its code.
import { describe, expect, it } from '@jest/globals';
import { Actor } from '../actor/actor.ts';
import { ActorSystem } from '../actor/actor-system.ts';
import { type RouteContext, resolveRoute } from './client-route.ts';

class Hero extends Actor {
  move(): void {}
  cheat(): void {}
}
class Arena extends Actor {
  attack(): void {}
}

const system = new ActorSystem();
system.register(Hero, { name: 'Player', clientMethods: ['move'] });
system.register(Arena, { name: 'Arena', clientMethods: ['attack'] });

const context: RouteContext = {
  playerId: 'p1',
  playerKind: 'Player',
  bindings: new Map([
    ['scene', { kind: 'Arena', id: 'a1' }],
    ['ghost', { kind: 'Unregistered', id: 'g' }],
  ]),
  kind: (name) => system.kind(name),
};

describe('resolveRoute', () => {
  const cases: { route: string; want: string | { kind: string; id: string; method: string; callerFirst: boolean } }[] =
    [
      { route: 'player.move', want: { kind: 'Player', id: 'p1', method: 'move', callerFirst: false } },
      { route: 'scene.attack', want: { kind: 'Arena', id: 'a1', method: 'attack', callerFirst: true } },
      { route: 'player.cheat', want: 'GC_ERR_NOT_ALLOWED' },
      { route: 'player.nothing', want: 'GC_ERR_NOT_ALLOWED' },
      { route: 'player.onActivate', want: 'GC_ERR_NOT_ALLOWED' },
      { route: 'player.constructor', want: 'GC_ERR_NOT_ALLOWED' },
      { route: 'scene.move', want: 'GC_ERR_NOT_ALLOWED' },
      { route: 'player.move.x', want: 'GC_ERR_NOT_ALLOWED' },
      { route: 'room.attack', want: 'GC_ERR_UNKNOWN_ROUTE' },
      { route: 'ghost.attack', want: 'GC_ERR_UNKNOWN_ROUTE' },
      { route: 'move', want: 'GC_ERR_UNKNOWN_ROUTE' },
      { route: '.move', want: 'GC_ERR_UNKNOWN_ROUTE' },
      { route: 'player.', want: 'GC_ERR_UNKNOWN_ROUTE' },
    ];
  it.each(cases)('$route', ({ route, want }) => {
    const target = resolveRoute(route, context);
    if (typeof want === 'string') {
      expect(target).toBeInstanceOf(Error);
      expect((target as { code: string }).code).toBe(want);
    } else {
      expect(target).not.toBeInstanceOf(Error);
      const { kind, id, method, callerFirst } = target as Exclude<typeof target, Error>;
      expect({ kind: kind.name, id, method: method.name, callerFirst }).toEqual(want);
    }
  });
});
