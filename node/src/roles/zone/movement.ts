// Server-side movement validation, as a pure function: a move's target is clamped to the scene's bounds, then the
// distance toward it to what the player's speed allows for the time it has not yet spent moving. Time spent is
// tracked per player ("spentAtMs"), so several moves in one tick share the elapsed time instead of each getting it.
import { InvalidMoveError } from './errors.ts';

/** Moves may go this much faster than maxSpeed: clients' clocks and networks jitter. */
export const MOVE_SPEED_TOLERANCE = 0.1;
/** At most this much unspent time counts: a player standing still cannot bank a teleport. */
export const MOVE_MAX_BANKED_MS = 250;

export interface MoveLimits {
  readonly width: number;
  readonly height: number;
  /** Units per second. */
  readonly maxSpeed: number;
}

export interface MoveOutcome {
  readonly x: number;
  readonly y: number;
  /** The player's new spentAtMs: the old one (at most MOVE_MAX_BANKED_MS behind now) plus the time this move took. */
  readonly spentAtMs: number;
  /** The move was shortened (speed) or its target moved inside the bounds. */
  readonly clamped: boolean;
}

/**
 * Where a player at (fromX, fromY) ends up moving toward (toX, toY) at `nowMs`, given the time it has used up to
 * `spentAtMs`. The allowed distance is maxSpeed × (1 + MOVE_SPEED_TOLERANCE) × (nowMs − spentAtMs), with the unspent
 * time capped at MOVE_MAX_BANKED_MS.
 */
export function limitMove(
  fromX: number,
  fromY: number,
  toX: number,
  toY: number,
  spentAtMs: number,
  nowMs: number,
  limits: MoveLimits,
): MoveOutcome {
  const targetX = clamp(toX, 0, limits.width);
  const targetY = clamp(toY, 0, limits.height);
  const speedPerMs = (limits.maxSpeed * (1 + MOVE_SPEED_TOLERANCE)) / 1000;
  const from = Math.max(spentAtMs, nowMs - MOVE_MAX_BANKED_MS);
  const allowed = Math.max(0, nowMs - from) * speedPerMs;
  const dx = targetX - fromX;
  const dy = targetY - fromY;
  const distance = Math.hypot(dx, dy);
  const boundsClamped = targetX !== toX || targetY !== toY;
  if (distance <= allowed) {
    return { x: targetX, y: targetY, spentAtMs: from + distance / speedPerMs, clamped: boundsClamped };
  }
  const share = allowed / distance;
  return {
    x: clamp(fromX + dx * share, 0, limits.width),
    y: clamp(fromY + dy * share, 0, limits.height),
    spentAtMs: Math.max(from, nowMs),
    clamped: true,
  };
}

/** Throws InvalidMoveError unless x and y are finite numbers. */
export function checkPosition(x: unknown, y: unknown, what: string): void {
  if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) {
    throw new InvalidMoveError(`${what}: x and y must be finite numbers, got ${describe(x)}, ${describe(y)}`, {
      details: { x: describe(x), y: describe(y) },
    });
  }
}

export function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}

function describe(value: unknown): string {
  return typeof value === 'number' ? String(value) : typeof value;
}
