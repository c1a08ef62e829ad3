// Round trips of every frame type through the codec, the exact bytes of a few frames (the contract other-language
// clients rely on), and what the encoder refuses to send.
import { describe, expect, it } from '@jest/globals';
import { Packr } from 'msgpackr';
import { decodeClientFrame, decodeServerFrame, encodeClientFrame, encodeServerFrame } from './codec.ts';
import type { ClientFrame, ServerFrame, WelcomeBody } from './frames.ts';
import { ProtocolError } from './protocol-error.ts';
import { chooseProtocolVersion } from './version-negotiation.ts';

const welcome: WelcomeBody = {
  version: 1,
  sessionId: 's-1',
  resumeToken: 'rt',
  playerId: 'p-7',
  resumed: false,
  lastSeq: 0,
  heartbeatMs: 15_000,
  limits: { maxFrameBytes: 65_536, messagesPerSecond: 50, burst: 100, maxPendingRequests: 32 },
};

const clientFrames: { desc: string; frame: ClientFrame }[] = [
  { desc: 'HELLO, new session', frame: { type: 1, hello: { versions: [1], token: 'a.b' } } },
  {
    desc: 'HELLO with resume and agent',
    frame: {
      type: 1,
      hello: {
        versions: [2, 1],
        token: 'a.b',
        resume: { sessionId: 's-1', resumeToken: 'rt', lastSeq: 41 },
        agent: 'unity/1.2',
      },
    },
  },
  { desc: 'REQUEST', frame: { type: 2, requestId: 1, route: 'player.buy', args: ['sword', 2] } },
  { desc: 'REQUEST, largest id', frame: { type: 2, requestId: 0xffff_ffff, route: 'scene.move', args: [] } },
  {
    desc: 'REQUEST with nested data, bytes and bigint',
    frame: {
      type: 2,
      requestId: 9,
      route: 'player.save-all_v2',
      args: [{ a: [1, 2.5, null, true], b: 'é' }, new Uint8Array([1, 2, 3]), 2n ** 60n, -3],
    },
  },
  { desc: 'NOTIFY', frame: { type: 3, route: 'scene.move', args: [{ x: 1, y: -2 }] } },
  { desc: 'PING', frame: { type: 4, nonce: 0 } },
  { desc: 'PONG, large nonce', frame: { type: 5, nonce: Number.MAX_SAFE_INTEGER } },
  { desc: 'ACK', frame: { type: 6, lastSeq: 2 ** 40 } },
];

const serverFrames: { desc: string; frame: ServerFrame }[] = [
  { desc: 'WELCOME', frame: { type: 16, welcome } },
  { desc: 'WELCOME, resumed', frame: { type: 16, welcome: { ...welcome, resumed: true, lastSeq: 12 } } },
  { desc: 'RESPONSE', frame: { type: 17, requestId: 3, result: { gold: 10, items: ['sword'] } } },
  { desc: 'RESPONSE, nil result', frame: { type: 17, requestId: 3, result: null } },
  {
    desc: 'ERROR',
    frame: { type: 18, requestId: 4, error: { code: 'GC_ERR_UNKNOWN_ROUTE', message: 'no route x.y' } },
  },
  {
    desc: 'ERROR with details, not about a request',
    frame: { type: 18, requestId: 0, error: { code: 'GAME_ERR_POOR', message: 'no gold', details: { need: 5 } } },
  },
  { desc: 'PUSH', frame: { type: 19, seq: 1, event: 'coin.collected', data: { amount: 3 } } },
  {
    desc: 'PUSH with a timestamp',
    frame: { type: 19, seq: 2 ** 33, event: 'clock', data: new Date(1_700_000_000_123) },
  },
  { desc: 'PING', frame: { type: 4, nonce: 7 } },
  { desc: 'PONG', frame: { type: 5, nonce: 7 } },
  { desc: 'MIGRATE', frame: { type: 21, migrate: { reason: 'gate draining', retryAfterMs: 250 } } },
  { desc: 'MIGRATE without delay', frame: { type: 21, migrate: { reason: 'gate draining' } } },
  { desc: 'KICK', frame: { type: 22, kick: { code: 'GAME_ERR_BANNED', reason: 'cheating' } } },
];

describe('codec round trips', () => {
  it.each(clientFrames)('client frame: $desc', ({ frame }) => {
    expect(decodeClientFrame(encodeClientFrame(frame))).toEqual(frame);
  });

  it.each(serverFrames)('server frame: $desc', ({ frame }) => {
    expect(decodeServerFrame(encodeServerFrame(frame))).toEqual(frame);
  });

  it('turns an undefined result or push data into nil', () => {
    expect(decodeServerFrame(encodeServerFrame({ type: 17, requestId: 1, result: undefined }))).toEqual({
      type: 17,
      requestId: 1,
      result: null,
    });
    expect(decodeServerFrame(encodeServerFrame({ type: 19, seq: 1, event: 'e', data: undefined }))).toEqual({
      type: 19,
      seq: 1,
      event: 'e',
      data: null,
    });
  });

  it('drops unknown body keys and takes nil for absent optional fields', () => {
    const bytes = rawPack([1, { versions: [1], token: 't', resume: null, agent: null, future: { x: 1 } }]);
    expect(decodeClientFrame(bytes)).toEqual({ type: 1, hello: { versions: [1], token: 't' } });
  });
});

describe('wire bytes (docs/protocol.md worked example)', () => {
  it('REQUEST player.echo("hi") with id 1', () => {
    expect(toHex(encodeClientFrame({ type: 2, requestId: 1, route: 'player.echo', args: ['hi'] }))).toBe(
      '940201ab706c617965722e6563686f91a26869',
    );
  });

  it('PING 5 and ACK 3', () => {
    expect(toHex(encodeClientFrame({ type: 4, nonce: 5 }))).toBe('920405');
    expect(toHex(encodeClientFrame({ type: 6, lastSeq: 3 }))).toBe('920603');
  });

  it('decodes integers however they are encoded (uint64, int16, integral float64)', () => {
    expect(decodeClientFrame(hex('92 04 cf0000000000000005'))).toEqual({ type: 4, nonce: 5 });
    expect(decodeClientFrame(hex('92 04 d10005'))).toEqual({ type: 4, nonce: 5 });
    expect(decodeClientFrame(hex('92 04 cb4014000000000000'))).toEqual({ type: 4, nonce: 5 });
  });
});

describe('encoder refusals', () => {
  const cases: { desc: string; frame: ClientFrame; message: RegExp }[] = [
    { desc: 'route with a space', frame: { type: 2, requestId: 1, route: 'player buy', args: [] }, message: /route/ },
    { desc: 'empty route', frame: { type: 3, route: '', args: [] }, message: /route/ },
    { desc: 'request id 0', frame: { type: 2, requestId: 0, route: 'a.b', args: [] }, message: /requestId/ },
    {
      desc: 'a function in args',
      frame: { type: 2, requestId: 1, route: 'a.b', args: [() => 1] },
      message: /function/,
    },
    {
      desc: 'a Float32Array in args',
      frame: { type: 3, route: 'a.b', args: [new Float32Array(2)] },
      message: /Float32Array/,
    },
    { desc: 'args nested 40 deep', frame: { type: 3, route: 'a.b', args: [nest(40)] }, message: /deeper than 32/ },
    { desc: 'no versions', frame: { type: 1, hello: { versions: [], token: 't' } }, message: /versions/ },
    { desc: 'negative nonce', frame: { type: 4, nonce: -1 }, message: /nonce/ },
    { desc: 'fractional lastSeq', frame: { type: 6, lastSeq: 1.5 }, message: /lastSeq/ },
  ];
  it.each(cases)('$desc', ({ frame, message }) => {
    expect(() => encodeClientFrame(frame)).toThrow(ProtocolError);
    expect(() => encodeClientFrame(frame)).toThrow(message);
  });

  it('refuses a cycle', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => encodeServerFrame({ type: 19, seq: 1, event: 'e', data: cyclic })).toThrow(ProtocolError);
  });

  it('refuses a bigint beyond 64 bits', () => {
    expect(() => encodeServerFrame({ type: 17, requestId: 1, result: 2n ** 70n })).toThrow(ProtocolError);
  });

  it('refuses a push event that is not a name', () => {
    expect(() => encodeServerFrame({ type: 19, seq: 1, event: 'chat message', data: 1 })).toThrow(/PUSH.event/);
  });

  it('nests up to 32 levels exactly', () => {
    // frame array (1) + args array (2) + 30 more levels = 32
    expect(() => encodeClientFrame({ type: 3, route: 'a.b', args: [nest(30)] })).not.toThrow();
    expect(() => encodeClientFrame({ type: 3, route: 'a.b', args: [nest(31)] })).toThrow(/deeper than 32/);
    const bytes = encodeClientFrame({ type: 3, route: 'a.b', args: [nest(30)] });
    expect(decodeClientFrame(bytes)).toEqual({ type: 3, route: 'a.b', args: [nest(30)] });
  });
});

describe('chooseProtocolVersion', () => {
  const cases = [
    { desc: 'one in common', client: [1], server: [1], want: 1 },
    { desc: 'highest in common', client: [1, 3, 2], server: [2, 1], want: 2 },
    { desc: 'none in common', client: [2], server: [1], want: null },
  ];
  it.each(cases)('$desc', ({ client, server, want }) => {
    expect(chooseProtocolVersion(client, server)).toBe(want);
  });
});

/** `levels` arrays nested in each other, innermost empty. */
function nest(levels: number): unknown[] {
  let value: unknown[] = [];
  for (let i = 1; i < levels; i++) value = [value];
  return value;
}

function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

function hex(spec: string): Uint8Array {
  return Uint8Array.from(Buffer.from(spec.replace(/ /g, ''), 'hex'));
}

/** Bytes as any msgpack encoder would write them, without the codec's checks. */
function rawPack(value: unknown): Uint8Array {
  return new Packr({ useRecords: false }).pack(value);
}
