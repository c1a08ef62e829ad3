// One player's area of interest: which entities its client knows, and the diff that turns this tick's visible set
// into its delta. Visible = in a cell within viewCells (Chebyshev) of the player's own cell. Entities seen for the
// first time are entered (with kind and data), known ones that moved this tick are in `move`, and known ones no
// longer visible (out of range or despawned) leave. The player's own entity is never in the lists: it is `self`.
//
// After every delta the client knows exactly its visible set, so a player who stayed in its cell only has to look
// at what changed, which is the same for everyone in that cell (cell-tick.ts): entities that were in view before
// this tick are known, so their moves are copied as they are; arrivals are checked against the known set (one may
// come from another cell in view); departures now out of view leave if known. A player who changed cells (or has
// just joined or resumed) is diffed in full against the known set.
import { type AoiCell, type AoiGrid, aroundTick, inViewOf } from './cell-tick.ts';
import type { EntityRecord } from './scene-entity.ts';
import type { EnterTuple, MoveTuple, SceneDelta } from './scene-types.ts';

// A delta's empty lists: one frozen array each, shared by every delta (nothing changes a delta once built).
const NO_ENTERS = Object.freeze([]) as unknown as EnterTuple[];
const NO_MOVES = Object.freeze([]) as unknown as MoveTuple[];
const NO_LEAVES = Object.freeze([]) as unknown as number[];

export class PlayerView {
  /** Entities the client knows. */
  readonly known = new Set<EntityRecord>();
  /** The player's cell at the last delta. */
  cellX = -1;
  cellY = -1;
  /** Nothing sent since the join or the resume: the next delta goes out even if empty, for `self`. */
  fresh = true;
}

/**
 * Builds players' deltas, one after the other (the scene owns one): its buffers are reused for every player and
 * tick, so a delta allocates only its own lists (and shares its move list with players in the same cell when it
 * can: nothing changes a delta's lists once built).
 */
export class DeltaBuilder {
  private readonly cells: AoiCell[] = [];
  private enter: EnterTuple[] | null = null;
  private move: MoveTuple[] | null = null;
  /** `move` is a shared list: copy it before adding to it. */
  private moveShared = false;
  private leave: number[] | null = null;

  /**
   * The delta of the player whose entity is `self` for tick `tick` (the grid's stamp of this tick's changes),
   * updating its view, or null when nothing changed for it.
   */
  build(
    sceneId: string,
    self: EntityRecord,
    view: PlayerView,
    grid: AoiGrid,
    viewCells: number,
    tick: number,
  ): SceneDelta | null {
    this.enter = null;
    this.move = null;
    this.moveShared = false;
    this.leave = null;
    if (view.fresh || self.cellX !== view.cellX || self.cellY !== view.cellY) {
      this.fullDiff(self, view.known, grid, viewCells, tick);
    } else {
      this.changesOnly(self, view.known, grid.cellAt(self.cellKey) as AoiCell, grid, viewCells, tick);
    }
    const { enter, move, leave } = this;
    if (enter === null && move === null && leave === null && self.movedTick !== tick && !view.fresh) return null;
    view.fresh = false;
    view.cellX = self.cellX;
    view.cellY = self.cellY;
    return {
      s: sceneId,
      t: tick,
      self: [self.x, self.y],
      enter: enter ?? NO_ENTERS,
      move: move ?? NO_MOVES,
      leave: leave ?? NO_LEAVES,
    };
  }

  private fullDiff(self: EntityRecord, known: Set<EntityRecord>, grid: AoiGrid, viewCells: number, tick: number): void {
    const count = grid.around(self.cellX, self.cellY, viewCells, this.cells);
    for (let c = 0; c < count; c++) {
      const members = (this.cells[c] as AoiCell).members;
      for (let i = 0; i < members.length; i++) {
        const entity = members[i] as EntityRecord;
        if (entity === self) continue;
        if (!known.has(entity)) this.addEnter(known, entity, tick);
        else if (entity.movedTick === tick) this.addMove(entity.moveFor(tick));
      }
    }
    for (const entity of known) {
      if (!entity.alive || !inViewOf(self.cellX, self.cellY, entity, viewCells)) this.addLeave(known, entity);
    }
  }

  private changesOnly(
    self: EntityRecord,
    known: Set<EntityRecord>,
    cell: AoiCell,
    grid: AoiGrid,
    viewCells: number,
    tick: number,
  ): void {
    const around = aroundTick(grid, cell, viewCells, tick, this.cells);
    const moves = around.aroundMoves;
    if (moves.length > 0) {
      // The player's own move is in its cell's list when it moved within the cell.
      const own = self.movedTick === tick ? self.moveFor(tick) : null;
      if (own === null || !moves.includes(own)) {
        this.move = moves;
        this.moveShared = true;
      } else if (moves.length > 1) {
        this.move = moves.filter((move) => move !== own);
      }
    }
    const arrivals = around.aroundArrivals;
    for (let i = 0; i < arrivals.length; i++) {
      const entity = arrivals[i] as EntityRecord;
      if (entity === self) continue;
      if (!known.has(entity)) this.addEnter(known, entity, tick);
      else if (entity.movedTick === tick) this.addMove(entity.moveFor(tick));
    }
    const gone = around.aroundGone;
    for (let i = 0; i < gone.length; i++) {
      const entity = gone[i] as EntityRecord;
      if (known.has(entity)) this.addLeave(known, entity);
    }
  }

  private addEnter(known: Set<EntityRecord>, entity: EntityRecord, tick: number): void {
    known.add(entity);
    if (this.enter === null) this.enter = [];
    this.enter.push(entity.enterFor(tick));
  }

  private addMove(move: MoveTuple): void {
    if (this.move === null) this.move = [];
    else if (this.moveShared) {
      this.move = this.move.slice();
      this.moveShared = false;
    }
    this.move.push(move);
  }

  private addLeave(known: Set<EntityRecord>, entity: EntityRecord): void {
    known.delete(entity);
    if (this.leave === null) this.leave = [];
    this.leave.push(entity.id);
  }
}
