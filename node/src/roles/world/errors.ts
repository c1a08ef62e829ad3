// Errors of the world role (logins, the Player document, leaderboards, chat). Codes are stable and documented in
// docs/errors.md; each class registers itself so it crosses the mesh, and reaches clients in ERROR frames, as the
// same code. Login errors also carry the HTTP status the gate answers with (login-routes.ts).
import { GameclusterError, registerErrorCode } from '../../errors/index.ts';

type ErrorOptions = { cause?: unknown; details?: Record<string, unknown> };

/** installWorld options are invalid (the message lists every problem), or the world is used before installWorld. */
export class InvalidWorldConfigError extends GameclusterError {
  static readonly code = 'GC_ERR_INVALID_WORLD_CONFIG';
  constructor(message: string, options?: ErrorOptions) {
    super(InvalidWorldConfigError.code, message, options);
  }
}

/** A login request is malformed: not a JSON object, or a device id, username or password of the wrong shape (400). */
export class InvalidLoginRequestError extends GameclusterError {
  static readonly code = 'GC_ERR_INVALID_LOGIN_REQUEST';
  constructor(message: string, options?: ErrorOptions) {
    super(InvalidLoginRequestError.code, message, options);
  }
}

/** Unknown username or wrong password (401); repeated failures lock the account. */
export class LoginFailedError extends GameclusterError {
  static readonly code = 'GC_ERR_LOGIN_FAILED';
  constructor(message: string, options?: ErrorOptions) {
    super(LoginFailedError.code, message, options);
  }
}

/** Registering a username that already has an account (409). Usernames compare case-insensitively. */
export class UsernameTakenError extends GameclusterError {
  static readonly code = 'GC_ERR_USERNAME_TAKEN';
  constructor(message: string, options?: ErrorOptions) {
    super(UsernameTakenError.code, message, options);
  }
}

/** Too many failed logins for the account: it is locked; `details.retryAfterMs` says for how long (429). */
export class AccountLockedError extends GameclusterError {
  static readonly code = 'GC_ERR_ACCOUNT_LOCKED';
  constructor(message: string, options?: ErrorOptions) {
    super(AccountLockedError.code, message, options);
  }
}

/** A gold amount or item count is not a whole number in range, or a balance would pass the limit. */
export class InvalidAmountError extends GameclusterError {
  static readonly code = 'GC_ERR_INVALID_AMOUNT';
  constructor(message: string, options?: ErrorOptions) {
    super(InvalidAmountError.code, message, options);
  }
}

/** spendGold asked for more gold than the player has; `details` hold the balance and the amount. */
export class InsufficientGoldError extends GameclusterError {
  static readonly code = 'GC_ERR_INSUFFICIENT_GOLD';
  constructor(message: string, options?: ErrorOptions) {
    super(InsufficientGoldError.code, message, options);
  }
}

/** A Player method got a malformed argument: a display name, item id, reason or match result. */
export class InvalidPlayerInputError extends GameclusterError {
  static readonly code = 'GC_ERR_INVALID_PLAYER_INPUT';
  constructor(message: string, options?: ErrorOptions) {
    super(InvalidPlayerInputError.code, message, options);
  }
}

/** A leaderboard call got a bad board name, player id, score or count, or a client read a board it may not. */
export class InvalidLeaderboardInputError extends GameclusterError {
  static readonly code = 'GC_ERR_INVALID_LEADERBOARD_INPUT';
  constructor(message: string, options?: ErrorOptions) {
    super(InvalidLeaderboardInputError.code, message, options);
  }
}

/** A chat channel name does not match the channel pattern. */
export class InvalidChatChannelError extends GameclusterError {
  static readonly code = 'GC_ERR_INVALID_CHAT_CHANNEL';
  constructor(message: string, options?: ErrorOptions) {
    super(InvalidChatChannelError.code, message, options);
  }
}

/** A chat message is empty, too long or holds control characters. */
export class InvalidChatMessageError extends GameclusterError {
  static readonly code = 'GC_ERR_INVALID_CHAT_MESSAGE';
  constructor(message: string, options?: ErrorOptions) {
    super(InvalidChatMessageError.code, message, options);
  }
}

/** A member posts faster than the channel's rate limit; `details.retryAfterMs` says when the next post fits. */
export class ChatRateLimitedError extends GameclusterError {
  static readonly code = 'GC_ERR_CHAT_RATE_LIMITED';
  constructor(message: string, options?: ErrorOptions) {
    super(ChatRateLimitedError.code, message, options);
  }
}

/** Posting to a channel the player has not joined. */
export class NotInChannelError extends GameclusterError {
  static readonly code = 'GC_ERR_NOT_IN_CHANNEL';
  constructor(message: string, options?: ErrorOptions) {
    super(NotInChannelError.code, message, options);
  }
}

/** Joining a channel that has its maximum number of members. */
export class ChatChannelFullError extends GameclusterError {
  static readonly code = 'GC_ERR_CHAT_CHANNEL_FULL';
  constructor(message: string, options?: ErrorOptions) {
    super(ChatChannelFullError.code, message, options);
  }
}

const classes = [
  InvalidWorldConfigError,
  InvalidLoginRequestError,
  LoginFailedError,
  UsernameTakenError,
  AccountLockedError,
  InvalidAmountError,
  InsufficientGoldError,
  InvalidPlayerInputError,
  InvalidLeaderboardInputError,
  InvalidChatChannelError,
  InvalidChatMessageError,
  ChatRateLimitedError,
  NotInChannelError,
  ChatChannelFullError,
];
for (const ErrorClass of classes) {
  registerErrorCode(ErrorClass.code, (d) => new ErrorClass(d.message, { details: d.details }));
}
