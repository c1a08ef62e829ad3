// A ticket: one solo player or one party (players who must play on the same team), with the rating the queue
// matches it by and when it joined. enqueue's input is checked here so a bad ticket is refused with what is wrong.
import { FIELD_LIMITS } from '../../gate/protocol/field-limits.ts';
import { InvalidTicketError } from './errors.ts';
import type { ResolvedQueueConfig } from './queue-config.ts';

/** What enqueue takes: the party's players (one for a solo) and the party's rating (e.g. its members' mean). */
export interface TicketRequest {
  readonly players: readonly string[];
  readonly rating: number;
}

export interface QueueTicket {
  readonly ticketId: string;
  readonly players: readonly string[];
  readonly rating: number;
  /** Wall-clock ms when the ticket joined; its wait, window and timeout count from here. */
  readonly enqueuedAtMs: number;
}

/** Player ids are session ids: the gate's limit applies (a room would refuse longer ones). */
export const MAX_PLAYER_ID_LENGTH = FIELD_LIMITS.maxIdLength;

/** The checked players and rating of `request`, or InvalidTicketError naming every problem. */
export function checkTicketRequest(request: unknown, config: ResolvedQueueConfig): TicketRequest {
  if (request === null || typeof request !== 'object') {
    throw new InvalidTicketError(`queue ${config.name}: a ticket is { players: string[], rating: number }`);
  }
  const { players, rating } = request as { players?: unknown; rating?: unknown };
  const problems: string[] = [];
  if (!Array.isArray(players) || players.length === 0) {
    problems.push('players must be a non-empty array of player ids');
  } else {
    if (players.length > config.teamSize) {
      problems.push(`a party of ${players.length} does not fit a team of ${config.teamSize}`);
    }
    for (const player of players) {
      if (typeof player !== 'string' || player.length === 0 || player.length > MAX_PLAYER_ID_LENGTH) {
        problems.push(`player ids must be strings of 1-${MAX_PLAYER_ID_LENGTH} characters`);
        break;
      }
    }
    if (new Set(players).size !== players.length) problems.push('a player is listed twice');
  }
  if (typeof rating !== 'number' || !Number.isFinite(rating)) problems.push('rating must be a finite number');
  if (problems.length > 0) {
    throw new InvalidTicketError(`queue ${config.name}: ${problems.join('; ')}`, { details: { problems } });
  }
  return { players: [...(players as string[])], rating: rating as number };
}

/** Whether `value` is a well-formed QueueTicket (tickets handed over from another node are checked with it). */
export function isQueueTicket(value: unknown): value is QueueTicket {
  if (value === null || typeof value !== 'object') return false;
  const ticket = value as Partial<QueueTicket>;
  return (
    typeof ticket.ticketId === 'string' &&
    Array.isArray(ticket.players) &&
    ticket.players.length > 0 &&
    ticket.players.every(
      (player) => typeof player === 'string' && player.length > 0 && player.length <= MAX_PLAYER_ID_LENGTH,
    ) &&
    typeof ticket.rating === 'number' &&
    Number.isFinite(ticket.rating) &&
    typeof ticket.enqueuedAtMs === 'number' &&
    Number.isFinite(ticket.enqueuedAtMs)
  );
}
