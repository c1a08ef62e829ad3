// Errors of the gate layer (tokens, client routing, sessions, gate configuration). Codes are stable and documented
// in docs/errors.md; each class registers itself so it crosses the mesh, and reaches clients in ERROR frames, as
// the same code. (Malformed frames are ProtocolError, GC_ERR_PROTOCOL, in protocol/protocol-error.ts.)
import { GameclusterError, registerErrorCode } from '../errors/index.ts';

type ErrorOptions = { cause?: unknown; details?: Record<string, unknown> };

/** A login or resume token is malformed, badly signed, expired or issued for another player: log in again. */
export class AuthFailedError extends GameclusterError {
  static readonly code = 'GC_ERR_AUTH_FAILED';
  constructor(message: string, options?: ErrorOptions) {
    super(AuthFailedError.code, message, options);
  }
}

/** A client called a method that is not on its kind's `clientMethods` allow-list (or does not exist). */
export class NotAllowedError extends GameclusterError {
  static readonly code = 'GC_ERR_NOT_ALLOWED';
  constructor(message: string, options?: ErrorOptions) {
    super(NotAllowedError.code, message, options);
  }
}

/** A client route names a binding its session does not have (routes are `<binding>.<method>`). */
export class UnknownRouteError extends GameclusterError {
  static readonly code = 'GC_ERR_UNKNOWN_ROUTE';
  constructor(message: string, options?: ErrorOptions) {
    super(UnknownRouteError.code, message, options);
  }
}

/** Server code bound a session to an actor with a bad name, kind or id, or past the binding limit. */
export class InvalidBindingError extends GameclusterError {
  static readonly code = 'GC_ERR_INVALID_BINDING';
  constructor(message: string, options?: ErrorOptions) {
    super(InvalidBindingError.code, message, options);
  }
}

/** Server code pushed with an event name clients cannot receive (see docs/protocol.md "Frames"). */
export class InvalidPushError extends GameclusterError {
  static readonly code = 'GC_ERR_INVALID_PUSH';
  constructor(message: string, options?: ErrorOptions) {
    super(InvalidPushError.code, message, options);
  }
}

/**
 * The gate could not create or take over the player's session in time (the directory kept changing, the cluster
 * store is unreachable, the previous gate does not answer). The client reconnects and resumes.
 */
export class SessionUnavailableError extends GameclusterError {
  static readonly code = 'GC_ERR_SESSION_UNAVAILABLE';
  constructor(message: string, options?: ErrorOptions) {
    super(SessionUnavailableError.code, message, options);
  }
}

/** Gate options, flags or env are invalid (the message lists every problem). */
export class InvalidGateConfigError extends GameclusterError {
  static readonly code = 'GC_ERR_INVALID_GATE_CONFIG';
  constructor(message: string, options?: ErrorOptions) {
    super(InvalidGateConfigError.code, message, options);
  }
}

for (const ErrorClass of [
  AuthFailedError,
  NotAllowedError,
  UnknownRouteError,
  InvalidBindingError,
  InvalidPushError,
  SessionUnavailableError,
  InvalidGateConfigError,
]) {
  registerErrorCode(ErrorClass.code, (data) => new ErrorClass(data.message, { details: data.details }));
}
