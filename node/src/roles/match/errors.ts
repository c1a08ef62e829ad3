// Errors of the match role (queues, tickets, rooms). Codes are stable and documented in docs/errors.md; each class
// registers itself so it crosses the mesh and the gate as the same class.
import { GameclusterError, registerErrorCode } from '../../errors/index.ts';

type ErrorOptions = { cause?: unknown; details?: Record<string, unknown> };

/** A queue name reached a Matchmaker on a node where no queue of that name is registered. */
export class UnknownQueueError extends GameclusterError {
  static readonly code = 'GC_ERR_MATCH_UNKNOWN_QUEUE';
  constructor(message: string, options?: ErrorOptions) {
    super(UnknownQueueError.code, message, options);
  }
}

/** registerQueue got a bad name or config, or the queue is registered already; or installMatch got bad options. */
export class InvalidMatchConfigError extends GameclusterError {
  static readonly code = 'GC_ERR_MATCH_INVALID_CONFIG';
  constructor(message: string, options?: ErrorOptions) {
    super(InvalidMatchConfigError.code, message, options);
  }
}

/** enqueue got a ticket the queue cannot take: no players, a party larger than a team, a rating that is not a number. */
export class InvalidTicketError extends GameclusterError {
  static readonly code = 'GC_ERR_MATCH_INVALID_TICKET';
  constructor(message: string, options?: ErrorOptions) {
    super(InvalidTicketError.code, message, options);
  }
}

/** A player of the ticket is already in this queue (waiting, or in a match whose room is opening). */
export class AlreadyQueuedError extends GameclusterError {
  static readonly code = 'GC_ERR_MATCH_ALREADY_QUEUED';
  constructor(message: string, options?: ErrorOptions) {
    super(AlreadyQueuedError.code, message, options);
  }
}

/**
 * A formed match's room Scene could not be opened; its tickets went back to the front of the queue. Reported
 * through the ActorSystem's onError (nobody waits for it), with the zone's error as cause.
 */
export class MatchRoomFailedError extends GameclusterError {
  static readonly code = 'GC_ERR_MATCH_ROOM_FAILED';
  constructor(message: string, options?: ErrorOptions) {
    super(MatchRoomFailedError.code, message, options);
  }
}

for (const ErrorClass of [
  UnknownQueueError,
  InvalidMatchConfigError,
  InvalidTicketError,
  AlreadyQueuedError,
  MatchRoomFailedError,
]) {
  registerErrorCode(ErrorClass.code, (data) => new ErrorClass(data.message, { details: data.details }));
}
