// Checks what callers pass to a scene (specs, player ids) before anything changes, and copies a spec so the scene
// owns what it keeps: a spec arrives over the mesh from another node or straight from a local caller's objects.
import { FIELD_LIMITS } from '../../gate/protocol/field-limits.ts';
import { InvalidSceneSpecError, NotInSceneError } from './errors.ts';
import { SCENE_TYPE_PATTERN } from './scene-rules.ts';
import type { SceneSpec } from './scene-types.ts';

/** A checked copy of `spec`; throws InvalidSceneSpecError listing every problem. */
export function checkSceneSpec(spec: unknown): SceneSpec {
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) {
    throw new InvalidSceneSpecError('a scene spec must be an object { type, players?, params? }');
  }
  const { type, players, params } = spec as Record<string, unknown>;
  const problems: string[] = [];
  if (typeof type !== 'string' || !SCENE_TYPE_PATTERN.test(type)) {
    problems.push(`type ${JSON.stringify(type)} must be 1-64 characters of A-Za-z0-9_.-`);
  }
  if (players !== undefined && (!Array.isArray(players) || !players.every(isPlayerId))) {
    problems.push(`players must be a list of player ids (1-${FIELD_LIMITS.maxIdLength} characters each)`);
  }
  if (params !== undefined && (typeof params !== 'object' || params === null || Array.isArray(params))) {
    problems.push('params must be an object');
  }
  if (problems.length > 0) {
    throw new InvalidSceneSpecError(`invalid scene spec: ${problems.join('; ')}`, { details: { problems } });
  }
  const checked: SceneSpec = { type: type as string };
  if (players !== undefined) checked.players = [...(players as string[])];
  if (params !== undefined) checked.params = structuredClone(params as Record<string, unknown>);
  return checked;
}

export function isPlayerId(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= FIELD_LIMITS.maxIdLength;
}

/** Throws NotInSceneError for something that cannot be a player id (what a session would never send). */
export function checkPlayerId(value: unknown, sceneId: string): string {
  if (!isPlayerId(value)) {
    throw new NotInSceneError(
      `scene ${sceneId}: ${JSON.stringify(value)} is not a player id (1-${FIELD_LIMITS.maxIdLength} characters)`,
    );
  }
  return value;
}
