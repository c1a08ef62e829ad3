// The Matchmaker actor: one per queue (id = queue name), hash-placed on match nodes. It takes tickets, runs a
// formation pass on a timer (match-queue.ts decides, this applies), opens each formed match's room Scene on a zone
// and pushes 'match.found' to its players. Opening a room is not awaited inside the pass, so a slow zone never
// holds up enqueue and cancel; the answer comes back into the mailbox as a timer turn. State lives in memory:
// when the queue moves (its node drains or stops, or another match node became its owner) it hands its tickets to
// the new owner. docs/match.md.
import { Actor } from '../../actor/actor.ts';
import type { ActorTimer } from '../../actor/actor-context.ts';
import { Session } from '../../gate/session.ts';
import { Scene, type SceneSpec } from '../zone/index.ts';
import { InvalidTicketError, MatchRoomFailedError, UnknownQueueError } from './errors.ts';
import { type FormedMatch, formMatches, hasTimedOut } from './match-queue.ts';
import { type MatchServices, matchServicesOf } from './match-services.ts';
import { MatchStats, type QueueStats } from './match-stats.ts';
import { QueueBook, type QueueStatus } from './queue-book.ts';
import type { ResolvedQueueConfig } from './queue-config.ts';
import { queueConfigOf } from './queue-registry.ts';
import { checkTicketRequest, isQueueTicket, type QueueTicket, type TicketRequest } from './queue-ticket.ts';

/** Pushed to a match's players once its room is open. */
export const MATCH_FOUND_EVENT = 'match.found';
/** Pushed to a ticket's players when it waited longer than the queue's timeoutMs. */
export const MATCH_TIMEOUT_EVENT = 'match.timeout';
/** Pushed to a ticket's players when it left the queue otherwise: cancelled, queue closed, or a duplicate. */
export const MATCH_CANCELLED_EVENT = 'match.cancelled';

export interface MatchFound {
  readonly matchId: string;
  readonly queue: string;
  readonly roomId: string;
  readonly teams: string[][];
}

export interface MatchTimeout {
  readonly ticketId: string;
  readonly queue: string;
}

export interface MatchCancelled {
  readonly ticketId: string;
  readonly queue: string;
  /** cancelled: a player of the ticket cancelled; closed: the queue shut down with nowhere to hand over; duplicate: after a hand-over, a player had queued again at the new owner. */
  readonly reason: 'cancelled' | 'closed' | 'duplicate';
}

export interface EnqueueResult {
  readonly ticketId: string;
  /** Tickets waiting in the queue, this one included. */
  readonly queued: number;
}

type RoomOutcome = { ok: true; roomId: string; teams: string[][] } | { ok: false; roomId: string; error: unknown };

/** The room Scene id of match `matchId`. */
export function roomIdOf(matchId: string): string {
  return `room-${matchId}`;
}

export class Matchmaker extends Actor {
  private services: MatchServices | undefined;
  private queueStats: QueueStats | undefined;
  private config: ResolvedQueueConfig | undefined;
  private book: QueueBook | undefined;
  private timer: ActorTimer | undefined;
  /** Matches whose room is opening, by match id. */
  private readonly openings = new Map<string, Promise<RoomOutcome>>();
  private roomFailuresInRow = 0;
  /** After a room failure no match forms until then (timeouts still apply). */
  private pausedUntilMs = 0;
  /** Set while deactivating: the pushes onDeactivate waits for. */
  private closing: Promise<void>[] | null = null;

  override onActivate(): void {
    this.services = matchServicesOf(this.ctx.system);
    this.config = queueConfigOf(this.ctx.system, this.ctx.id);
    if (this.config === undefined) return; // every message answers UnknownQueueError
    this.book = new QueueBook(this.ctx.id);
    this.queueStats = MatchStats.of(this.ctx.system).queue(this.ctx.id);
    const everyMs = this.services.options.formIntervalMs;
    this.timer = this.ctx.setTimer(everyMs, () => this._pass(), { repeatMs: everyMs });
  }

  /** Queues a solo player or a party (at most teamSize players, one rating); a player queued here already is refused. */
  enqueue(ticket: TicketRequest): EnqueueResult {
    const { config, book, services } = this._queue();
    const request = checkTicketRequest(ticket, config);
    const queued: QueueTicket = {
      ticketId: services.nextId(),
      players: request.players,
      rating: request.rating,
      enqueuedAtMs: Date.now(),
    };
    book.add(queued);
    return { ticketId: queued.ticketId, queued: book.waitingCount };
  }

  /**
   * Takes `playerId`'s ticket (a party's, with all its players) out of the queue: true if it was waiting, false if
   * the player is not queued or the match is already formed (it goes ahead).
   */
  cancel(playerId: string): boolean {
    const { book } = this._queue();
    if (typeof playerId !== 'string') throw new InvalidTicketError(`queue ${this.ctx.id}: cancel takes a player id`);
    const ticket = book.cancel(playerId);
    if (ticket === undefined || ticket === 'matched') return false;
    this._tellCancelled(ticket.players, ticket.ticketId, 'cancelled');
    return true;
  }

  /** Waiting tickets and players, and the oldest ticket's wait. */
  status(): QueueStatus {
    return this._queue().book.status(Date.now());
  }

  /**
   * Takes over tickets from this queue's previous owner (a hand-over, not for game code): each keeps its id and
   * wait; a ticket with a player already queued here is dropped, its other players told 'duplicate'.
   */
  adopt(tickets: QueueTicket[]): number {
    const { book } = this._queue();
    if (!Array.isArray(tickets)) throw new InvalidTicketError(`queue ${this.ctx.id}: adopt takes an array of tickets`);
    let adopted = 0;
    for (const ticket of tickets) {
      if (!isQueueTicket(ticket)) continue;
      if (book.hasAny(ticket.players)) {
        const others = ticket.players.filter((player) => !book.hasAny([player]));
        this._tellCancelled(others, ticket.ticketId, 'duplicate');
        continue;
      }
      book.add({
        ticketId: ticket.ticketId,
        players: [...ticket.players],
        rating: ticket.rating,
        enqueuedAtMs: ticket.enqueuedAtMs,
      });
      adopted++;
    }
    return adopted;
  }

  /** Waits for rooms being opened (their players get match.found), then hands the waiting tickets over or closes. */
  override async onDeactivate(): Promise<void> {
    this.timer?.cancel();
    // From here pushes are acknowledged (see _push): the node may be about to leave the cluster.
    this.closing = [];
    for (const [matchId, outcome] of this.openings) this._settle(matchId, await outcome);
    const tickets = this.book?.takeWaiting() ?? [];
    let handedOver = tickets.length === 0;
    if (!handedOver && this.services!.ownedElsewhere(this.ctx.id)) {
      try {
        await this.ctx.ref(Matchmaker, this.ctx.id).adopt(tickets);
        handedOver = true;
      } catch (error) {
        this.ctx.system.options.onError(error, `Matchmaker/${this.ctx.id} hand-over`);
      }
    }
    if (!handedOver) for (const ticket of tickets) this._tellCancelled(ticket.players, ticket.ticketId, 'closed');
    for (const delivery of await Promise.allSettled(this.closing)) {
      if (delivery.status === 'rejected')
        this.ctx.system.options.onError(delivery.reason, `Matchmaker/${this.ctx.id} push`);
    }
  }

  /** One formation pass: drop timed-out tickets, form matches, open their rooms; hand over if the queue moved. */
  _pass(): void {
    const { config, book } = this._queue();
    if (this.openings.size === 0 && this.services!.ownedElsewhere(this.ctx.id)) {
      this.ctx.deactivate(); // onDeactivate hands the tickets to the new owner
      return;
    }
    const nowMs = Date.now();
    if (nowMs < this.pausedUntilMs) {
      const expired = book.waitingTickets().filter((ticket) => hasTimedOut(ticket, config.timeoutMs, nowMs));
      this._timeOut(expired);
      return;
    }
    const result = formMatches(book.waitingTickets(), config, nowMs);
    this._timeOut(result.timedOut);
    for (const match of result.matches) this._openRoom(match);
  }

  _timeOut(tickets: readonly QueueTicket[]): void {
    if (tickets.length === 0) return;
    this.book!.drop(tickets);
    this.queueStats!.timeouts += tickets.length;
    for (const ticket of tickets) {
      const data: MatchTimeout = { ticketId: ticket.ticketId, queue: this.ctx.id };
      this._push(ticket.players, MATCH_TIMEOUT_EVENT, data);
    }
  }

  _openRoom(match: FormedMatch): void {
    const config = this.config!;
    const matchId = this.services!.nextId();
    const roomId = roomIdOf(matchId);
    const teams = match.teams.map((team) => [...team]);
    const spec: SceneSpec = {
      type: config.roomType,
      players: teams.flat(),
      params: { ...config.roomParams, matchId, queue: this.ctx.id, teams },
    };
    this.book!.hold(matchId, match.tickets);
    const timeoutMs = this.services!.options.roomOpenTimeoutMs;
    const room = this.ctx.ref(Scene, roomId);
    const outcome = (timeoutMs === undefined ? room : room.withTimeout(timeoutMs)).open(spec).then(
      (): RoomOutcome => ({ ok: true, roomId, teams }),
      (error: unknown): RoomOutcome => ({ ok: false, roomId, error }),
    );
    this.openings.set(matchId, outcome);
    // The answer is applied in a turn of this actor (dropped if it deactivated: onDeactivate settled it then).
    outcome
      .then((settled) => this.ctx.setTimer(0, () => this._settle(matchId, settled)))
      .catch((error: unknown) => this.ctx.system.options.onError(error, `Matchmaker/${this.ctx.id} room ${roomId}`));
  }

  /** Applies a room's outcome once: match.found and the players leave, or the tickets go back to the front. */
  _settle(matchId: string, outcome: RoomOutcome): void {
    if (!this.openings.delete(matchId)) return;
    const book = this.book!;
    if (outcome.ok) {
      this._countMatch(book.release(matchId) ?? []);
      this.roomFailuresInRow = 0;
      const data: MatchFound = { matchId, queue: this.ctx.id, roomId: outcome.roomId, teams: outcome.teams };
      this._push(outcome.teams.flat(), MATCH_FOUND_EVENT, data);
      return;
    }
    const tickets = book.restore(matchId) ?? [];
    const { roomRetryBaseMs, roomRetryMaxMs } = this.services!.options;
    const pauseMs = Math.min(roomRetryMaxMs, roomRetryBaseMs * 2 ** Math.min(30, this.roomFailuresInRow));
    this.roomFailuresInRow++;
    this.pausedUntilMs = Date.now() + pauseMs;
    const cause = outcome.error as { message?: unknown } | undefined;
    this.ctx.system.options.onError(
      new MatchRoomFailedError(
        `queue ${this.ctx.id}: room ${outcome.roomId} of match ${matchId} could not be opened ` +
          `(${String(cause?.message ?? outcome.error)}); its ${tickets.length} tickets went back to the front of ` +
          `the queue and no match forms for ${pauseMs} ms: check the zone nodes and that scene type ` +
          `${this.config!.roomType} is registered there`,
        { cause: outcome.error, details: { queue: this.ctx.id, matchId, roomId: outcome.roomId, pauseMs } },
      ),
      `Matchmaker/${this.ctx.id}`,
    );
  }

  /** A match's room opened: one more match, and each of its tickets' wait. */
  _countMatch(tickets: readonly QueueTicket[]): void {
    const stats = this.queueStats!;
    stats.matches++;
    const nowMs = Date.now();
    for (const ticket of tickets) stats.waitSeconds.observe(Math.max(0, nowMs - ticket.enqueuedAtMs) / 1000);
  }

  /** Waiting tickets and players, read by the node's metrics outside a turn (undefined for an unknown queue). */
  _queueStatus(nowMs: number): QueueStatus | undefined {
    return this.book?.status(nowMs);
  }

  _tellCancelled(players: readonly string[], ticketId: string, reason: MatchCancelled['reason']): void {
    const data: MatchCancelled = { ticketId, queue: this.ctx.id, reason };
    this._push(players, MATCH_CANCELLED_EVENT, data);
  }

  /**
   * Pushes to players; a push that cannot go out is reported, never fails the queue's turn. While the queue
   * deactivates, each push is an ask to the player's Session, awaited by onDeactivate: the node may be about to
   * leave the cluster, and a one-way push still in flight when it leaves is lost.
   */
  _push(players: readonly string[], event: string, data: unknown): void {
    if (players.length === 0) return;
    const closing = this.closing;
    if (closing !== null) {
      for (const player of players) closing.push(this.ctx.ref(Session, player).push(event, data));
      return;
    }
    try {
      this.ctx.clients(players).push(event, data);
    } catch (error) {
      this.ctx.system.options.onError(error, `Matchmaker/${this.ctx.id} push ${event}`);
    }
  }

  /** The queue's config and book; UnknownQueueError (and this activation goes) when the queue is not registered here. */
  _queue(): { config: ResolvedQueueConfig; book: QueueBook; services: MatchServices } {
    if (this.config === undefined || this.book === undefined || this.services === undefined) {
      this.ctx.deactivate();
      throw new UnknownQueueError(
        `queue ${this.ctx.id} is not registered on this node: call registerQueue(system, ${JSON.stringify(this.ctx.id)}, ` +
          'config) on every node (match nodes at least) before queueing',
        { details: { queue: this.ctx.id } },
      );
    }
    return { config: this.config, book: this.book, services: this.services };
  }
}
