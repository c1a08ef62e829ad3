// Maps error codes to their classes so an ErrorData received from another process becomes the same typed
// error on this side. Each layer's errors.ts registers its classes when it is imported.
import { type ErrorData, GameclusterError } from './gamecluster-error.ts';

type ErrorFactory = (data: ErrorData) => GameclusterError;

const factories = new Map<string, ErrorFactory>();

/** Registers how to re-create errors of `code` (called once per class by each layer's errors.ts). */
export function registerErrorCode(code: string, factory: ErrorFactory): void {
  factories.set(code, factory);
}

/** Every registered code; the docs test compares it with docs/errors.md. */
export function registeredErrorCodes(): string[] {
  return [...factories.keys()].sort();
}

/** Turns any thrown value into data; a non-gamecluster error becomes GC_ERR_HANDLER with its message. */
export function toErrorData(error: unknown): ErrorData {
  if (error instanceof GameclusterError) return error.toData();
  if (error instanceof Error) return { code: HANDLER_ERROR_CODE, message: error.message, name: error.name };
  return { code: HANDLER_ERROR_CODE, message: String(error), name: 'Error' };
}

/** Re-creates the typed error for `data`; unknown codes keep their code on a plain GameclusterError. */
export function fromErrorData(data: ErrorData): GameclusterError {
  const factory = factories.get(data.code);
  if (factory !== undefined) return factory(data);
  const error = new GameclusterError(data.code, data.message, data.details ? { details: data.details } : undefined);
  if (data.name) error.name = data.name;
  return error;
}

/** The code given to errors thrown by game code that are not gamecluster errors. */
export const HANDLER_ERROR_CODE = 'GC_ERR_HANDLER';
