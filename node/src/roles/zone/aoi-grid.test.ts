// SpatialGrid: cells of coordinates, filing and re-filing members, swap-remove, neighbourhood queries clipped to the
// map, and what each cell remembers of its changes (stamp, departures) until the sweep.
import { describe, expect, it } from '@jest/globals';
import { DENSE_GRID_MAX_CELLS, type GridCell, type GridMember, SpatialGrid } from './aoi-grid.ts';

class Dot implements GridMember {
  x: number;
  y: number;
  cellX = 0;
  cellY = 0;
  cellKey = 0;
  cellSlot = -1;
  arrivedAt = -1;
  readonly name: string;
  constructor(name: string, x: number, y: number) {
    this.name = name;
    this.x = x;
    this.y = y;
  }
}

function cellsAround(grid: SpatialGrid<Dot>, cellX: number, cellY: number, radius: number): GridCell<Dot>[] {
  const out: GridCell<Dot>[] = [];
  const count = grid.around(cellX, cellY, radius, out);
  return out.slice(0, count);
}

function namesAround(grid: SpatialGrid<Dot>, cellX: number, cellY: number, radius: number): string[] {
  return cellsAround(grid, cellX, cellY, radius)
    .flatMap((cell) => cell.members)
    .map((dot) => dot.name)
    .sort();
}

describe('SpatialGrid', () => {
  it.each([
    { desc: 'inside a cell', coord: 149.9, want: 1 },
    { desc: 'on a cell border: the next cell', coord: 100, want: 1 },
    { desc: 'zero', coord: 0, want: 0 },
    { desc: 'the far edge of the map', coord: 1000, want: 10 },
    { desc: 'below the map: the first cell', coord: -5, want: 0 },
    { desc: 'beyond the map: the last cell', coord: 5000, want: 10 },
  ])('cellOf: $desc', ({ coord, want }) => {
    expect(new SpatialGrid<Dot>(1000, 1000, 100).cellOf(coord, 10)).toBe(want);
  });

  it('finds members in the cells within the radius only, clipped to the map', () => {
    const grid = new SpatialGrid<Dot>(1000, 500, 100);
    const dots = [
      new Dot('origin', 0, 0),
      new Dot('right', 150, 50),
      new Dot('diagonal', 199, 199),
      new Dot('two-away', 250, 50),
      new Dot('corner', 1000, 500),
    ];
    for (const dot of dots) grid.insert(dot);
    expect(namesAround(grid, 0, 0, 1)).toEqual(['diagonal', 'origin', 'right']);
    expect(namesAround(grid, 0, 0, 0)).toEqual(['origin']);
    expect(namesAround(grid, 0, 0, 2)).toEqual(['diagonal', 'origin', 'right', 'two-away']);
    expect(namesAround(grid, 10, 5, 1)).toEqual(['corner']);
    expect(grid.cellCount).toBe(5);
  });

  it('re-files a member that changed cells, and keeps the others in place when it swap-removes', () => {
    const grid = new SpatialGrid<Dot>(1000, 1000, 100);
    const a = new Dot('a', 10, 10);
    const b = new Dot('b', 20, 20);
    const c = new Dot('c', 30, 30);
    for (const dot of [a, b, c]) grid.insert(dot);
    a.x = 50;
    expect(grid.update(a)).toBe(false);
    a.x = 510;
    a.y = 510;
    expect(grid.update(a)).toBe(true);
    expect([a.cellX, a.cellY]).toEqual([5, 5]);
    expect(namesAround(grid, 0, 0, 0)).toEqual(['b', 'c']);
    expect(c.cellSlot).toBe(0);
    grid.remove(b);
    grid.remove(b);
    expect(namesAround(grid, 0, 0, 0)).toEqual(['c']);
    expect(b.cellSlot).toBe(-1);
  });

  it('stamps arrivals, and keeps who left a cell during the current stamp', () => {
    const grid = new SpatialGrid<Dot>(1000, 1000, 100);
    grid.stamp = 1;
    const a = new Dot('a', 10, 10);
    const b = new Dot('b', 20, 20);
    grid.insert(a);
    grid.insert(b);
    const [cell] = cellsAround(grid, 0, 0, 0);
    expect([a.arrivedAt, b.arrivedAt, cell!.departedAt]).toEqual([1, 1, -1]);
    grid.stamp = 2;
    a.x = 50;
    grid.update(a);
    expect(a.arrivedAt).toBe(1);
    a.x = 150;
    grid.update(a);
    expect(a.arrivedAt).toBe(2);
    expect(cell!.departed.map((d) => d.name)).toEqual(['a']);
    expect(cell!.departedAt).toBe(2);
    grid.stamp = 3;
    grid.remove(b);
    expect(cell!.departed.map((d) => d.name)).toEqual(['b']);
    expect(cell!.departedAt).toBe(3);
  });

  it('on a large map, keeps emptied cells until the sweep, then drops those still empty', () => {
    const grid = new SpatialGrid<Dot>(100_000, 100_000, 10);
    const a = new Dot('a', 10, 10);
    const b = new Dot('b', 510, 510);
    grid.insert(a);
    grid.insert(b);
    grid.remove(a);
    grid.remove(b);
    expect(grid.cellCount).toBe(2);
    expect(cellsAround(grid, 1, 1, 0)[0]!.departed.map((d) => d.name)).toEqual(['a']);
    grid.insert(b);
    grid.sweep();
    expect(grid.cellCount).toBe(1);
    expect(namesAround(grid, 51, 51, 0)).toEqual(['b']);
  });

  it(`on a small map (≤ ${DENSE_GRID_MAX_CELLS} cells), keeps its cells once made`, () => {
    const grid = new SpatialGrid<Dot>(1000, 1000, 100);
    const a = new Dot('a', 10, 10);
    grid.insert(a);
    grid.remove(a);
    grid.sweep();
    expect(grid.cellCount).toBe(1);
    expect(cellsAround(grid, 0, 0, 0)[0]!.members).toEqual([]);
  });
});
