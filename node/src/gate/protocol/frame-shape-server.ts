// The shape of gate -> client frames: turns a decoded msgpack value into a ServerFrame (refusing anything else)
// and a ServerFrame into the positional array that goes on the wire.
import { FIELD_LIMITS } from './field-limits.ts';
import {
  describe,
  expectFieldCount,
  isAbsent,
  readBoolean,
  readInteger,
  readMap,
  readName,
  readString,
} from './frame-fields.ts';
import type { ErrorBody, KickBody, MigrateBody, ServerFrame, WelcomeBody } from './frames.ts';
import { ProtocolError } from './protocol-error.ts';
import { FrameType } from './protocol-wire.ts';

const { maxIdLength, maxTokenLength, maxRequestId, maxDurationMs, maxCodeLength } = FIELD_LIMITS;

/** Validates a decoded frame; throws ProtocolError naming the first rule it breaks. */
export function parseServerFrame(value: unknown): ServerFrame {
  if (!Array.isArray(value) || value.length === 0) {
    throw new ProtocolError(`a frame is a msgpack array [type, ...fields], got ${describe(value)}`);
  }
  const type = readInteger(value[0], 0, maxRequestId, 'frame type');
  switch (type) {
    case FrameType.Welcome:
      expectFieldCount(value, 2, 'WELCOME');
      return { type, welcome: parseWelcome(value[1]) };
    case FrameType.Response:
      expectFieldCount(value, 3, 'RESPONSE');
      return { type, requestId: readInteger(value[1], 1, maxRequestId, 'RESPONSE.requestId'), result: value[2] };
    case FrameType.Error:
      expectFieldCount(value, 3, 'ERROR');
      return {
        type,
        requestId: readInteger(value[1], 0, maxRequestId, 'ERROR.requestId'),
        error: parseError(value[2]),
      };
    case FrameType.Push:
      expectFieldCount(value, 4, 'PUSH');
      return {
        type,
        seq: readInteger(value[1], 1, Number.MAX_SAFE_INTEGER, 'PUSH.seq'),
        event: readName(value[2], 'PUSH.event'),
        data: value[3],
      };
    case FrameType.Ping:
    case FrameType.Pong:
      expectFieldCount(value, 2, type === FrameType.Ping ? 'PING' : 'PONG');
      return { type, nonce: readInteger(value[1], 0, Number.MAX_SAFE_INTEGER, 'nonce') };
    case FrameType.Migrate:
      expectFieldCount(value, 2, 'MIGRATE');
      return { type, migrate: parseMigrate(value[1]) };
    case FrameType.Kick:
      expectFieldCount(value, 2, 'KICK');
      return { type, kick: parseKick(value[1]) };
    default:
      throw new ProtocolError(
        `unknown server frame type ${type}; a gate sends types 4, 5, 16-19, 21, 22 (docs/protocol.md)`,
      );
  }
}

/** The positional array for a frame; optional body fields that are absent are left out of the map. */
export function serverFrameToWire(frame: ServerFrame): unknown[] {
  switch (frame.type) {
    case FrameType.Welcome:
      return [frame.type, welcomeToWire(frame.welcome)];
    case FrameType.Response:
      // A void method's undefined becomes nil: every client language has nil, not all have undefined.
      return [frame.type, frame.requestId, frame.result === undefined ? null : frame.result];
    case FrameType.Error:
      return [frame.type, frame.requestId, errorToWire(frame.error)];
    case FrameType.Push:
      return [frame.type, frame.seq, frame.event, frame.data === undefined ? null : frame.data];
    case FrameType.Ping:
    case FrameType.Pong:
      return [frame.type, frame.nonce];
    case FrameType.Migrate: {
      const { reason, retryAfterMs } = frame.migrate;
      return [frame.type, retryAfterMs === undefined ? { reason } : { reason, retryAfterMs }];
    }
    case FrameType.Kick:
      return [frame.type, { code: frame.kick.code, reason: frame.kick.reason }];
    default:
      throw new ProtocolError(`cannot encode server frame type ${describe((frame as { type: unknown }).type)}`);
  }
}

function parseWelcome(value: unknown): WelcomeBody {
  const body = readMap(value, 'WELCOME body');
  const limits = readMap(body.limits, 'WELCOME.limits');
  const positive = (field: unknown, name: string) => readInteger(field, 1, maxDurationMs, `WELCOME.limits.${name}`);
  return {
    version: readInteger(body.version, 1, FIELD_LIMITS.maxVersion, 'WELCOME.version'),
    sessionId: readString(body.sessionId, 1, maxIdLength, 'WELCOME.sessionId'),
    resumeToken: readString(body.resumeToken, 1, maxTokenLength, 'WELCOME.resumeToken'),
    playerId: readString(body.playerId, 1, maxIdLength, 'WELCOME.playerId'),
    resumed: readBoolean(body.resumed, 'WELCOME.resumed'),
    lastSeq: readInteger(body.lastSeq, 0, Number.MAX_SAFE_INTEGER, 'WELCOME.lastSeq'),
    heartbeatMs: readInteger(body.heartbeatMs, 1, maxDurationMs, 'WELCOME.heartbeatMs'),
    limits: {
      maxFrameBytes: positive(limits.maxFrameBytes, 'maxFrameBytes'),
      messagesPerSecond: positive(limits.messagesPerSecond, 'messagesPerSecond'),
      burst: positive(limits.burst, 'burst'),
      maxPendingRequests: positive(limits.maxPendingRequests, 'maxPendingRequests'),
    },
  };
}

function welcomeToWire(welcome: WelcomeBody): Record<string, unknown> {
  const { version, sessionId, resumeToken, playerId, resumed, lastSeq, heartbeatMs, limits } = welcome;
  const { maxFrameBytes, messagesPerSecond, burst, maxPendingRequests } = limits;
  return {
    version,
    sessionId,
    resumeToken,
    playerId,
    resumed,
    lastSeq,
    heartbeatMs,
    limits: { maxFrameBytes, messagesPerSecond, burst, maxPendingRequests },
  };
}

function parseError(value: unknown): ErrorBody {
  const body = readMap(value, 'ERROR body');
  const code = readString(body.code, 1, maxCodeLength, 'ERROR.code');
  const message = readString(body.message, 0, Number.MAX_SAFE_INTEGER, 'ERROR.message');
  if (isAbsent(body.details)) return { code, message };
  return { code, message, details: readMap(body.details, 'ERROR.details') };
}

function errorToWire(error: ErrorBody): Record<string, unknown> {
  const { code, message, details } = error;
  return details === undefined ? { code, message } : { code, message, details };
}

function parseMigrate(value: unknown): MigrateBody {
  const body = readMap(value, 'MIGRATE body');
  const reason = readString(body.reason, 0, Number.MAX_SAFE_INTEGER, 'MIGRATE.reason');
  if (isAbsent(body.retryAfterMs)) return { reason };
  return { reason, retryAfterMs: readInteger(body.retryAfterMs, 0, maxDurationMs, 'MIGRATE.retryAfterMs') };
}

function parseKick(value: unknown): KickBody {
  const body = readMap(value, 'KICK body');
  return {
    code: readString(body.code, 1, maxCodeLength, 'KICK.code'),
    reason: readString(body.reason, 0, Number.MAX_SAFE_INTEGER, 'KICK.reason'),
  };
}
