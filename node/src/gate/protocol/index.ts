// The client protocol shared by the gate and the client SDK: wire numbers, frame types, the codec and its error.
// Browser-safe: nothing here imports node: modules.

// Codec
export {
  CLIENT_MSGPACK_OPTIONS,
  decodeClientFrame,
  decodeServerFrame,
  encodeClientFrame,
  encodeServerFrame,
} from './codec.ts';
export { FIELD_LIMITS, NAME_PATTERN } from './field-limits.ts';
// Frames
export type { ClientFrame, ErrorBody, HelloBody, KickBody, MigrateBody, ServerFrame, WelcomeBody } from './frames.ts';
export { MAX_NESTING_DEPTH } from './msgpack-scan.ts';
export { ProtocolError } from './protocol-error.ts';
// Wire numbers
export { CloseCode, FrameType, PROTOCOL_VERSIONS, RECONNECTABLE_CLOSE_CODES } from './protocol-wire.ts';
export { chooseProtocolVersion } from './version-negotiation.ts';
