// The live state of an open scene and its tick, in plain objects: entities in the AOI grid, players with their
// views and movement budgets, the queue of moves. One tick applies the queued moves in arrival order (speed- and
// bounds-checked), runs the rules' onTick, then builds each player's delta and hands it to the push path. It is
// also the SceneHandle the rules see. The Scene actor owns one and drives it from its timer; it knows nothing of
// actors itself beyond the host it is given, so tests and the zone.tick benchmark drive the same code.
import type { ActorContext } from '../../actor/actor-context.ts';
import { SpatialGrid } from './aoi-grid.ts';
import type { AoiCell, AoiGrid, CellTick } from './cell-tick.ts';
import { InvalidSceneEntityError, NotInSceneError } from './errors.ts';
import { checkPosition, clamp, limitMove } from './movement.ts';
import { DeltaBuilder, PlayerView } from './player-view.ts';
import { type EntityOwner, EntityRecord } from './scene-entity.ts';
import type { ResolvedSceneRules } from './scene-rules.ts';
import type { SavedEntity, SceneSnapshot } from './scene-snapshot.ts';
import { SCENE_PUSH, type SceneEntity, type SceneHandle, type SceneSpec } from './scene-types.ts';

/** What a simulation needs from whoever runs it (the Scene actor). */
export interface SceneHost {
  readonly ctx: ActorContext;
  /** Sends one push to these players' clients. */
  push(playerIds: readonly string[], event: string, data: unknown): void;
  /** The rules asked to close the scene. */
  close(reason: string, result: unknown): void;
  /** A rules hook nobody waits for (onTick) threw. */
  reportError(error: unknown, where: string): void;
}

export interface SceneSimulationOptions {
  readonly id: string;
  readonly spec: SceneSpec;
  readonly rules: ResolvedSceneRules;
  readonly tickHz: number;
  readonly host: SceneHost;
  /** The tick clock now (the wheel's ms, any origin). */
  readonly nowMs: number;
  /** Wall-clock ms when the scene opened. */
  readonly openedAtMs: number;
}

interface PlayerSlot {
  readonly playerId: string;
  readonly entity: EntityRecord;
  readonly view: PlayerView;
  /** Movement time used up to (tick clock ms); see limitMove. */
  spentAtMs: number;
}

export const PLAYER_ENTITY_KIND = 'player';
const ENTITY_KIND_PATTERN = /^.{1,64}$/s;

export class SceneSimulation implements SceneHandle, EntityOwner {
  readonly id: string;
  readonly type: string;
  readonly spec: SceneSpec;
  readonly openedAtMs: number;
  readonly tickHz: number;
  readonly rules: ResolvedSceneRules;
  data: Record<string, unknown> = {};
  tick = 0;
  /** Set when the scene closes: ticks stop sending deltas. */
  stopped = false;
  private readonly host: SceneHost;
  private readonly grid: AoiGrid;
  private readonly entityMap = new Map<number, EntityRecord>();
  private readonly slots = new Map<string, PlayerSlot>();
  private nextEntityId = 1;
  private lastTickAtMs: number;
  // The move queue as parallel arrays, reused tick after tick.
  private readonly inputSlots: PlayerSlot[] = [];
  private readonly inputX: number[] = [];
  private readonly inputY: number[] = [];
  private readonly deltas = new DeltaBuilder();
  /** Buffer of near(). */
  private readonly cells: AoiCell[] = [];

  constructor(options: SceneSimulationOptions) {
    this.id = options.id;
    this.spec = options.spec;
    this.type = options.spec.type;
    this.rules = options.rules;
    this.tickHz = options.tickHz;
    this.host = options.host;
    this.openedAtMs = options.openedAtMs;
    this.lastTickAtMs = options.nowMs;
    this.grid = new SpatialGrid<EntityRecord, CellTick>(
      options.rules.width,
      options.rules.height,
      options.rules.cellSize,
    );
    this.grid.stamp = 1;
  }

  /** A simulation continuing from a snapshot (entities, players and ids as they were; views start empty). */
  static restore(options: SceneSimulationOptions, snapshot: SceneSnapshot): SceneSimulation {
    const simulation = new SceneSimulation(options);
    simulation.tick = snapshot.tick;
    simulation.grid.stamp = snapshot.tick + 1;
    simulation.data = snapshot.data;
    simulation.nextEntityId = snapshot.nextEntityId;
    const byPlayer = new Map<string, EntityRecord>();
    for (const [id, kind, x, y, data, playerId] of snapshot.entities) {
      const entity = simulation.add(id, kind, x, y, data, playerId ?? undefined);
      if (playerId !== null) byPlayer.set(playerId, entity);
    }
    for (const playerId of snapshot.players) {
      const entity = byPlayer.get(playerId);
      if (entity !== undefined) simulation.addSlot(playerId, entity, options.nowMs);
    }
    return simulation;
  }

  snapshot(closeReason: string | null, closeResult: unknown): SceneSnapshot {
    const entities: SavedEntity[] = [];
    for (const e of this.entityMap.values()) entities.push([e.id, e.kind, e.x, e.y, e.data, e.playerId ?? null]);
    return {
      spec: this.spec,
      tick: this.tick,
      openedAtMs: this.openedAtMs,
      nextEntityId: this.nextEntityId,
      data: this.data,
      entities,
      players: this.players(),
      closeReason,
      closeResult,
    };
  }

  get ctx(): ActorContext {
    return this.host.ctx;
  }

  get playerCount(): number {
    return this.slots.size;
  }

  get entityCount(): number {
    return this.entityMap.size;
  }

  // ---- SceneHandle ----

  entities(): IterableIterator<SceneEntity> {
    return this.entityMap.values();
  }

  entity(id: number): SceneEntity | undefined {
    return this.entityMap.get(id);
  }

  player(playerId: string): SceneEntity | undefined {
    return this.slots.get(playerId)?.entity;
  }

  players(): string[] {
    return [...this.slots.keys()];
  }

  spawn(kind: string, x: number, y: number, data: Record<string, unknown> | null = null): SceneEntity {
    if (typeof kind !== 'string' || !ENTITY_KIND_PATTERN.test(kind)) {
      throw new InvalidSceneEntityError(`spawn: kind must be a string of 1-64 characters, got ${JSON.stringify(kind)}`);
    }
    if (data !== null && (typeof data !== 'object' || Array.isArray(data))) {
      throw new InvalidSceneEntityError('spawn: data must be an object or null');
    }
    checkPosition(x, y, `spawn ${kind}`);
    return this.add(this.nextEntityId++, kind, x, y, data, undefined);
  }

  despawn(id: number): boolean {
    const entity = this.entityMap.get(id);
    if (entity === undefined) return false;
    if (entity.playerId !== undefined) {
      throw new InvalidSceneEntityError(
        `despawn: entity ${id} is player ${entity.playerId}'s; players leave the scene (Scene.leave) instead`,
      );
    }
    this.remove(entity);
    return true;
  }

  near(x: number, y: number, radius: number): SceneEntity[] {
    checkPosition(x, y, 'near');
    const found: SceneEntity[] = [];
    if (!(radius >= 0)) return found;
    const grid = this.grid;
    const cells = this.cells;
    const count = grid.around(
      grid.cellOf(x, grid.maxCellX),
      grid.cellOf(y, grid.maxCellY),
      Math.ceil(radius / grid.cellSize),
      cells,
    );
    const limit = radius * radius;
    for (let c = 0; c < count; c++) {
      for (const entity of (cells[c] as AoiCell).members) {
        const dx = entity.x - x;
        const dy = entity.y - y;
        if (dx * dx + dy * dy <= limit) found.push(entity);
      }
    }
    return found;
  }

  emit(name: string, data: unknown, playerIds?: readonly string[]): void {
    this.host.push(playerIds ?? this.players(), SCENE_PUSH.event, { s: this.id, name, data });
  }

  close(reason: string, result?: unknown): void {
    this.host.close(reason, result ?? null);
  }

  // ---- players ----

  hasPlayer(playerId: string): boolean {
    return this.slots.has(playerId);
  }

  /** Adds the player's entity at the map's centre, then runs onJoin (which may place it elsewhere). */
  addPlayer(playerId: string, nowMs: number): EntityRecord {
    const { width, height } = this.rules;
    const entity = this.add(this.nextEntityId++, PLAYER_ENTITY_KIND, width / 2, height / 2, { playerId }, playerId);
    this.addSlot(playerId, entity, nowMs);
    try {
      this.rules.rules.onJoin?.(this, entity);
    } catch (error) {
      this.slots.delete(playerId);
      this.remove(entity);
      throw error;
    }
    return entity;
  }

  /** Runs onLeave, then removes the player's entity (others see it leave); false when it was not here. */
  removePlayer(playerId: string): boolean {
    const slot = this.slots.get(playerId);
    if (slot === undefined) return false;
    try {
      this.rules.rules.onLeave?.(this, slot.entity);
    } finally {
      this.slots.delete(playerId);
      this.remove(slot.entity);
    }
    return true;
  }

  /** Queues a move to (x, y) for the next tick; throws InvalidMoveError or NotInSceneError. */
  queueMove(playerId: string, x: number, y: number): void {
    checkPosition(x, y, `move of ${playerId}`);
    const slot = this.slots.get(playerId);
    if (slot === undefined) throw this.notInScene(playerId);
    this.inputSlots.push(slot);
    this.inputX.push(x);
    this.inputY.push(y);
  }

  notInScene(playerId: string): NotInSceneError {
    return new NotInSceneError(`player ${playerId} is not in scene ${this.id}: join it first`, {
      details: { sceneId: this.id, playerId },
    });
  }

  // ---- the tick ----

  /** One tick at `nowMs` (the tick clock): moves, onTick, then every player's delta to the push path. */
  runTick(nowMs: number): void {
    const dtMs = nowMs - this.lastTickAtMs;
    this.lastTickAtMs = nowMs;
    // Changes since the last tick carry this tick's stamp already (grid.stamp is always the next delta's tick).
    this.tick = this.grid.stamp;
    try {
      this.applyMoves(nowMs);
      const onTick = this.rules.rules.onTick;
      if (onTick !== undefined) {
        try {
          onTick(this, dtMs);
        } catch (error) {
          this.host.reportError(error, `onTick of scene ${this.id} (${this.type})`);
        }
      }
      if (!this.stopped) this.sendDeltas();
    } finally {
      this.grid.sweep();
      this.grid.stamp = this.tick + 1;
    }
  }

  /** EntityOwner: rules set x or y. */
  setPosition(entity: EntityRecord, x: number, y: number): void {
    checkPosition(x, y, `position of entity ${entity.id}`);
    this.moveEntity(entity, clamp(x, 0, this.rules.width), clamp(y, 0, this.rules.height));
  }

  private applyMoves(nowMs: number): void {
    const slots = this.inputSlots;
    const count = slots.length;
    for (let i = 0; i < count; i++) {
      const slot = slots[i] as PlayerSlot;
      const entity = slot.entity;
      if (!entity.alive) continue;
      const outcome = limitMove(
        entity.x,
        entity.y,
        this.inputX[i] as number,
        this.inputY[i] as number,
        slot.spentAtMs,
        nowMs,
        this.rules,
      );
      slot.spentAtMs = outcome.spentAtMs;
      this.moveEntity(entity, outcome.x, outcome.y);
    }
    slots.length = 0;
    this.inputX.length = 0;
    this.inputY.length = 0;
  }

  private sendDeltas(): void {
    const { viewCells } = this.rules;
    for (const slot of this.slots.values()) {
      const delta = this.deltas.build(this.id, slot.entity, slot.view, this.grid, viewCells, this.tick);
      if (delta !== null) this.host.push([slot.playerId], SCENE_PUSH.delta, delta);
    }
  }

  private moveEntity(entity: EntityRecord, x: number, y: number): void {
    if (x === entity.x && y === entity.y) return;
    entity.place(x, y);
    if (!entity.alive) return;
    this.grid.update(entity);
    // Between ticks, a change belongs to the next tick's deltas: the grid's stamp.
    entity.movedTick = this.grid.stamp;
  }

  private add(
    id: number,
    kind: string,
    x: number,
    y: number,
    data: Record<string, unknown> | null,
    playerId: string | undefined,
  ): EntityRecord {
    const { width, height } = this.rules;
    const entity = new EntityRecord(this, id, kind, clamp(x, 0, width), clamp(y, 0, height), data, playerId);
    this.entityMap.set(id, entity);
    this.grid.insert(entity);
    return entity;
  }

  private addSlot(playerId: string, entity: EntityRecord, nowMs: number): void {
    this.slots.set(playerId, { playerId, entity, view: new PlayerView(), spentAtMs: nowMs });
  }

  private remove(entity: EntityRecord): void {
    entity.alive = false;
    this.grid.remove(entity);
    this.entityMap.delete(entity.id);
  }
}
