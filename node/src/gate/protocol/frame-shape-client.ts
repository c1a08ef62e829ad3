// The shape of client -> gate frames: turns a decoded msgpack value into a ClientFrame (refusing anything else)
// and a ClientFrame into the positional array that goes on the wire.

import { FIELD_LIMITS } from './field-limits.ts';
import {
  describe,
  expectFieldCount,
  isAbsent,
  readArray,
  readInteger,
  readMap,
  readName,
  readString,
} from './frame-fields.ts';
import type { ClientFrame, HelloBody } from './frames.ts';
import { ProtocolError } from './protocol-error.ts';
import { FrameType } from './protocol-wire.ts';

/** Validates a decoded frame; throws ProtocolError naming the first rule it breaks. */
export function parseClientFrame(value: unknown): ClientFrame {
  if (!Array.isArray(value) || value.length === 0) {
    throw new ProtocolError(`a frame is a msgpack array [type, ...fields], got ${describe(value)}`);
  }
  const type = readInteger(value[0], 0, FIELD_LIMITS.maxRequestId, 'frame type');
  switch (type) {
    case FrameType.Hello:
      expectFieldCount(value, 2, 'HELLO');
      return { type, hello: parseHello(value[1]) };
    case FrameType.Request:
      expectFieldCount(value, 4, 'REQUEST');
      return {
        type,
        requestId: readInteger(value[1], 1, FIELD_LIMITS.maxRequestId, 'REQUEST.requestId'),
        route: readName(value[2], 'REQUEST.route'),
        args: readArray(value[3], 'REQUEST.args'),
      };
    case FrameType.Notify:
      expectFieldCount(value, 3, 'NOTIFY');
      return { type, route: readName(value[1], 'NOTIFY.route'), args: readArray(value[2], 'NOTIFY.args') };
    case FrameType.Ping:
    case FrameType.Pong:
      expectFieldCount(value, 2, type === FrameType.Ping ? 'PING' : 'PONG');
      return { type, nonce: readInteger(value[1], 0, Number.MAX_SAFE_INTEGER, 'nonce') };
    case FrameType.Ack:
      expectFieldCount(value, 2, 'ACK');
      return { type, lastSeq: readInteger(value[1], 0, Number.MAX_SAFE_INTEGER, 'ACK.lastSeq') };
    default:
      throw new ProtocolError(`unknown client frame type ${type}; a client sends types 1-6 (docs/protocol.md)`);
  }
}

/** The positional array for a frame; optional body fields that are absent are left out of the map. */
export function clientFrameToWire(frame: ClientFrame): unknown[] {
  switch (frame.type) {
    case FrameType.Hello:
      return [frame.type, helloToWire(frame.hello)];
    case FrameType.Request:
      return [frame.type, frame.requestId, frame.route, frame.args];
    case FrameType.Notify:
      return [frame.type, frame.route, frame.args];
    case FrameType.Ping:
    case FrameType.Pong:
      return [frame.type, frame.nonce];
    case FrameType.Ack:
      return [frame.type, frame.lastSeq];
    default:
      throw new ProtocolError(`cannot encode client frame type ${describe((frame as { type: unknown }).type)}`);
  }
}

function parseHello(value: unknown): HelloBody {
  const body = readMap(value, 'HELLO body');
  const versions = readArray(body.versions, 'HELLO.versions');
  if (versions.length === 0 || versions.length > FIELD_LIMITS.maxVersions) {
    throw new ProtocolError(`HELLO.versions must list 1-${FIELD_LIMITS.maxVersions} versions, got ${versions.length}`);
  }
  const hello: {
    versions: number[];
    token: string;
    resume?: HelloBody['resume'];
    agent?: string;
  } = {
    versions: versions.map((version) => readInteger(version, 1, FIELD_LIMITS.maxVersion, 'HELLO.versions[]')),
    token: readString(body.token, 0, FIELD_LIMITS.maxTokenLength, 'HELLO.token'),
  };
  if (!isAbsent(body.resume)) {
    const resume = readMap(body.resume, 'HELLO.resume');
    hello.resume = {
      sessionId: readString(resume.sessionId, 1, FIELD_LIMITS.maxIdLength, 'HELLO.resume.sessionId'),
      resumeToken: readString(resume.resumeToken, 1, FIELD_LIMITS.maxTokenLength, 'HELLO.resume.resumeToken'),
      lastSeq: readInteger(resume.lastSeq, 0, Number.MAX_SAFE_INTEGER, 'HELLO.resume.lastSeq'),
    };
  }
  if (!isAbsent(body.agent)) hello.agent = readString(body.agent, 0, FIELD_LIMITS.maxAgentLength, 'HELLO.agent');
  return hello;
}

function helloToWire(hello: HelloBody): Record<string, unknown> {
  const body: Record<string, unknown> = { versions: hello.versions, token: hello.token };
  if (hello.resume !== undefined) {
    const { sessionId, resumeToken, lastSeq } = hello.resume;
    body.resume = { sessionId, resumeToken, lastSeq };
  }
  if (hello.agent !== undefined) body.agent = hello.agent;
  return body;
}
