// The match role (DESIGN §4, docs/match.md): matchmaking queues whose rating windows widen with waiting time,
// parties as one ticket, timeouts; a formed match opens a room Scene on a zone and tells its players where to go.

// Errors
export {
  AlreadyQueuedError,
  InvalidMatchConfigError,
  InvalidTicketError,
  MatchRoomFailedError,
  UnknownQueueError,
} from './errors.ts';
// Installing and queues
export { installMatch, MATCH_ROLE, MATCHMAKER_KIND, MATCHMAKER_KIND_OPTIONS } from './install-match.ts';
export {
  DEFAULT_FORM_INTERVAL_MS,
  DEFAULT_ROOM_RETRY_BASE_MS,
  DEFAULT_ROOM_RETRY_MAX_MS,
  type InstallMatchOptions,
} from './match-options.ts';
// Formation (pure)
export {
  type FormationConfig,
  type FormationLimits,
  type FormationResult,
  type FormedMatch,
  formMatches,
} from './match-queue.ts';

// The actor and its pushes
export {
  type EnqueueResult,
  MATCH_CANCELLED_EVENT,
  MATCH_FOUND_EVENT,
  MATCH_TIMEOUT_EVENT,
  type MatchCancelled,
  type MatchFound,
  Matchmaker,
  type MatchTimeout,
  roomIdOf,
} from './matchmaker.ts';
export type { QueueStatus } from './queue-book.ts';
export {
  DEFAULT_TEAMS,
  type QueueConfig,
  type RatingWindow,
  type ResolvedQueueConfig,
  ratingWindowAt,
  resolveQueueConfig,
} from './queue-config.ts';
export { queueConfigOf, registeredQueues, registerQueue } from './queue-registry.ts';
export type { QueueTicket, TicketRequest } from './queue-ticket.ts';
export { balanceTeams, type TeamSplit } from './team-balance.ts';
