// Scene types per ActorSystem: game code registers each type's rules on every node (a scene may activate on any
// zone node), checked once here so the tick loop reads plain resolved numbers. The node's default tick rate lives
// beside them (installZone sets it).
import type { ActorSystem } from '../../actor/actor-system.ts';
import { InvalidSceneRulesError, UnknownSceneTypeError } from './errors.ts';
import type { SceneRules } from './scene-types.ts';
import { DEFAULT_ZONE_TICK_HZ, MAX_ZONE_TICK_HZ, MIN_ZONE_TICK_HZ } from './zone-config.ts';

/** Scene type names: what specs and SceneInfo carry. */
export const SCENE_TYPE_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;
/** viewCells above this would make every player see most of any sensible map; use a bigger cellSize instead. */
export const MAX_VIEW_CELLS = 16;
/** Cells of a map (columns x rows) at most: cell keys stay small integers, which keeps the grid's lookups fast. */
export const MAX_GRID_CELLS = 2 ** 31;

const HOOKS = ['onOpen', 'canJoin', 'onJoin', 'onLeave', 'onTick', 'onAction'] as const;

/** A type's rules with every default applied. */
export interface ResolvedSceneRules {
  readonly type: string;
  readonly rules: SceneRules;
  readonly width: number;
  readonly height: number;
  readonly cellSize: number;
  readonly viewCells: number;
  readonly maxSpeed: number;
  /** null: the node's default. */
  readonly tickHz: number | null;
  readonly maxPlayers: number;
}

/** Checks `rules` for scene type `type` and applies defaults; throws InvalidSceneRulesError listing every problem. */
export function resolveSceneRules(type: string, rules: SceneRules): ResolvedSceneRules {
  const problems: string[] = [];
  if (typeof type !== 'string' || !SCENE_TYPE_PATTERN.test(type)) {
    problems.push(`type ${JSON.stringify(type)} must be 1-64 characters of A-Za-z0-9_.-`);
  }
  if (typeof rules !== 'object' || rules === null) {
    throw new InvalidSceneRulesError(`rules of scene type ${type} must be an object with width, height, cellSize...`);
  }
  const positive = (name: 'width' | 'height' | 'cellSize' | 'maxSpeed') => {
    const value = rules[name];
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
      problems.push(`${name} must be a finite number > 0, got ${String(value)}`);
    }
  };
  positive('width');
  positive('height');
  positive('cellSize');
  positive('maxSpeed');
  const viewCells = rules.viewCells ?? 1;
  if (!Number.isInteger(viewCells) || viewCells < 0 || viewCells > MAX_VIEW_CELLS) {
    problems.push(`viewCells must be a whole number from 0 to ${MAX_VIEW_CELLS}, got ${String(rules.viewCells)}`);
  }
  const tickHz = rules.tickHz ?? null;
  if (tickHz !== null && (!Number.isInteger(tickHz) || tickHz < MIN_ZONE_TICK_HZ || tickHz > MAX_ZONE_TICK_HZ)) {
    problems.push(`tickHz must be a whole number from ${MIN_ZONE_TICK_HZ} to ${MAX_ZONE_TICK_HZ}, got ${tickHz}`);
  }
  const maxPlayers = rules.maxPlayers ?? Number.POSITIVE_INFINITY;
  if (rules.maxPlayers !== undefined && (!Number.isInteger(maxPlayers) || maxPlayers < 1)) {
    problems.push(`maxPlayers must be a whole number ≥ 1, got ${String(rules.maxPlayers)}`);
  }
  for (const hook of HOOKS) {
    if (rules[hook] !== undefined && typeof rules[hook] !== 'function') problems.push(`${hook} must be a function`);
  }
  if (problems.length === 0) {
    const cells = (Math.floor(rules.width / rules.cellSize) + 1) * (Math.floor(rules.height / rules.cellSize) + 1);
    if (cells > MAX_GRID_CELLS) {
      problems.push(`the map has ${cells} grid cells (more than ${MAX_GRID_CELLS}): use a bigger cellSize`);
    }
  }
  if (problems.length > 0) {
    throw new InvalidSceneRulesError(`invalid rules for scene type ${type}: ${problems.join('; ')}`, {
      details: { type, problems },
    });
  }
  return {
    type,
    rules,
    width: rules.width,
    height: rules.height,
    cellSize: rules.cellSize,
    viewCells,
    maxSpeed: rules.maxSpeed,
    tickHz,
    maxPlayers,
  };
}

/** The zone's per-system settings: registered scene types and the default tick rate. */
export class ZoneRegistry {
  tickHz = DEFAULT_ZONE_TICK_HZ;
  readonly types = new Map<string, ResolvedSceneRules>();

  /** The rules of `type`; throws UnknownSceneTypeError naming the types that are registered. */
  rulesOf(type: string): ResolvedSceneRules {
    const resolved = this.types.get(type);
    if (resolved === undefined) {
      throw new UnknownSceneTypeError(
        `no scene type ${JSON.stringify(type)} is registered on this node (registered: ${[...this.types.keys()].join(', ') || 'none'}); ` +
          'call registerSceneRules(system, type, rules) on every node',
        { details: { type } },
      );
    }
    return resolved;
  }

  static of(system: ActorSystem): ZoneRegistry {
    let registry = registries.get(system);
    if (registry === undefined) {
      registry = new ZoneRegistry();
      registries.set(system, registry);
    }
    return registry;
  }
}

const registries = new WeakMap<ActorSystem, ZoneRegistry>();

/** Registers scene type `type` on this ActorSystem; do it on every node (scenes activate on any zone node). */
export function registerSceneRules(system: ActorSystem, type: string, rules: SceneRules): void {
  const resolved = resolveSceneRules(type, rules);
  const registry = ZoneRegistry.of(system);
  if (registry.types.has(type)) {
    throw new InvalidSceneRulesError(`scene type ${type} is already registered on this node; register each type once`);
  }
  registry.types.set(type, resolved);
}
