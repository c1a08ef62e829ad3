// The arena's numbers in one place: map sizes, speeds, coins, the 2v2 queue and how long a room plays. The bots
// read the sizes from the scene's join answer, not from here, so a server can change them without a bot release.

export const ARENA_WORLD_TYPE = 'arena-world';
export const ARENA_ROOM_TYPE = 'arena-room';
export const ARENA_QUEUE = 'arena-2v2';

/** World scenes players are spread over (by player id), so two zone nodes share the crowd. */
export const WORLD_SCENES = 2;

export const WORLD = {
  width: 400,
  height: 400,
  cellSize: 25,
  viewCells: 1,
  /** Units per second. */
  maxSpeed: 12,
  /** Coins kept on the map; one respawns for each one collected. */
  coins: 240,
} as const;

export const ROOM = {
  width: 80,
  height: 80,
  cellSize: 20,
  viewCells: 1,
  maxSpeed: 12,
  coins: 40,
  /** How long a match plays once every player is in (or the join window closed). */
  playMs: 20_000,
  /** Players who have not joined by then forfeit; the match starts with whoever came. */
  joinWindowMs: 10_000,
} as const;

/** A player collects a coin within this distance of its position. */
export const COLLECT_RADIUS = 2.5;
/** Coin values are 1..MAX_COIN_VALUE. */
export const MAX_COIN_VALUE = 5;

export const QUEUE = {
  teamSize: 2,
  teams: 2,
  ratingWindow: { initial: 100, growPerSecond: 50, max: 1_000 },
  timeoutMs: 60_000,
} as const;

/** Chat channels the lobby is spread over. */
export const LOBBY_CHANNELS = 10;

/** A stable small hash of a string (FNV-1a), for spreading players over scenes and channels. */
export function spread(id: string, buckets: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % buckets;
}
