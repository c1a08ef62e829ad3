// The zone role (DESIGN §4, docs/zone.md): Scene actors with a fixed tick loop, entities on an area-of-interest
// grid, per-player deltas, speed-checked movement, load-based placement and migration on drain.

// Errors
export {
  InvalidMoveError,
  InvalidSceneActionError,
  InvalidSceneEntityError,
  InvalidSceneRulesError,
  InvalidSceneSpecError,
  InvalidZoneConfigError,
  NotInSceneError,
  SceneClosedError,
  SceneJoinRefusedError,
  SceneNotOpenError,
  UnknownSceneTypeError,
} from './errors.ts';
// Installing and configuring
export { installZone, setZoneTickHz, type ZoneOptions, zoneLoad } from './install-zone.ts';
// Movement
export { limitMove, MOVE_MAX_BANKED_MS, MOVE_SPEED_TOLERANCE, type MoveLimits, type MoveOutcome } from './movement.ts';
// Scenes and their rules
export { SCENE_BINDING, SCENE_KIND, SCENE_KIND_OPTIONS, Scene, ZONE_ROLE } from './scene.ts';
export {
  DEFAULT_MIGRATION_RELEASE_TIMEOUT_MS,
  migrateLocalScenes,
  type SceneMigrationOutcome,
} from './scene-migration.ts';
export { type ResolvedSceneRules, registerSceneRules, resolveSceneRules } from './scene-rules.ts';
export {
  PLAYER_ENTITY_KIND,
  type SceneHost,
  SceneSimulation,
  type SceneSimulationOptions,
} from './scene-simulation.ts';
export { newSceneDocument, type SavedEntity, type SceneDocument, type SceneSnapshot } from './scene-snapshot.ts';
export {
  type EnterTuple,
  type JoinInfo,
  type MoveTuple,
  SCENE_PUSH,
  type SceneClosedPush,
  type SceneDelta,
  type SceneEntity,
  type SceneEventPush,
  type SceneHandle,
  type SceneInfo,
  type SceneResumedPush,
  type SceneRules,
  type SceneSpec,
  type SceneStats,
} from './scene-types.ts';
export {
  DEFAULT_ZONE_TICK_HZ,
  describeZoneConfig,
  MAX_ZONE_TICK_HZ,
  MIN_ZONE_TICK_HZ,
  parseZoneConfig,
  ZONE_CONFIG_OPTIONS,
  type ZoneConfig,
} from './zone-config.ts';
