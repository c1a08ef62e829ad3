// Errors of the zone role (scenes, their rules, moves and actions, zone configuration). Codes are stable and
// documented in docs/errors.md; each class registers itself so it crosses the mesh, and reaches clients in ERROR
// frames, as the same code.
import { GameclusterError, registerErrorCode } from '../../errors/index.ts';

type ErrorOptions = { cause?: unknown; details?: Record<string, unknown> };

/** Zone options, flags or env are invalid (the message lists every problem). */
export class InvalidZoneConfigError extends GameclusterError {
  static readonly code = 'GC_ERR_INVALID_ZONE_CONFIG';
  constructor(message: string, options?: ErrorOptions) {
    super(InvalidZoneConfigError.code, message, options);
  }
}

/** registerSceneRules got rules with bad fields, or a scene type registered twice on one ActorSystem. */
export class InvalidSceneRulesError extends GameclusterError {
  static readonly code = 'GC_ERR_INVALID_SCENE_RULES';
  constructor(message: string, options?: ErrorOptions) {
    super(InvalidSceneRulesError.code, message, options);
  }
}

/** A scene spec names a type that has no rules registered on the node hosting the scene. */
export class UnknownSceneTypeError extends GameclusterError {
  static readonly code = 'GC_ERR_UNKNOWN_SCENE_TYPE';
  constructor(message: string, options?: ErrorOptions) {
    super(UnknownSceneTypeError.code, message, options);
  }
}

/** A scene spec is malformed, or names another type than the one the scene is already open with. */
export class InvalidSceneSpecError extends GameclusterError {
  static readonly code = 'GC_ERR_INVALID_SCENE_SPEC';
  constructor(message: string, options?: ErrorOptions) {
    super(InvalidSceneSpecError.code, message, options);
  }
}

/** The scene was never opened, and the call (join without a spec, move, act) needs an open one. */
export class SceneNotOpenError extends GameclusterError {
  static readonly code = 'GC_ERR_SCENE_NOT_OPEN';
  constructor(message: string, options?: ErrorOptions) {
    super(SceneNotOpenError.code, message, options);
  }
}

/** The scene is closed: it takes no joins, moves or actions, and cannot be opened again under the same id. */
export class SceneClosedError extends GameclusterError {
  static readonly code = 'GC_ERR_SCENE_CLOSED';
  constructor(message: string, options?: ErrorOptions) {
    super(SceneClosedError.code, message, options);
  }
}

/** A join was refused: not on the room's player list, the scene is full, or the rules' canJoin said no. */
export class SceneJoinRefusedError extends GameclusterError {
  static readonly code = 'GC_ERR_SCENE_JOIN_REFUSED';
  constructor(message: string, options?: ErrorOptions) {
    super(SceneJoinRefusedError.code, message, options);
  }
}

/** A move or action came from a player who is not in the scene (never joined, left, or the scene reopened). */
export class NotInSceneError extends GameclusterError {
  static readonly code = 'GC_ERR_NOT_IN_SCENE';
  constructor(message: string, options?: ErrorOptions) {
    super(NotInSceneError.code, message, options);
  }
}

/** A move (or an entity position set by rules) is not a pair of finite numbers. */
export class InvalidMoveError extends GameclusterError {
  static readonly code = 'GC_ERR_INVALID_MOVE';
  constructor(message: string, options?: ErrorOptions) {
    super(InvalidMoveError.code, message, options);
  }
}

/** An action name is not a 1-64 character string, or the scene's rules take no actions (no onAction). */
export class InvalidSceneActionError extends GameclusterError {
  static readonly code = 'GC_ERR_INVALID_SCENE_ACTION';
  constructor(message: string, options?: ErrorOptions) {
    super(InvalidSceneActionError.code, message, options);
  }
}

/** Rules spawned an entity with a bad kind or data, or tried to despawn a player's entity (players leave). */
export class InvalidSceneEntityError extends GameclusterError {
  static readonly code = 'GC_ERR_INVALID_SCENE_ENTITY';
  constructor(message: string, options?: ErrorOptions) {
    super(InvalidSceneEntityError.code, message, options);
  }
}

for (const ErrorClass of [
  InvalidZoneConfigError,
  InvalidSceneRulesError,
  UnknownSceneTypeError,
  InvalidSceneSpecError,
  SceneNotOpenError,
  SceneClosedError,
  SceneJoinRefusedError,
  NotInSceneError,
  InvalidMoveError,
  InvalidSceneActionError,
  InvalidSceneEntityError,
]) {
  registerErrorCode(ErrorClass.code, (data) => new ErrorClass(data.message, { details: data.details }));
}
