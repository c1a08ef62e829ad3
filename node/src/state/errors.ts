// Errors of the state layer (tracked documents, write-behind, stores). Codes are stable and documented in
// docs/errors.md; each class registers itself so it crosses the mesh as the same class.
import { GameclusterError, registerErrorCode } from '../errors/index.ts';

type ErrorOptions = { cause?: unknown; details?: Record<string, unknown> };

/**
 * A newer activation of this actor owns its document: this activation is a zombie (its node lost its lease or
 * the actor moved); it stops serving and the write was not made. Retry: the call is routed to the current owner.
 */
export class StaleEpochError extends GameclusterError {
  static readonly code = 'GC_ERR_STALE_EPOCH';
  constructor(message: string, options?: ErrorOptions) {
    super(StaleEpochError.code, message, options);
  }
}

/** The database cannot be reached or failed the statement; writes stay dirty and are retried with backoff. */
export class StoreUnavailableError extends GameclusterError {
  static readonly code = 'GC_ERR_STORE_UNAVAILABLE';
  constructor(message: string, options?: ErrorOptions) {
    super(StoreUnavailableError.code, message, options);
  }
}

/** The database schema is not one this version understands (e.g. written by a newer version): upgrade the nodes. */
export class StoreSchemaError extends GameclusterError {
  static readonly code = 'GC_ERR_STORE_SCHEMA';
  constructor(message: string, options?: ErrorOptions) {
    super(StoreSchemaError.code, message, options);
  }
}

/**
 * Too many documents wait to be written (the database is down or slow): the write was refused so memory stays
 * bounded. Retry later; raise the pending limit if the database is merely slow.
 */
export class PersistenceBackpressureError extends GameclusterError {
  static readonly code = 'GC_ERR_PERSISTENCE_BACKPRESSURE';
  constructor(message: string, options?: ErrorOptions) {
    super(PersistenceBackpressureError.code, message, options);
  }
}

/** A document holds something that cannot be stored (a function, a class instance with cycles...). */
export class InvalidDocumentError extends GameclusterError {
  static readonly code = 'GC_ERR_INVALID_DOCUMENT';
  constructor(message: string, options?: ErrorOptions) {
    super(InvalidDocumentError.code, message, options);
  }
}

/** Persistence configuration (flags, env, options) is invalid; the message lists every problem. */
export class InvalidStoreConfigError extends GameclusterError {
  static readonly code = 'GC_ERR_INVALID_STORE_CONFIG';
  constructor(message: string, options?: ErrorOptions) {
    super(InvalidStoreConfigError.code, message, options);
  }
}

for (const ErrorClass of [
  StaleEpochError,
  StoreUnavailableError,
  StoreSchemaError,
  PersistenceBackpressureError,
  InvalidDocumentError,
  InvalidStoreConfigError,
]) {
  registerErrorCode(ErrorClass.code, (data) => new ErrorClass(data.message, { details: data.details }));
}
