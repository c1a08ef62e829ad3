// A matchmaking queue's configuration (docs/match.md): match shape, the rating window and how it widens with
// waiting time, the timeout and the room to open. Owns its defaults and its validation, so a bad queue is refused
// at registration with every problem listed, not found out when the first match forms.
import { InvalidMatchConfigError } from './errors.ts';

export interface RatingWindow {
  /** Rating difference a ticket accepts when it joins the queue (≥ 0). */
  readonly initial: number;
  /** How much the accepted difference grows per second of waiting (≥ 0). */
  readonly growPerSecond: number;
  /** The accepted difference never grows past this (≥ initial). */
  readonly max: number;
}

export interface QueueConfig {
  /** Players per team, 1–100; a party (one ticket) has at most this many players. */
  readonly teamSize: number;
  /** Teams per match, 1–100; teams × teamSize at most 1000 (default: 2). */
  readonly teams?: number;
  readonly ratingWindow: RatingWindow;
  /** A ticket waiting longer than this is dropped with 'match.timeout' (whole ms ≥ 1). */
  readonly timeoutMs: number;
  /** The scene type of the room a formed match opens (registered with registerSceneRules on zone nodes). */
  readonly roomType: string;
  /** Extra params of the room's SceneSpec; matchId, queue and teams are added by the queue (default: {}). */
  readonly roomParams?: Record<string, unknown>;
}

export interface ResolvedQueueConfig {
  readonly name: string;
  readonly teamSize: number;
  readonly teams: number;
  /** teams × teamSize: the players of one match. */
  readonly matchPlayers: number;
  readonly ratingWindow: RatingWindow;
  readonly timeoutMs: number;
  readonly roomType: string;
  readonly roomParams: Readonly<Record<string, unknown>>;
}

export const DEFAULT_TEAMS = 2;
export const MAX_TEAM_SIZE = 100;
export const MAX_TEAMS = 100;
export const MAX_MATCH_PLAYERS = 1000;
/** roomParams keys the queue sets itself. */
export const RESERVED_ROOM_PARAMS: readonly string[] = ['matchId', 'queue', 'teams'];
const QUEUE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const MAX_TIMER_MS = 2_147_483_647;

/** Fills defaults and reports every invalid field at once (InvalidMatchConfigError). */
export function resolveQueueConfig(name: string, config: QueueConfig): ResolvedQueueConfig {
  const problems: string[] = [];
  if (typeof name !== 'string' || !QUEUE_NAME.test(name)) {
    problems.push(
      `name ${JSON.stringify(name)} must be 1-64 letters, digits, '_', '.', '-' (starting with a letter or digit)`,
    );
  }
  if (config === null || typeof config !== 'object') {
    throw new InvalidMatchConfigError(`queue ${String(name)}: config must be an object`);
  }
  const teams = config.teams ?? DEFAULT_TEAMS;
  if (!isIntegerIn(config.teamSize, 1, MAX_TEAM_SIZE))
    problems.push(`teamSize must be a whole number 1-${MAX_TEAM_SIZE}`);
  if (!isIntegerIn(teams, 1, MAX_TEAMS)) problems.push(`teams must be a whole number 1-${MAX_TEAMS}`);
  else if (isIntegerIn(config.teamSize, 1, MAX_TEAM_SIZE) && teams * config.teamSize > MAX_MATCH_PLAYERS) {
    problems.push(`teams × teamSize must be at most ${MAX_MATCH_PLAYERS}`);
  }
  const window = config.ratingWindow as RatingWindow | undefined;
  if (window === null || typeof window !== 'object') {
    problems.push('ratingWindow must be { initial, growPerSecond, max }');
  } else {
    if (!isFiniteAtLeast(window.initial, 0)) problems.push('ratingWindow.initial must be a finite number ≥ 0');
    if (!isFiniteAtLeast(window.growPerSecond, 0))
      problems.push('ratingWindow.growPerSecond must be a finite number ≥ 0');
    if (!isFiniteAtLeast(window.max, 0)) problems.push('ratingWindow.max must be a finite number ≥ 0');
    else if (isFiniteAtLeast(window.initial, 0) && window.max < window.initial) {
      problems.push('ratingWindow.max must be ≥ ratingWindow.initial');
    }
  }
  if (!isIntegerIn(config.timeoutMs, 1, MAX_TIMER_MS))
    problems.push(`timeoutMs must be a whole number of ms 1-${MAX_TIMER_MS}`);
  if (typeof config.roomType !== 'string' || config.roomType.length === 0) {
    problems.push('roomType must be a non-empty string (a scene type registered with registerSceneRules)');
  }
  const roomParams = config.roomParams ?? {};
  if (roomParams === null || typeof roomParams !== 'object' || Array.isArray(roomParams)) {
    problems.push('roomParams must be a plain object');
  } else {
    for (const key of RESERVED_ROOM_PARAMS) {
      if (Object.hasOwn(roomParams, key)) problems.push(`roomParams.${key} is set by the queue; use another key`);
    }
  }
  if (problems.length > 0) {
    throw new InvalidMatchConfigError(`queue ${String(name)}: ${problems.join('; ')}`, { details: { problems } });
  }
  return Object.freeze({
    name,
    teamSize: config.teamSize,
    teams,
    matchPlayers: teams * config.teamSize,
    ratingWindow: Object.freeze({ initial: window!.initial, growPerSecond: window!.growPerSecond, max: window!.max }),
    timeoutMs: config.timeoutMs,
    roomType: config.roomType,
    roomParams: Object.freeze({ ...roomParams }),
  });
}

/**
 * The rating difference a ticket accepts after waiting `nowMs - enqueuedAtMs`:
 * min(max, initial + growPerSecond × waitSeconds). A clock that reads earlier than the enqueue counts as no wait,
 * so the window never narrows.
 */
export function ratingWindowAt(window: RatingWindow, enqueuedAtMs: number, nowMs: number): number {
  const waitMs = Math.max(0, nowMs - enqueuedAtMs);
  return Math.min(window.max, window.initial + (window.growPerSecond * waitMs) / 1000);
}

function isIntegerIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

function isFiniteAtLeast(value: unknown, min: number): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= min;
}
