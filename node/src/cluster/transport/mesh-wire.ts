// Every wire number and name of the mesh protocol in one place (STYLE rule 7): the gRPC method, the handshake
// metadata keys, the protocol version and the record kinds inside a frame. Numbers are never reused for another
// meaning; a change of layout bumps MESH_PROTOCOL_VERSION.
//
// A frame is one msgpack value (one gRPC message):
//   [version, strings, ...records]
// `strings` is the frame's string table: kind, actor id and method names are sent once per frame and referred
// to by their index. Records follow one another flat (no array per record), each starting with its kind:
//   Tell   1, kind#, id#, method#, args, chain, trace, hops
//   Ask    2, kind#, id#, method#, args, requestId, timeoutMs, chain, trace, hops
//   Ok     3, requestId, value
//   Error  4, requestId, errorData ({ code, message, name?, details? })
import { MSGPACK_OPTIONS } from '../../actor/serializer.ts';

/** Bumped whenever the frame layout or the handshake changes; peers of different versions refuse each other. */
export const MESH_PROTOCOL_VERSION = 1;

/** The one bidirectional-streaming method of the mesh service. */
export const MESH_CONNECT_PATH = '/gamecluster.Mesh/Connect';

/** Handshake metadata. The dialer sends from/to/version; the acceptor answers `accepted` in its response headers. */
export const MeshMetadataKey = {
  /** The dialer's member id. */
  From: 'gc-mesh-from',
  /** The member id the dialer expects to reach: a process that reused the address under a new id refuses it. */
  To: 'gc-mesh-to',
  /** MESH_PROTOCOL_VERSION of the dialer. */
  Version: 'gc-mesh-version',
  /** The acceptor's member id, sent once it accepted the stream; the dialer writes nothing before it. */
  Accepted: 'gc-mesh-accepted',
} as const;

/** Record kinds inside a frame: 1..15 are records; never reuse a number. */
export const MeshRecordKind = {
  Tell: 1,
  Ask: 2,
  Ok: 3,
  Error: 4,
} as const;
export type MeshRecordKind = (typeof MeshRecordKind)[keyof typeof MeshRecordKind];

/** Slots each record kind takes in the frame, its kind included. */
export const MESH_RECORD_SLOTS = {
  [MeshRecordKind.Tell]: 8,
  [MeshRecordKind.Ask]: 10,
  [MeshRecordKind.Ok]: 3,
  [MeshRecordKind.Error]: 3,
} as const;

/** Slots before the first record: version and string table. */
export const MESH_FRAME_HEADER_SLOTS = 2;

/**
 * msgpackr settings of every frame: the same as the envelope serializer's (node/src/actor/serializer.ts) so a
 * payload means the same locally (forceSerialization) and across the mesh: no record extension, 64-bit
 * integers as bigint, Map/Set/typed arrays/Error kept.
 */
export const MESH_MSGPACK_OPTIONS = MSGPACK_OPTIONS;
