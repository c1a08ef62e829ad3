// Walks the bytes of one msgpack value without decoding it, so hostile input is refused before msgpackr sees it:
// truncated data, trailing bytes, nesting past the limit, lengths larger than the bytes that follow (which would
// make a decoder allocate for data that is not there) and extension types outside the client protocol.
import { ProtocolError } from './protocol-error.ts';

/** Containers (arrays and maps) may nest this deep, the frame's own array included. */
export const MAX_NESTING_DEPTH = 32;

/** Extension types a frame may hold: -1 is the msgpack timestamp, 0 is how msgpackr writes `undefined`. */
const TIMESTAMP_EXT = -1;
const UNDEFINED_EXT = 0;

/**
 * Throws ProtocolError unless `bytes` hold exactly one well-formed msgpack value within the client protocol's
 * rules. Runs in O(bytes) time and O(depth) memory whatever the bytes declare. (No closures or DataView: it runs
 * on every frame the gate receives.)
 */
export function scanMsgpack(bytes: Uint8Array): void {
  const end = bytes.length;
  const enclosing: number[] = []; // values still to read in each enclosing container
  let remaining = 1; // values still to read at the current level (1: the frame itself)
  let pos = 0;
  while (true) {
    if (remaining === 0) {
      if (enclosing.length === 0) break;
      remaining = enclosing.pop()!;
      continue;
    }
    if (pos >= end) throw new ProtocolError(`malformed msgpack: data ends at offset ${pos} inside a value`);
    remaining--;
    const byte = bytes[pos++]!;
    if (byte <= 0x7f || byte >= 0xe0) continue; // fixint
    let items = -1; // a container opens with this many values
    let skip = 0; // a string, binary or number of this many bytes
    let ext = -1; // an extension with this many data bytes
    if (byte <= 0x8f) items = (byte & 0x0f) * 2;
    else if (byte <= 0x9f) items = byte & 0x0f;
    else if (byte <= 0xbf) skip = byte & 0x1f;
    else {
      switch (byte) {
        case 0xc0: // nil
        case 0xc2: // false
        case 0xc3: // true
          break;
        case 0xc4: // bin 8
        case 0xd9: // str 8
          skip = readLength(bytes, pos, 1);
          pos += 1;
          break;
        case 0xc5: // bin 16
        case 0xda: // str 16
          skip = readLength(bytes, pos, 2);
          pos += 2;
          break;
        case 0xc6: // bin 32
        case 0xdb: // str 32
          skip = readLength(bytes, pos, 4);
          pos += 4;
          break;
        case 0xc7: // ext 8
          ext = readLength(bytes, pos, 1);
          pos += 1;
          break;
        case 0xc8: // ext 16
          ext = readLength(bytes, pos, 2);
          pos += 2;
          break;
        case 0xc9: // ext 32
          ext = readLength(bytes, pos, 4);
          pos += 4;
          break;
        case 0xcc: // uint 8
        case 0xd0: // int 8
          skip = 1;
          break;
        case 0xcd: // uint 16
        case 0xd1: // int 16
          skip = 2;
          break;
        case 0xca: // float 32
        case 0xce: // uint 32
        case 0xd2: // int 32
          skip = 4;
          break;
        case 0xcb: // float 64
        case 0xcf: // uint 64
        case 0xd3: // int 64
          skip = 8;
          break;
        case 0xd4: // fixext 1
          ext = 1;
          break;
        case 0xd5: // fixext 2
          ext = 2;
          break;
        case 0xd6: // fixext 4
          ext = 4;
          break;
        case 0xd7: // fixext 8
          ext = 8;
          break;
        case 0xd8: // fixext 16
          ext = 16;
          break;
        case 0xdc: // array 16
          items = readLength(bytes, pos, 2);
          pos += 2;
          break;
        case 0xdd: // array 32
          items = readLength(bytes, pos, 4);
          pos += 4;
          break;
        case 0xde: // map 16
          items = readLength(bytes, pos, 2) * 2;
          pos += 2;
          break;
        case 0xdf: // map 32
          items = readLength(bytes, pos, 4) * 2;
          pos += 4;
          break;
        default: // 0xc1 is never used
          throw new ProtocolError(`malformed msgpack: byte 0x${byte.toString(16)} at offset ${pos - 1} is not a type`);
      }
    }
    if (skip > 0) {
      if (skip > end - pos) throw notThere(skip, pos, end, 'string or binary');
      pos += skip;
    } else if (items >= 0) {
      // Every item takes at least one byte: a count beyond the bytes left is a lie, refused before any allocation.
      if (items > end - pos) throw notThere(items, pos, end, `container of ${items} items`);
      if (enclosing.length + 1 > MAX_NESTING_DEPTH) {
        throw new ProtocolError(`frame nests deeper than ${MAX_NESTING_DEPTH} arrays/maps; flatten the data`);
      }
      if (items > 0) {
        enclosing.push(remaining);
        remaining = items;
      }
    } else if (ext >= 0) {
      if (ext + 1 > end - pos) throw notThere(ext + 1, pos, end, `extension of ${ext} bytes`);
      checkExtension(bytes, pos, ext);
      pos += 1 + ext;
    }
  }
  if (pos !== end) {
    throw new ProtocolError(
      `malformed msgpack: ${end - pos} trailing bytes after the frame; send one frame per message`,
    );
  }
}

/** A big-endian length of `size` bytes at `pos`. */
function readLength(bytes: Uint8Array, pos: number, size: 1 | 2 | 4): number {
  if (pos + size > bytes.length) throw notThere(size, pos, bytes.length, 'length');
  if (size === 1) return bytes[pos]!;
  if (size === 2) return (bytes[pos]! << 8) | bytes[pos + 1]!;
  return bytes[pos]! * 0x100_0000 + ((bytes[pos + 1]! << 16) | (bytes[pos + 2]! << 8) | bytes[pos + 3]!);
}

/** Only the timestamp and msgpackr's `undefined` may appear; `pos` is at the extension's type byte. */
function checkExtension(bytes: Uint8Array, pos: number, length: number): void {
  const type = (bytes[pos]! << 24) >> 24; // signed
  const valid =
    (type === TIMESTAMP_EXT && (length === 4 || length === 8 || length === 12)) ||
    (type === UNDEFINED_EXT && length === 1 && bytes[pos + 1] === 0);
  if (!valid) {
    throw new ProtocolError(
      `msgpack extension type ${type} (${length} bytes) at offset ${pos} is not part of the client protocol; ` +
        'send only nil, bool, numbers, strings, binary, arrays, maps and timestamps',
    );
  }
}

function notThere(count: number, pos: number, end: number, what: string): ProtocolError {
  return new ProtocolError(
    `malformed msgpack: ${what} needs ${count} bytes at offset ${pos} but only ${end - pos} follow`,
  );
}
