// What happened in and around one grid cell during a tick, worked out once per cell and tick and shared by every
// player who sees the cell or stands in it: the moves of entities that were already there, the arrivals, and for
// a player standing in the cell, the same three over its whole neighbourhood (the departures reduced to those now
// out of its view). This is what keeps a 1,000-player tick to a few pointer copies per player.
import type { GridCell, SpatialGrid } from './aoi-grid.ts';
import type { EntityRecord } from './scene-entity.ts';
import type { MoveTuple } from './scene-types.ts';

const NONE: EntityRecord[] = Object.freeze([]) as unknown as EntityRecord[];

export class CellTick {
  /** The tick `moves` and `arrivals` are of. */
  at = -1;
  /** Moves of entities that were in the cell before this tick (reused every tick; aroundTick copies them). */
  moves: MoveTuple[] = [];
  /** Entities put into the cell this tick (moved in, spawned, joined). */
  arrivals: EntityRecord[] = [];
  /** The tick the neighbourhood lists are of. */
  aroundAt = -1;
  /** `moves` of every cell in view of this one (fresh arrays each tick: deltas may share them). */
  aroundMoves: MoveTuple[] = [];
  aroundArrivals: EntityRecord[] = [];
  /** Entities that left a cell in view this tick and are now out of view of this cell (or despawned). */
  aroundGone: EntityRecord[] = [];
}

export type AoiGrid = SpatialGrid<EntityRecord, CellTick>;
export type AoiCell = GridCell<EntityRecord, CellTick>;

/** The cell's own moves and arrivals of tick `tick`. */
export function cellTick(cell: AoiCell, tick: number): CellTick {
  let summary = cell.summary;
  if (summary === null) {
    summary = new CellTick();
    cell.summary = summary;
  }
  if (summary.at === tick) return summary;
  summary.at = tick;
  // Reused: only aroundTick reads them, copying what it keeps.
  summary.moves.length = 0;
  summary.arrivals.length = 0;
  const members = cell.members;
  for (let i = 0; i < members.length; i++) {
    const entity = members[i] as EntityRecord;
    if (entity.arrivedAt === tick) summary.arrivals.push(entity);
    else if (entity.movedTick === tick) summary.moves.push(entity.moveFor(tick));
  }
  return summary;
}

/**
 * The neighbourhood lists of `cell` for tick `tick` (see CellTick), computed on first use in the tick; `buffer` is
 * the caller's reusable cell buffer.
 */
export function aroundTick(grid: AoiGrid, cell: AoiCell, viewCells: number, tick: number, buffer: AoiCell[]): CellTick {
  const own = cellTick(cell, tick);
  if (own.aroundAt === tick) return own;
  const moves: MoveTuple[] = [];
  const arrivals: EntityRecord[] = [];
  const gone: EntityRecord[] = [];
  const count = grid.around(cell.x, cell.y, viewCells, buffer);
  for (let c = 0; c < count; c++) {
    const other = buffer[c] as AoiCell;
    const summary = cellTick(other, tick);
    for (let i = 0; i < summary.moves.length; i++) moves.push(summary.moves[i] as MoveTuple);
    for (let i = 0; i < summary.arrivals.length; i++) arrivals.push(summary.arrivals[i] as EntityRecord);
    if (other.departedAt !== tick) continue;
    const departed = other.departed;
    for (let i = 0; i < departed.length; i++) {
      const entity = departed[i] as EntityRecord;
      if (!entity.alive || !inViewOf(cell.x, cell.y, entity, viewCells)) gone.push(entity);
    }
  }
  own.aroundAt = tick;
  own.aroundMoves = moves;
  own.aroundArrivals = arrivals.length === 0 ? NONE : arrivals;
  own.aroundGone = gone.length === 0 ? NONE : gone;
  return own;
}

/** Whether `entity`'s cell is within viewCells (Chebyshev) of cell (cellX, cellY). */
export function inViewOf(cellX: number, cellY: number, entity: EntityRecord, viewCells: number): boolean {
  return Math.abs(entity.cellX - cellX) <= viewCells && Math.abs(entity.cellY - cellY) <= viewCells;
}
