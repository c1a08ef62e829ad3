// The error of the client protocol: a frame that cannot be decoded or breaks the protocol's shape rules (the
// gate closes such a connection with close code 4000), or a value the codec refuses to encode.
import { GameclusterError, registerErrorCode } from '../../errors/index.ts';

/**
 * A client-protocol frame is malformed (bad msgpack, trailing bytes, nesting past 32 levels, unknown frame type,
 * wrong field count or field type) or a value cannot be encoded into one. The message says which rule broke; the
 * peer runs an incompatible or broken client (see docs/protocol.md).
 */
export class ProtocolError extends GameclusterError {
  static readonly code = 'GC_ERR_PROTOCOL';
  constructor(message: string, options?: { cause?: unknown; details?: Record<string, unknown> }) {
    super(ProtocolError.code, message, options);
  }
}

registerErrorCode(ProtocolError.code, (data) => new ProtocolError(data.message, { details: data.details }));
