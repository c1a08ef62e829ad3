// Encodes and decodes client-protocol frames (docs/protocol.md), shared by the gate and the client SDK, so it runs
// in browsers too (no node: imports). Decoding refuses every malformed shape with a ProtocolError; encoding refuses
// what the decoder on the other side would refuse.
import { Packr } from 'msgpackr';
import { assertEncodable } from './encodable-check.ts';
import { clientFrameToWire, parseClientFrame } from './frame-shape-client.ts';
import { parseServerFrame, serverFrameToWire } from './frame-shape-server.ts';
import type { ClientFrame, ServerFrame } from './frames.ts';
import { scanMsgpack } from './msgpack-scan.ts';
import { ProtocolError } from './protocol-error.ts';

/**
 * MSGPACK_OPTIONS of actor/serializer.ts (no records, 64-bit integers as bigint) except `moreTypes`: that one
 * writes msgpackr-only extensions (Uint8Array, Set, Error) that C# or GDScript clients cannot read. Copied, not
 * imported, because this is a published wire format that must not follow a runtime setting silently, and so the
 * browser SDK does not pull the actor layer in.
 */
export const CLIENT_MSGPACK_OPTIONS = {
  useRecords: false,
  mapsAsObjects: true,
  int64AsType: 'bigint',
  moreTypes: false,
} as const;

const packr = new Packr(CLIENT_MSGPACK_OPTIONS);

export function encodeClientFrame(frame: ClientFrame): Uint8Array {
  return encode(clientFrameToWire(frame), parseClientFrame);
}

export function decodeClientFrame(bytes: Uint8Array): ClientFrame {
  return parseClientFrame(decode(bytes));
}

export function encodeServerFrame(frame: ServerFrame): Uint8Array {
  return encode(serverFrameToWire(frame), parseServerFrame);
}

export function decodeServerFrame(bytes: Uint8Array): ServerFrame {
  return parseServerFrame(decode(bytes));
}

function encode(wire: unknown[], parse: (value: unknown) => unknown): Uint8Array {
  parse(wire); // the same shape rules as the receiver: a bad route fails here, not as a closed connection
  assertEncodable(wire, 1, `frame type ${String(wire[0])}`);
  let bytes: Uint8Array;
  try {
    bytes = packr.pack(wire);
  } catch (error) {
    throw new ProtocolError(`cannot encode frame type ${String(wire[0])}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return bytes;
}

function decode(bytes: Uint8Array): unknown {
  // toString: a Uint8Array (or Buffer) from another realm fails instanceof.
  if (!(bytes instanceof Uint8Array) && Object.prototype.toString.call(bytes) !== '[object Uint8Array]') {
    throw new ProtocolError('a frame is a binary WebSocket message; text messages are not part of the protocol');
  }
  if (bytes.byteLength === 0) throw new ProtocolError('empty frame: a frame is a msgpack array [type, ...fields]');
  scanMsgpack(bytes); // before msgpackr: refuses lies about lengths, deep nesting and trailing bytes cheaply
  try {
    return packr.unpack(bytes);
  } catch (error) {
    throw new ProtocolError(`malformed msgpack: ${(error as Error).message}`, { cause: error });
  }
}
