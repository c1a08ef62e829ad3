// The area-of-interest grid: a spatial hash of square cells (cell = floor(coord / cellSize)) holding the entities
// in each, so a player's neighbourhood is a few cell reads instead of a scan of the scene. A map of up to
// DENSE_GRID_MAX_CELLS cells keeps its cells in an array indexed by row × columns + column (a read per cell, and
// cells are made once); a larger one keeps only occupied cells in a Map, so its empty parts cost nothing. Members
// carry the stamp (tick) they arrived in their cell at, and each cell keeps who left it during the current stamp:
// a player who stayed in its cell needs set lookups only for those arrivals and departures (see player-view.ts).

/** What the grid keeps on each member (written by the grid only). */
export interface GridMember {
  readonly x: number;
  readonly y: number;
  cellX: number;
  cellY: number;
  cellKey: number;
  /** Index in its cell's members; -1 when not in the grid. */
  cellSlot: number;
  /** The stamp at which it was last put into a cell. */
  arrivedAt: number;
}

/** One cell; `summary` is a per-tick digest its user computes once and shares between queries (S). */
export class GridCell<M, S = unknown> {
  readonly key: number;
  /** Column and row. */
  readonly x: number;
  readonly y: number;
  readonly members: M[] = [];
  /** Members removed during stamp `departedAt` (some may be back, or elsewhere nearby). */
  departed: M[] = [];
  departedAt = -1;
  summary: S | null = null;
  summaryAt = -1;

  constructor(key: number, x: number, y: number) {
    this.key = key;
    this.x = x;
    this.y = y;
  }
}

/** Maps with at most this many cells index them in an array (a pointer per cell: 512 KiB at most). */
export const DENSE_GRID_MAX_CELLS = 65_536;

export class SpatialGrid<M extends GridMember, S = unknown> {
  readonly cellSize: number;
  /** Last column and row: coordinates are within [0, width] × [0, height]. */
  readonly maxCellX: number;
  readonly maxCellY: number;
  /** Stamp of the changes made now: the tick whose deltas will report them (set by the scene). */
  stamp = 0;
  private readonly columns: number;
  /** Small maps: every cell by key, made on first use and kept. */
  private readonly dense: (GridCell<M, S> | undefined)[] | null;
  /** Large maps: the occupied cells (and those emptied since the last sweep). */
  private readonly sparse = new Map<number, GridCell<M, S>>();
  /** Sparse cells emptied since the last sweep: kept until then, for their departures. */
  private emptied: GridCell<M, S>[] = [];

  constructor(width: number, height: number, cellSize: number) {
    this.cellSize = cellSize;
    this.maxCellX = Math.floor(width / cellSize);
    this.maxCellY = Math.floor(height / cellSize);
    this.columns = this.maxCellX + 1;
    const cells = this.columns * (this.maxCellY + 1);
    this.dense = cells <= DENSE_GRID_MAX_CELLS ? new Array<GridCell<M, S> | undefined>(cells).fill(undefined) : null;
  }

  /** The cell column (or row) of a coordinate, kept within the map. */
  cellOf(coord: number, max: number): number {
    return Math.min(Math.max(Math.floor(coord / this.cellSize), 0), max);
  }

  /** Cells made so far (on a large map: occupied, or emptied since the last sweep). */
  get cellCount(): number {
    return this.dense === null ? this.sparse.size : this.dense.reduce((n, cell) => (cell === undefined ? n : n + 1), 0);
  }

  /** The cell of this key, if it exists (a member's cell always does). */
  cellAt(key: number): GridCell<M, S> | undefined {
    return this.dense === null ? this.sparse.get(key) : this.dense[key];
  }

  insert(member: M): void {
    member.cellX = this.cellOf(member.x, this.maxCellX);
    member.cellY = this.cellOf(member.y, this.maxCellY);
    member.cellKey = member.cellY * this.columns + member.cellX;
    let cell = this.cellAt(member.cellKey);
    if (cell === undefined) {
      cell = new GridCell<M, S>(member.cellKey, member.cellX, member.cellY);
      if (this.dense === null) this.sparse.set(member.cellKey, cell);
      else this.dense[member.cellKey] = cell;
    }
    member.cellSlot = cell.members.length;
    member.arrivedAt = this.stamp;
    cell.members.push(member);
  }

  /** Re-files a member after its position changed; true when it changed cells. */
  update(member: M): boolean {
    const cellX = this.cellOf(member.x, this.maxCellX);
    const cellY = this.cellOf(member.y, this.maxCellY);
    if (cellX === member.cellX && cellY === member.cellY) return false;
    this.remove(member);
    this.insert(member);
    return true;
  }

  remove(member: M): void {
    const cell = this.cellAt(member.cellKey);
    if (cell === undefined || cell.members[member.cellSlot] !== member) return;
    const members = cell.members;
    const last = members.pop() as M;
    if (last !== member) {
      members[member.cellSlot] = last;
      last.cellSlot = member.cellSlot;
    }
    member.cellSlot = -1;
    if (cell.departedAt !== this.stamp) {
      cell.departed = [];
      cell.departedAt = this.stamp;
    }
    cell.departed.push(member);
    if (members.length === 0 && this.dense === null) this.emptied.push(cell);
  }

  /** Large maps: drops the cells emptied since the last sweep that are still empty (after the deltas). */
  sweep(): void {
    if (this.emptied.length === 0) return;
    for (const cell of this.emptied) {
      if (cell.members.length === 0 && this.sparse.get(cell.key) === cell) this.sparse.delete(cell.key);
    }
    this.emptied = [];
  }

  /**
   * Fills `out` with the cells within `radius` cells (Chebyshev) of (cellX, cellY) and returns how many; `out` is
   * the caller's reusable buffer, so a query allocates nothing.
   */
  around(cellX: number, cellY: number, radius: number, out: GridCell<M, S>[]): number {
    let count = 0;
    const fromX = Math.max(cellX - radius, 0);
    const toX = Math.min(cellX + radius, this.maxCellX);
    const fromY = Math.max(cellY - radius, 0);
    const toY = Math.min(cellY + radius, this.maxCellY);
    const dense = this.dense;
    for (let y = fromY; y <= toY; y++) {
      const row = y * this.columns;
      for (let x = fromX; x <= toX; x++) {
        const cell = dense === null ? this.sparse.get(row + x) : dense[row + x];
        if (cell !== undefined) out[count++] = cell;
      }
    }
    return count;
  }
}
