// The errors layer: the base class and the code registry every other layer builds on.

export {
  fromErrorData,
  HANDLER_ERROR_CODE,
  registerErrorCode,
  registeredErrorCodes,
  toErrorData,
} from './error-registry.ts';
export { type ErrorData, GameclusterError } from './gamecluster-error.ts';
