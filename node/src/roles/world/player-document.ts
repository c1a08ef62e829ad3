// The Player's persistent document (roles contract): profile, gold, inventory and match stats, with the checks
// every change goes through. Limits keep a document small and its numbers exact (below 2^53).
import { InvalidAmountError, InvalidPlayerInputError } from './errors.ts';

export interface PlayerStats {
  matches: number;
  wins: number;
  losses: number;
  rating: number;
}

export interface PlayerDocument {
  profile: { name: string; createdAt: number };
  gold: number;
  inventory: Record<string, number>;
  stats: PlayerStats;
}

/** What `profile()` answers a client. */
export interface PlayerProfile {
  readonly playerId: string;
  readonly name: string;
  readonly createdAt: number;
  readonly gold: number;
  readonly stats: PlayerStats;
}

export const INITIAL_RATING = 1000;
/** Most gold a player may hold. */
export const MAX_GOLD = 1_000_000_000_000_000;
/** Most of one item a player may hold. */
export const MAX_ITEM_COUNT = 1_000_000_000;
/** Distinct items in one inventory. */
export const MAX_INVENTORY_ITEMS = 1000;
/** Display names: letters and digits of any script, then also spaces, '_', '.', '-'; 1-32 characters. */
export const PLAYER_NAME_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N} _.-]{0,31}$/u;
/** Item ids: a letter, then letters, digits, '_', '.', ':', '-'; at most 64. */
export const ITEM_ID_PATTERN = /^[A-Za-z][A-Za-z0-9_.:-]{0,63}$/;
/** Gold change reasons (for the ledger): short plain text. */
export const REASON_PATTERN = /^[A-Za-z0-9_.:-]{1,64}$/;

/** A new player's document; the Player fills in the name and creation time on its first activation. */
export function newPlayerDocument(): PlayerDocument {
  return {
    profile: { name: '', createdAt: 0 },
    gold: 0,
    inventory: {},
    stats: { matches: 0, wins: 0, losses: 0, rating: INITIAL_RATING },
  };
}

/** The name a player has until it renames itself. */
export function defaultPlayerName(playerId: string): string {
  const tail = playerId.replace(/[^A-Za-z0-9]/g, '').slice(-6);
  return `player-${tail || 'new'}`;
}

/** A plain deep copy (no tracking proxies, nothing shared with the live document). */
export function copyPlayerDocument(doc: PlayerDocument): PlayerDocument {
  return {
    profile: { name: doc.profile.name, createdAt: doc.profile.createdAt },
    gold: doc.gold,
    inventory: copyInventory(doc.inventory),
    stats: copyStats(doc.stats),
  };
}

export function copyInventory(inventory: Record<string, number>): Record<string, number> {
  const copy: Record<string, number> = {};
  for (const [item, count] of Object.entries(inventory)) copy[item] = count;
  return copy;
}

export function copyStats(stats: PlayerStats): PlayerStats {
  return { matches: stats.matches, wins: stats.wins, losses: stats.losses, rating: stats.rating };
}

/** `amount` as a whole number in 1..max, else InvalidAmountError naming `what`. */
export function checkAmount(amount: unknown, max: number, what: string): number {
  if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount < 1 || amount > max) {
    throw new InvalidAmountError(`${what} must be a whole number from 1 to ${max}, got ${describe(amount)}`, {
      details: { [what]: typeof amount === 'number' ? amount : null },
    });
  }
  return amount;
}

export function checkReason(reason: unknown): string {
  if (typeof reason !== 'string' || !REASON_PATTERN.test(reason)) {
    throw new InvalidPlayerInputError(`reason must match ${REASON_PATTERN}, got ${describe(reason)}`);
  }
  return reason;
}

export function checkItemId(item: unknown): string {
  if (typeof item !== 'string' || !ITEM_ID_PATTERN.test(item)) {
    throw new InvalidPlayerInputError(`item must match ${ITEM_ID_PATTERN}, got ${describe(item)}`);
  }
  return item;
}

/** The display name, trimmed; InvalidPlayerInputError unless it matches PLAYER_NAME_PATTERN. */
export function checkPlayerName(name: unknown): string {
  const trimmed = typeof name === 'string' ? name.trim() : '';
  if (!PLAYER_NAME_PATTERN.test(trimmed)) {
    throw new InvalidPlayerInputError(
      `name must be 1-32 letters, digits, spaces, '_', '.' or '-', starting with a letter or digit; got ${describe(name)}`,
    );
  }
  return trimmed;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 70 ? `${value.slice(0, 70)}...` : value);
  return typeof value === 'number' ? String(value) : typeof value;
}
