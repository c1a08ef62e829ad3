// Properties of the codec: any bytes at all (random, or valid frames with bytes flipped, cut or appended) either
// decode or throw ProtocolError, never anything else; and every valid frame survives a round trip unchanged.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { decodeClientFrame, decodeServerFrame, encodeClientFrame, encodeServerFrame } from './codec.ts';
import type { ClientFrame, ServerFrame } from './frames.ts';
import { ProtocolError } from './protocol-error.ts';

const name = fc.stringMatching(/^[A-Za-z0-9_.-]{1,40}$/);
const text = fc.string({ maxLength: 60 });
const safeUint = fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER });
const requestId = fc.integer({ min: 1, max: 0xffff_ffff });
// msgpackr renames a `__proto__` key on decode (prototype pollution guard), so it cannot round trip.
const key = fc.string({ minLength: 1, maxLength: 8 }).filter((k) => k !== '__proto__');
// Payload values as they come back from msgpack: no undefined, no -0, plain objects with string keys.
const payload = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.double({ noNaN: true }).filter((n) => !Object.is(n, -0)),
    fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).filter((n) => n < -(2n ** 31n) || n > 2n ** 32n),
    text,
    fc.uint8Array({ maxLength: 20 }),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(key, tie('value'), { maxKeys: 4 }),
  ),
})).value;
const args = fc.array(payload, { maxLength: 4 });

const clientFrame: fc.Arbitrary<ClientFrame> = fc.oneof(
  fc
    .record(
      {
        versions: fc.array(fc.integer({ min: 1, max: 65535 }), { minLength: 1, maxLength: 16 }),
        token: fc.string({ maxLength: 200 }),
        resume: fc.record({
          sessionId: fc.string({ minLength: 1, maxLength: 30 }),
          resumeToken: name,
          lastSeq: safeUint,
        }),
        agent: text,
      },
      { requiredKeys: ['versions', 'token'] },
    )
    .map((hello) => ({ type: 1 as const, hello })),
  fc.record({ type: fc.constant(2 as const), requestId, route: name, args }),
  fc.record({ type: fc.constant(3 as const), route: name, args }),
  fc.record({ type: fc.constantFrom(4 as const, 5 as const), nonce: safeUint }),
  fc.record({ type: fc.constant(6 as const), lastSeq: safeUint }),
);

const serverFrame: fc.Arbitrary<ServerFrame> = fc.oneof(
  fc
    .record({
      version: fc.integer({ min: 1, max: 65535 }),
      sessionId: name,
      resumeToken: name,
      playerId: fc.string({ minLength: 1, maxLength: 30 }),
      resumed: fc.boolean(),
      lastSeq: safeUint,
      heartbeatMs: fc.integer({ min: 1, max: 0x7fff_ffff }),
      limits: fc.record({
        maxFrameBytes: fc.integer({ min: 1, max: 2 ** 24 }),
        messagesPerSecond: fc.integer({ min: 1, max: 10_000 }),
        burst: fc.integer({ min: 1, max: 10_000 }),
        maxPendingRequests: fc.integer({ min: 1, max: 1000 }),
      }),
    })
    .map((welcome) => ({ type: 16 as const, welcome })),
  fc.record({ type: fc.constant(17 as const), requestId, result: payload }),
  fc.record({
    type: fc.constant(18 as const),
    requestId: fc.integer({ min: 0, max: 0xffff_ffff }),
    error: fc.record(
      {
        code: name,
        message: text,
        details: fc.dictionary(key, payload, { maxKeys: 3 }),
      },
      { requiredKeys: ['code', 'message'] },
    ),
  }),
  fc.record({
    type: fc.constant(19 as const),
    seq: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
    event: name,
    data: payload,
  }),
  fc.record({ type: fc.constantFrom(4 as const, 5 as const), nonce: safeUint }),
  fc
    .record({ reason: text, retryAfterMs: fc.integer({ min: 0, max: 0x7fff_ffff }) }, { requiredKeys: ['reason'] })
    .map((migrate) => ({ type: 21 as const, migrate })),
  fc.record({ code: name, reason: text }).map((kick) => ({ type: 22 as const, kick })),
);

/** Decoding either succeeds or throws ProtocolError. */
function decodesOrRefuses(decode: (bytes: Uint8Array) => unknown, bytes: Uint8Array): void {
  try {
    decode(bytes);
  } catch (error) {
    if (!(error instanceof ProtocolError)) throw error;
  }
}

/** A valid frame's bytes, damaged: a byte changed, cut short, or extra bytes appended. */
function damaged(valid: fc.Arbitrary<Uint8Array>): fc.Arbitrary<Uint8Array> {
  return fc.oneof(
    fc.tuple(valid, fc.nat(), fc.integer({ min: 0, max: 255 })).map(([bytes, at, byte]) => {
      const copy = Uint8Array.from(bytes);
      copy[at % copy.length] = byte;
      return copy;
    }),
    fc.tuple(valid, fc.nat()).map(([bytes, at]) => bytes.slice(0, at % bytes.length)),
    fc.tuple(valid, fc.uint8Array({ minLength: 1, maxLength: 8 })).map(([bytes, extra]) => {
      const joined = new Uint8Array(bytes.length + extra.length);
      joined.set(bytes);
      joined.set(extra, bytes.length);
      return joined;
    }),
  );
}

describe('codec properties', () => {
  it('random bytes never crash the decoders', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        decodesOrRefuses(decodeClientFrame, bytes);
        decodesOrRefuses(decodeServerFrame, bytes);
      }),
      { numRuns: 5000 },
    );
  });

  it('damaged valid frames never crash the decoders', () => {
    fc.assert(
      fc.property(damaged(clientFrame.map(encodeClientFrame)), (bytes) => decodesOrRefuses(decodeClientFrame, bytes)),
      { numRuns: 3000 },
    );
    fc.assert(
      fc.property(damaged(serverFrame.map(encodeServerFrame)), (bytes) => decodesOrRefuses(decodeServerFrame, bytes)),
      { numRuns: 3000 },
    );
  });

  it('client frames round trip', () => {
    fc.assert(
      fc.property(clientFrame, (frame) => {
        expect(decodeClientFrame(encodeClientFrame(frame))).toEqual(frame);
      }),
      { numRuns: 1000 },
    );
  });

  it('server frames round trip', () => {
    fc.assert(
      fc.property(serverFrame, (frame) => {
        expect(decodeServerFrame(encodeServerFrame(frame))).toEqual(frame);
      }),
      { numRuns: 1000 },
    );
  });
});
