// Scene rules: every invalid field reported at registration, defaults applied, one registration per type and
// system, and unknown types named with the ones that exist.
import { describe, expect, it } from '@jest/globals';
import { ActorSystem } from '../../actor/actor-system.ts';
import { InvalidSceneRulesError, UnknownSceneTypeError } from './errors.ts';
import { registerSceneRules, resolveSceneRules, ZoneRegistry } from './scene-rules.ts';
import type { SceneRules } from './scene-types.ts';

const GOOD: SceneRules = { width: 1000, height: 800, cellSize: 50, maxSpeed: 200 };

describe('resolveSceneRules', () => {
  it('applies the defaults', () => {
    expect(resolveSceneRules('town', GOOD)).toMatchObject({
      type: 'town',
      width: 1000,
      height: 800,
      cellSize: 50,
      viewCells: 1,
      maxSpeed: 200,
      tickHz: null,
      maxPlayers: Number.POSITIVE_INFINITY,
    });
    expect(resolveSceneRules('room', { ...GOOD, viewCells: 0, tickHz: 60, maxPlayers: 8 })).toMatchObject({
      viewCells: 0,
      tickHz: 60,
      maxPlayers: 8,
    });
  });

  const cases: { desc: string; type?: string; rules: Partial<Record<keyof SceneRules, unknown>>; want: RegExp }[] = [
    { desc: 'a bad type name', type: 'has space', rules: {}, want: /type "has space"/ },
    { desc: 'a zero width', rules: { width: 0 }, want: /width must be a finite number > 0/ },
    { desc: 'an infinite height', rules: { height: Number.POSITIVE_INFINITY }, want: /height must/ },
    { desc: 'a negative cell size', rules: { cellSize: -1 }, want: /cellSize must/ },
    { desc: 'no speed', rules: { maxSpeed: undefined }, want: /maxSpeed must/ },
    { desc: 'fractional viewCells', rules: { viewCells: 1.5 }, want: /viewCells must be a whole number from 0 to 16/ },
    { desc: 'huge viewCells', rules: { viewCells: 17 }, want: /viewCells/ },
    { desc: 'a tick rate out of range', rules: { tickHz: 121 }, want: /tickHz must be a whole number from 1 to 120/ },
    { desc: 'zero maxPlayers', rules: { maxPlayers: 0 }, want: /maxPlayers must be a whole number ≥ 1/ },
    { desc: 'a hook that is not a function', rules: { onTick: 'tick' }, want: /onTick must be a function/ },
    { desc: 'too many cells', rules: { width: 1e9, height: 1e9, cellSize: 1 }, want: /use a bigger cellSize/ },
  ];

  it.each(cases)('refuses $desc', ({ type, rules, want }) => {
    const call = () => resolveSceneRules(type ?? 'town', { ...GOOD, ...rules } as SceneRules);
    expect(call).toThrow(InvalidSceneRulesError);
    expect(call).toThrow(want);
  });

  it('lists every problem at once', () => {
    try {
      resolveSceneRules('town', { width: -1, height: -1, cellSize: 0, maxSpeed: 0 });
      throw new Error('accepted');
    } catch (error) {
      expect((error as InvalidSceneRulesError).details?.problems).toHaveLength(4);
    }
  });

  it('refuses rules that are not an object', () => {
    expect(() => resolveSceneRules('town', null as unknown as SceneRules)).toThrow(InvalidSceneRulesError);
  });
});

describe('registerSceneRules', () => {
  it('registers a type once per system and names the registered ones for an unknown type', () => {
    const system = new ActorSystem();
    registerSceneRules(system, 'town', GOOD);
    registerSceneRules(system, 'arena', GOOD);
    expect(() => registerSceneRules(system, 'town', GOOD)).toThrow(/already registered/);
    expect(ZoneRegistry.of(system).rulesOf('town').type).toBe('town');
    expect(() => ZoneRegistry.of(system).rulesOf('dungeon')).toThrow(UnknownSceneTypeError);
    expect(() => ZoneRegistry.of(system).rulesOf('dungeon')).toThrow(/registered: town, arena/);
    expect(() => ZoneRegistry.of(new ActorSystem()).rulesOf('town')).toThrow(/registered: none/);
  });
});
