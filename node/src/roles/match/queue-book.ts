// The bookkeeping of one queue: tickets waiting (front first), which player is in which ticket, and the tickets of
// formed matches whose room is still opening (their players stay "in the queue" until the room answers, so they
// cannot queue twice; a failed room puts them back at the front, keeping their wait).
import { AlreadyQueuedError } from './errors.ts';
import type { QueueTicket } from './queue-ticket.ts';

export interface QueueStatus {
  /** Waiting tickets (not counting matches whose room is opening). */
  readonly tickets: number;
  /** Players in the waiting tickets. */
  readonly players: number;
  /** How long the oldest waiting ticket has waited (0 when none). */
  readonly oldestWaitMs: number;
}

export class QueueBook {
  private readonly queue: string;
  private waiting = new Map<string, QueueTicket>();
  private readonly ticketOfPlayer = new Map<string, string>();
  private readonly held = new Map<string, readonly QueueTicket[]>();

  constructor(queue: string) {
    this.queue = queue;
  }

  /** Adds `ticket` at the back; AlreadyQueuedError when one of its players is waiting or matched here already. */
  add(ticket: QueueTicket): void {
    const taken = ticket.players.filter((player) => this.ticketOfPlayer.has(player));
    if (taken.length > 0) {
      const ticketIds = [...new Set(taken.map((player) => this.ticketOfPlayer.get(player)!))];
      throw new AlreadyQueuedError(
        `queue ${this.queue}: ${taken.join(', ')} already queued (or matched, room opening); cancel first or wait ` +
          'for match.found',
        { details: { queue: this.queue, players: taken, ticketIds } },
      );
    }
    this.waiting.set(ticket.ticketId, ticket);
    for (const player of ticket.players) this.ticketOfPlayer.set(player, ticket.ticketId);
  }

  /** Whether any of `players` is waiting or matched here. */
  hasAny(players: readonly string[]): boolean {
    return players.some((player) => this.ticketOfPlayer.has(player));
  }

  /**
   * Removes the waiting ticket of `playerId` (a party's ticket with all its players). 'matched' when its match is
   * already formed (the match goes ahead), undefined when the player is not here.
   */
  cancel(playerId: string): QueueTicket | 'matched' | undefined {
    const ticketId = this.ticketOfPlayer.get(playerId);
    if (ticketId === undefined) return undefined;
    const ticket = this.waiting.get(ticketId);
    if (ticket === undefined) return 'matched';
    this.forget([ticket]);
    return ticket;
  }

  /** Waiting tickets, front first. */
  waitingTickets(): QueueTicket[] {
    return [...this.waiting.values()];
  }

  get waitingCount(): number {
    return this.waiting.size;
  }

  /** Removes waiting tickets for good (timed out); their players may queue again. */
  drop(tickets: readonly QueueTicket[]): void {
    this.forget(tickets);
  }

  /** Moves waiting tickets into formed match `matchId` while its room opens; their players stay queued. */
  hold(matchId: string, tickets: readonly QueueTicket[]): void {
    for (const ticket of tickets) this.waiting.delete(ticket.ticketId);
    this.held.set(matchId, tickets);
  }

  /** The room of `matchId` opened: its tickets leave the queue and their players may queue again. */
  release(matchId: string): readonly QueueTicket[] | undefined {
    const tickets = this.held.get(matchId);
    if (tickets === undefined) return undefined;
    this.held.delete(matchId);
    for (const ticket of tickets) for (const player of ticket.players) this.ticketOfPlayer.delete(player);
    return tickets;
  }

  /** The room of `matchId` could not be opened: its tickets go back to the front, with their original wait. */
  restore(matchId: string): readonly QueueTicket[] | undefined {
    const tickets = this.held.get(matchId);
    if (tickets === undefined) return undefined;
    this.held.delete(matchId);
    const front = new Map<string, QueueTicket>();
    for (const ticket of [...tickets].sort((a, b) => a.enqueuedAtMs - b.enqueuedAtMs))
      front.set(ticket.ticketId, ticket);
    for (const [ticketId, ticket] of this.waiting) front.set(ticketId, ticket);
    this.waiting = front;
    return tickets;
  }

  /** Removes every waiting ticket (the queue hands them over or closes); their players leave the queue. */
  takeWaiting(): QueueTicket[] {
    const tickets = this.waitingTickets();
    this.forget(tickets);
    return tickets;
  }

  status(nowMs: number): QueueStatus {
    let players = 0;
    let oldest = nowMs;
    for (const ticket of this.waiting.values()) {
      players += ticket.players.length;
      oldest = Math.min(oldest, ticket.enqueuedAtMs);
    }
    return { tickets: this.waiting.size, players, oldestWaitMs: Math.max(0, nowMs - oldest) };
  }

  private forget(tickets: readonly QueueTicket[]): void {
    for (const ticket of tickets) {
      this.waiting.delete(ticket.ticketId);
      for (const player of ticket.players) this.ticketOfPlayer.delete(player);
    }
  }
}
