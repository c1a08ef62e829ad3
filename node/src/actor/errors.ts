// Errors of the actor runtime. Codes are stable and documented in docs/errors.md; each class registers itself
// so an error that crossed a process boundary (or the forced-serialization path) comes back as the same class.
import { GameclusterError, registerErrorCode } from '../errors/index.ts';

type ErrorOptions = { cause?: unknown; details?: Record<string, unknown> };

/** The target's mailbox is at its kind's capacity: back off, or raise `mailboxCapacity` for the kind. */
export class MailboxFullError extends GameclusterError {
  static readonly code = 'GC_ERR_MAILBOX_FULL';
  constructor(message: string, options?: ErrorOptions) {
    super(MailboxFullError.code, message, options);
  }
}

/** No response before the ask's deadline; the message may or may not have been handled. */
export class AskTimeoutError extends GameclusterError {
  static readonly code = 'GC_ERR_ASK_TIMEOUT';
  constructor(message: string, options?: ErrorOptions) {
    super(AskTimeoutError.code, message, options);
  }
}

/** The ask would close a wait-for cycle between actors busy with different call chains. */
export class DeadlockError extends GameclusterError {
  static readonly code = 'GC_ERR_DEADLOCK';
  constructor(message: string, options?: ErrorOptions) {
    super(DeadlockError.code, message, options);
  }
}

/** A handler threw something that is not a gamecluster error; the original message is kept. */
export class ActorHandlerError extends GameclusterError {
  static readonly code = 'GC_ERR_HANDLER';
  constructor(message: string, options?: ErrorOptions) {
    super(ActorHandlerError.code, message, options);
  }
}

/** `onActivate` failed; the messages that waited for the activation get this error, the next message retries. */
export class ActivationFailedError extends GameclusterError {
  static readonly code = 'GC_ERR_ACTIVATION_FAILED';
  constructor(message: string, options?: ErrorOptions) {
    super(ActivationFailedError.code, message, options);
  }
}

/** A kind that was never registered with the ActorSystem. */
export class UnknownActorKindError extends GameclusterError {
  static readonly code = 'GC_ERR_UNKNOWN_KIND';
  constructor(message: string, options?: ErrorOptions) {
    super(UnknownActorKindError.code, message, options);
  }
}

/** A method name that is not a message of the kind (or not callable by clients). */
export class UnknownMethodError extends GameclusterError {
  static readonly code = 'GC_ERR_UNKNOWN_METHOD';
  constructor(message: string, options?: ErrorOptions) {
    super(UnknownMethodError.code, message, options);
  }
}

/** Registration was given a class or options it cannot use. */
export class InvalidKindError extends GameclusterError {
  static readonly code = 'GC_ERR_INVALID_KIND';
  constructor(message: string, options?: ErrorOptions) {
    super(InvalidKindError.code, message, options);
  }
}

/** The ActorSystem is stopping or stopped and takes no new messages. */
export class ActorSystemStoppedError extends GameclusterError {
  static readonly code = 'GC_ERR_SYSTEM_STOPPED';
  constructor(message: string, options?: ErrorOptions) {
    super(ActorSystemStoppedError.code, message, options);
  }
}

/** A message or result could not be encoded (e.g. a function or a class instance with cycles in its args). */
export class SerializationError extends GameclusterError {
  static readonly code = 'GC_ERR_SERIALIZATION';
  constructor(message: string, options?: ErrorOptions) {
    super(SerializationError.code, message, options);
  }
}

/** An actor pushed to a game client on a node that has no gate installed. */
export class NoGateError extends GameclusterError {
  static readonly code = 'GC_ERR_NO_GATE';
  constructor(message: string, options?: ErrorOptions) {
    super(NoGateError.code, message, options);
  }
}

for (const ErrorClass of [
  MailboxFullError,
  AskTimeoutError,
  DeadlockError,
  ActorHandlerError,
  ActivationFailedError,
  UnknownActorKindError,
  UnknownMethodError,
  InvalidKindError,
  ActorSystemStoppedError,
  SerializationError,
  NoGateError,
]) {
  registerErrorCode(ErrorClass.code, (data) => new ErrorClass(data.message, { details: data.details }));
}
