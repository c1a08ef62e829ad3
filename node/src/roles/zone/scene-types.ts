// The zone role's public types (docs/zone.md, the roles contract): what opens a scene, what callers and clients get
// back, what game rules implement and see, and the pushes clients receive. Types only, so game code and clients
// can import them without the runtime.
import type { ActorContext } from '../../actor/actor-context.ts';

/** What a scene is: its rules' type, for a room the only players it admits, and parameters for the rules. */
export interface SceneSpec {
  type: string;
  /** A room: only these players may join (default: anyone the rules admit). */
  players?: readonly string[];
  params?: Record<string, unknown>;
}

export interface SceneInfo {
  sceneId: string;
  /** The open scene's type ('' before open). */
  type: string;
  tick: number;
  players: number;
  open: boolean;
  closed: boolean;
}

/** What join() answers: where the player's entity is and the scene's geometry, rate and speed limit. */
export interface JoinInfo {
  sceneId: string;
  type: string;
  entityId: number;
  x: number;
  y: number;
  width: number;
  height: number;
  cellSize: number;
  viewCells: number;
  tickHz: number;
  maxSpeed: number;
}

/**
 * A thing with a position in a scene. Setting x or y moves it (clamped to the scene's bounds; clients see the move
 * on the next delta). `data` is sent on enter only. A player's entity has kind 'player', data `{ playerId }` and
 * `playerId` set.
 */
export interface SceneEntity {
  readonly id: number;
  readonly kind: string;
  x: number;
  y: number;
  readonly data: Record<string, unknown> | null;
  readonly playerId?: string;
}

/** A scene type's geometry, limits and hooks, registered per ActorSystem with registerSceneRules. */
export interface SceneRules {
  readonly width: number;
  readonly height: number;
  /** Side of one grid cell; an entity's cell is floor(coord / cellSize). */
  readonly cellSize: number;
  /** A player sees entities within this many cells (Chebyshev) of its own cell (default: 1, the 3x3 cells). */
  readonly viewCells?: number;
  /** Units per second a player may move; moves beyond it are clamped toward their target. */
  readonly maxSpeed: number;
  /** Ticks per second (default: the node's --zone-tick-hz). */
  readonly tickHz?: number;
  /** Players at once (default: no limit). */
  readonly maxPlayers?: number;
  onOpen?(scene: SceneHandle): void;
  /** true admits the player; a string refuses the join with that reason. */
  canJoin?(scene: SceneHandle, playerId: string): true | string;
  /** The player's entity exists (at the scene's centre); set its x, y or data here. */
  onJoin?(scene: SceneHandle, entity: SceneEntity): void;
  /** The player's entity is about to be removed. */
  onLeave?(scene: SceneHandle, entity: SceneEntity): void;
  /** Every tick, after the queued moves are applied and before the deltas are built; dtMs is real elapsed time. */
  onTick?(scene: SceneHandle, dtMs: number): void;
  /** A client's `scene.act`: its result is the answer (keep it quick: the scene's ticks wait for it). */
  onAction?(scene: SceneHandle, playerId: string, action: string, args: unknown): unknown | Promise<unknown>;
}

/** What rules see of a scene. */
export interface SceneHandle {
  readonly id: string;
  readonly type: string;
  readonly spec: SceneSpec;
  readonly tick: number;
  /** Wall-clock ms when the scene opened (kept across migrations). */
  readonly openedAtMs: number;
  /** The rules' own state: plain data, kept across migrations. */
  readonly data: Record<string, unknown>;
  readonly ctx: ActorContext;
  entities(): IterableIterator<SceneEntity>;
  entity(id: number): SceneEntity | undefined;
  player(playerId: string): SceneEntity | undefined;
  players(): string[];
  spawn(kind: string, x: number, y: number, data?: Record<string, unknown> | null): SceneEntity;
  /** Removes a non-player entity; false when there is none with this id. */
  despawn(id: number): boolean;
  /** Entities within `radius` (Euclidean) of x, y. */
  near(x: number, y: number, radius: number): SceneEntity[];
  /** Pushes 'scene.event' to these players (default: every player in the scene). */
  emit(name: string, data: unknown, playerIds?: readonly string[]): void;
  /** Closes the scene after the current turn: 'scene.closed' to every player, bindings removed. */
  close(reason: string, result?: unknown): void;
}

// ---- pushes ----

export const SCENE_PUSH = {
  delta: 'scene.delta',
  event: 'scene.event',
  closed: 'scene.closed',
  resumed: 'scene.resumed',
} as const;

export type EnterTuple = [id: number, kind: string, x: number, y: number, data: Record<string, unknown> | null];
export type MoveTuple = [id: number, x: number, y: number];

/** 'scene.delta': one player's view changes of one tick (sent only when something changed). */
export interface SceneDelta {
  s: string;
  t: number;
  self: [x: number, y: number];
  enter: EnterTuple[];
  move: MoveTuple[];
  leave: number[];
}

export interface SceneEventPush {
  s: string;
  name: string;
  data: unknown;
}

export interface SceneClosedPush {
  s: string;
  reason: string;
  result: unknown;
}

export interface SceneResumedPush {
  s: string;
}

/** What stats() answers: the scene's size and how long its ticks take (over the last ticks, see `ticksMeasured`). */
export interface SceneStats {
  sceneId: string;
  tick: number;
  tickHz: number;
  players: number;
  entities: number;
  ticksMeasured: number;
  tickMsP50: number;
  tickMsP99: number;
  tickMsMax: number;
  /** Measured ticks that took longer than one tick period. */
  overruns: number;
}
