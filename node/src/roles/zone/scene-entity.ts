// One entity of a scene as the tick loop keeps it: a plain object (not the tracked document: the hot path writes
// positions thousands of times a second) that is also its own grid member, and that builds its enter and move
// tuples once per tick however many players see it. Writes to x and y go through the scene, which validates them
// and re-files the entity in the grid.
import type { GridMember } from './aoi-grid.ts';
import type { EnterTuple, MoveTuple, SceneEntity } from './scene-types.ts';

/** What an entity tells when rules set its position. */
export interface EntityOwner {
  setPosition(entity: EntityRecord, x: number, y: number): void;
}

export class EntityRecord implements SceneEntity, GridMember {
  readonly id: number;
  readonly kind: string;
  readonly data: Record<string, unknown> | null;
  readonly playerId: string | undefined;
  cellX = 0;
  cellY = 0;
  cellKey = 0;
  cellSlot = -1;
  arrivedAt = -1;
  /** The tick whose deltas carry this entity's last position change. */
  movedTick = -1;
  alive = true;
  private readonly owner: EntityOwner;
  private px: number;
  private py: number;
  private enterTuple: EnterTuple | null = null;
  private enterTick = -1;
  private moveTuple: MoveTuple | null = null;
  private moveTick = -1;

  constructor(
    owner: EntityOwner,
    id: number,
    kind: string,
    x: number,
    y: number,
    data: Record<string, unknown> | null,
    playerId: string | undefined,
  ) {
    this.owner = owner;
    this.id = id;
    this.kind = kind;
    this.px = x;
    this.py = y;
    this.data = data;
    this.playerId = playerId;
  }

  get x(): number {
    return this.px;
  }

  set x(value: number) {
    this.owner.setPosition(this, value, this.py);
  }

  get y(): number {
    return this.py;
  }

  set y(value: number) {
    this.owner.setPosition(this, this.px, value);
  }

  /** Sets the position without checks: the scene's own path, after it validated and clamped. */
  place(x: number, y: number): void {
    this.px = x;
    this.py = y;
  }

  /** `[id, kind, x, y, data]`, shared by every player this entity enters for in tick `tick`. */
  enterFor(tick: number): EnterTuple {
    if (this.enterTick !== tick || this.enterTuple === null) {
      this.enterTuple = [this.id, this.kind, this.px, this.py, this.data];
      this.enterTick = tick;
    }
    return this.enterTuple;
  }

  /** `[id, x, y]`, shared by every player that sees this entity move in tick `tick`. */
  moveFor(tick: number): MoveTuple {
    if (this.moveTick !== tick || this.moveTuple === null) {
      this.moveTuple = [this.id, this.px, this.py];
      this.moveTick = tick;
    }
    return this.moveTuple;
  }
}
