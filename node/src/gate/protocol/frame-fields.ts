// Readers for the fields of a decoded frame: each returns the value with its exact type or throws a ProtocolError
// naming the field and the rule it broke. Shared by the client and server frame parsers.

import { FIELD_LIMITS, NAME_PATTERN } from './field-limits.ts';
import { ProtocolError } from './protocol-error.ts';

/** Throws unless the frame array has exactly `count` elements (the type included). */
export function expectFieldCount(frame: readonly unknown[], count: number, frameName: string): void {
  if (frame.length !== count) {
    throw new ProtocolError(
      `${frameName} frame must have ${count} elements (the type included), got ${frame.length}; see docs/protocol.md`,
    );
  }
}

/** An integer in [min, max], sent with any msgpack integer (or integral float) encoding. */
export function readInteger(value: unknown, min: number, max: number, field: string): number {
  let number: number;
  if (typeof value === 'number') number = value;
  else if (typeof value === 'bigint') number = Number(value);
  else throw new ProtocolError(`${field} must be an integer, got ${describe(value)}`);
  if (!Number.isInteger(number) || number < min || number > max) {
    throw new ProtocolError(`${field} must be an integer in ${min}..${max}, got ${describe(value)}`);
  }
  return number === 0 ? 0 : number; // no -0: it would not survive a round trip as an integer
}

export function readString(value: unknown, minLength: number, maxLength: number, field: string): string {
  if (typeof value !== 'string') throw new ProtocolError(`${field} must be a string, got ${describe(value)}`);
  if (value.length < minLength || value.length > maxLength) {
    throw new ProtocolError(`${field} must be ${minLength}-${maxLength} characters long, got ${value.length}`);
  }
  return value;
}

/** A route or event name: 1-256 characters of A-Z a-z 0-9 _ . - */
export function readName(value: unknown, field: string): string {
  const name = readString(value, 1, FIELD_LIMITS.maxNameLength, field);
  if (!NAME_PATTERN.test(name)) {
    throw new ProtocolError(`${field} may hold only A-Z a-z 0-9 _ . - characters, got ${JSON.stringify(name)}`);
  }
  return name;
}

export function readBoolean(value: unknown, field: string): boolean {
  if (typeof value !== 'boolean') throw new ProtocolError(`${field} must be true or false, got ${describe(value)}`);
  return value;
}

export function readArray(value: unknown, field: string): unknown[] {
  if (!Array.isArray(value)) throw new ProtocolError(`${field} must be an array, got ${describe(value)}`);
  return value;
}

/** A msgpack map with string keys, decoded as a plain object. Keys the reader does not ask for are ignored. */
export function readMap(value: unknown, field: string): Record<string, unknown> {
  if (!isPlainMap(value)) throw new ProtocolError(`${field} must be a map, got ${describe(value)}`);
  return value;
}

/** Optional fields may be left out of the map or sent as nil. */
export function isAbsent(value: unknown): value is undefined | null {
  return value === undefined || value === null;
}

function isPlainMap(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** A short description of a received value for error messages (never the whole value: it may be huge). */
export function describe(value: unknown): string {
  if (value === null) return 'nil';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (value instanceof Uint8Array) return `${value.length} bytes of binary`;
  if (value instanceof Date) return 'a timestamp';
  switch (typeof value) {
    case 'string':
      return value.length > 40 ? `a string of ${value.length} characters` : JSON.stringify(value);
    case 'number':
    case 'bigint':
    case 'boolean':
      return String(value);
    case 'undefined':
      return 'undefined';
    case 'object':
      return 'a map';
    default:
      return typeof value;
  }
}
