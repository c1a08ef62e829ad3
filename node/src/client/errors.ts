// Errors of the client SDK that no server sent: the connection is gone or was never there, or the client holds
// too many unsent requests. Errors the gate sends (ERROR frames) become their own registered classes instead.
import { GameclusterError, registerErrorCode } from '../errors/index.ts';

type ErrorOptions = { cause?: unknown; details?: Record<string, unknown> };

/**
 * The client is not connected (connect() not called or failed, close() called, or reconnecting gave up), so
 * nothing was sent. details.closeCode says why the last connection ended, where known. Call connect() again.
 */
export class NotConnectedError extends GameclusterError {
  static readonly code = 'GC_ERR_NOT_CONNECTED';
  constructor(message: string, options?: ErrorOptions) {
    super(NotConnectedError.code, message, options);
  }
}

/**
 * The connection dropped while the request was on its way or awaiting its answer: it may or may not have run.
 * Retry it if it is safe to run twice; the client reconnects by itself on reconnectable close codes.
 */
export class ConnectionLostError extends GameclusterError {
  static readonly code = 'GC_ERR_CONNECTION_LOST';
  constructor(message: string, options?: ErrorOptions) {
    super(ConnectionLostError.code, message, options);
  }
}

/** More requests wait to be sent than `maxQueuedRequests` allows (the gate is slow or unreachable): back off. */
export class ClientQueueFullError extends GameclusterError {
  static readonly code = 'GC_ERR_CLIENT_QUEUE_FULL';
  constructor(message: string, options?: ErrorOptions) {
    super(ClientQueueFullError.code, message, options);
  }
}

for (const ErrorClass of [NotConnectedError, ConnectionLostError, ClientQueueFullError]) {
  registerErrorCode(ErrorClass.code, (data) => new ErrorClass(data.message, { details: data.details }));
}
