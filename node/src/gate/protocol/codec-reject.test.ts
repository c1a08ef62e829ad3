// Every malformed frame the decoders must refuse with a ProtocolError that names the broken rule: bad msgpack,
// lies about lengths, deep nesting, foreign extension types, and every wrong shape of every frame type.
import { describe, expect, it } from '@jest/globals';
import { Packr } from 'msgpackr';
import { decodeClientFrame, decodeServerFrame } from './codec.ts';
import { ProtocolError } from './protocol-error.ts';

const raw = new Packr({ useRecords: false });
const pack = (value: unknown): Uint8Array => raw.pack(value);
const hex = (spec: string): Uint8Array => Uint8Array.from(Buffer.from(spec.replace(/ /g, ''), 'hex'));

const hello = { versions: [1], token: 't' };
const resume = { sessionId: 's', resumeToken: 'r', lastSeq: 0 };
const limits = { maxFrameBytes: 65536, messagesPerSecond: 50, burst: 100, maxPendingRequests: 32 };
const welcome = {
  version: 1,
  sessionId: 's',
  resumeToken: 'r',
  playerId: 'p',
  resumed: false,
  lastSeq: 0,
  heartbeatMs: 10000,
  limits,
};

interface Case {
  desc: string;
  bytes: Uint8Array;
  message: RegExp;
}

const malformedMsgpack: Case[] = [
  { desc: 'empty message', bytes: new Uint8Array(0), message: /empty frame/ },
  { desc: 'array cut short', bytes: hex('93 04 05'), message: /needs|ends/ },
  { desc: 'trailing bytes', bytes: hex('92 04 05 00'), message: /1 trailing bytes/ },
  { desc: 'two frames in one message', bytes: hex('92 04 05 92 04 06'), message: /trailing/ },
  { desc: 'the never-used byte 0xc1', bytes: hex('92 04 c1'), message: /0xc1/ },
  { desc: 'array32 claiming 4 billion items', bytes: hex('dd ffffffff 01'), message: /4294967295 items/ },
  { desc: 'map32 claiming 4 billion entries', bytes: hex('92 01 df ffffffff'), message: /items/ },
  { desc: 'array16 claiming more items than bytes', bytes: hex('dc ffff 01 02'), message: /65535 items/ },
  { desc: 'str32 claiming 4 GiB', bytes: hex('93 03 db ffffffff 41 90'), message: /string or binary/ },
  { desc: 'bin32 claiming 4 GiB', bytes: hex('93 03 a1 61 91 c6 ffffffff'), message: /string or binary/ },
  { desc: 'ext32 claiming 4 GiB', bytes: hex('92 04 c9 ffffffff ff'), message: /extension/ },
  { desc: 'fixstr cut short', bytes: hex('93 03 a5 41 41'), message: /needs/ },
  { desc: 'float64 cut short', bytes: hex('92 04 cb 00 00'), message: /needs/ },
  { desc: 'nesting 33 deep', bytes: hex(`${'91'.repeat(33)}c0`), message: /deeper than 32/ },
  { desc: 'nesting 100 000 deep', bytes: hex(`${'91'.repeat(100_000)}c0`), message: /deeper than 32/ },
  { desc: 'empty array 33 deep', bytes: hex(`${'91'.repeat(32)}90`), message: /deeper than 32/ },
  { desc: 'msgpackr Set extension', bytes: hex('93 03 a3 612e62 91 d4 73 00 91 01'), message: /extension type 115/ },
  { desc: 'msgpackr record extension', bytes: hex('93 03 a3 612e62 91 d4 72 40'), message: /extension type 114/ },
  { desc: 'msgpackr typed array extension', bytes: hex('93 03 a3 612e62 91 c7 02 74 01 01'), message: /type 116/ },
  { desc: 'timestamp of 2 bytes', bytes: hex('93 03 a3 612e62 91 d5 ff 0000'), message: /extension type -1/ },
  { desc: 'undefined extension with a non-zero byte', bytes: hex('92 04 d4 00 01'), message: /extension type 0/ },
  { desc: 'map with an array key', bytes: hex('92 01 81 91 01 02'), message: /malformed msgpack|map/ },
];

const badClientShapes: Case[] = [
  { desc: 'a map, not an array', bytes: pack({ type: 4 }), message: /msgpack array/ },
  { desc: 'an empty array', bytes: hex('90'), message: /msgpack array/ },
  { desc: 'a bare integer', bytes: hex('04'), message: /msgpack array/ },
  { desc: 'type as a string', bytes: pack(['4', 1]), message: /frame type must be an integer/ },
  { desc: 'type as a float', bytes: pack([4.5, 1]), message: /frame type/ },
  { desc: 'negative type', bytes: pack([-1, 1]), message: /frame type/ },
  { desc: 'unknown type 7', bytes: pack([7, 1]), message: /unknown client frame type 7/ },
  { desc: 'server type WELCOME from a client', bytes: pack([16, welcome]), message: /unknown client frame type 16/ },
  { desc: 'HELLO with an extra field', bytes: pack([1, hello, 1]), message: /HELLO frame must have 2/ },
  { desc: 'HELLO without body', bytes: pack([1]), message: /HELLO frame must have 2/ },
  { desc: 'HELLO body as an array', bytes: pack([1, [[1], 't']]), message: /HELLO body must be a map/ },
  { desc: 'HELLO body nil', bytes: pack([1, null]), message: /HELLO body must be a map/ },
  { desc: 'HELLO without versions', bytes: pack([1, { token: 't' }]), message: /HELLO.versions must be an array/ },
  { desc: 'HELLO with no versions', bytes: pack([1, { ...hello, versions: [] }]), message: /1-16 versions/ },
  {
    desc: 'HELLO with 17 versions',
    bytes: pack([1, { ...hello, versions: Array.from({ length: 17 }, (_, i) => i + 1) }]),
    message: /1-16 versions, got 17/,
  },
  { desc: 'HELLO version 0', bytes: pack([1, { ...hello, versions: [0] }]), message: /versions\[\]/ },
  { desc: 'HELLO version 70000', bytes: pack([1, { ...hello, versions: [70000] }]), message: /1..65535/ },
  { desc: 'HELLO version as a string', bytes: pack([1, { ...hello, versions: ['1'] }]), message: /versions\[\]/ },
  { desc: 'HELLO without token', bytes: pack([1, { versions: [1] }]), message: /HELLO.token must be a string/ },
  { desc: 'HELLO token as a number', bytes: pack([1, { ...hello, token: 5 }]), message: /HELLO.token/ },
  {
    desc: 'HELLO token of 4097 characters',
    bytes: pack([1, { ...hello, token: 'x'.repeat(4097) }]),
    message: /HELLO.token must be 0-4096 characters long, got 4097/,
  },
  { desc: 'HELLO resume as a string', bytes: pack([1, { ...hello, resume: 's' }]), message: /HELLO.resume must/ },
  {
    desc: 'HELLO resume without lastSeq',
    bytes: pack([1, { ...hello, resume: { sessionId: 's', resumeToken: 'r' } }]),
    message: /HELLO.resume.lastSeq/,
  },
  {
    desc: 'HELLO resume with a negative lastSeq',
    bytes: pack([1, { ...hello, resume: { ...resume, lastSeq: -1 } }]),
    message: /HELLO.resume.lastSeq/,
  },
  {
    desc: 'HELLO resume with an empty session id',
    bytes: pack([1, { ...hello, resume: { ...resume, sessionId: '' } }]),
    message: /HELLO.resume.sessionId/,
  },
  {
    desc: 'HELLO resume without resume token',
    bytes: pack([1, { ...hello, resume: { sessionId: 's', lastSeq: 1 } }]),
    message: /HELLO.resume.resumeToken/,
  },
  { desc: 'HELLO agent as a number', bytes: pack([1, { ...hello, agent: 3 }]), message: /HELLO.agent/ },
  { desc: 'REQUEST with 3 fields', bytes: pack([2, 1, 'a.b']), message: /REQUEST frame must have 4/ },
  { desc: 'REQUEST with 5 fields', bytes: pack([2, 1, 'a.b', [], 0]), message: /REQUEST frame must have 4/ },
  { desc: 'REQUEST id 0', bytes: pack([2, 0, 'a.b', []]), message: /REQUEST.requestId must be an integer in 1/ },
  { desc: 'REQUEST id 2^32', bytes: pack([2, 2 ** 32, 'a.b', []]), message: /REQUEST.requestId/ },
  { desc: 'REQUEST id negative', bytes: pack([2, -5, 'a.b', []]), message: /REQUEST.requestId/ },
  { desc: 'REQUEST id fractional', bytes: pack([2, 1.5, 'a.b', []]), message: /REQUEST.requestId/ },
  { desc: 'REQUEST id as a string', bytes: pack([2, '1', 'a.b', []]), message: /REQUEST.requestId/ },
  { desc: 'REQUEST id nil', bytes: pack([2, null, 'a.b', []]), message: /REQUEST.requestId/ },
  { desc: 'REQUEST empty route', bytes: pack([2, 1, '', []]), message: /REQUEST.route must be 1-256/ },
  { desc: 'REQUEST route of 257 characters', bytes: pack([2, 1, 'a'.repeat(257), []]), message: /got 257/ },
  { desc: 'REQUEST route with a space', bytes: pack([2, 1, 'a .b', []]), message: /REQUEST.route may hold only/ },
  { desc: 'REQUEST route with a slash', bytes: pack([2, 1, 'a/b', []]), message: /REQUEST.route may hold only/ },
  { desc: 'REQUEST route with non-ASCII', bytes: pack([2, 1, 'plàyer.b', []]), message: /may hold only/ },
  { desc: 'REQUEST route as a number', bytes: pack([2, 1, 12, []]), message: /REQUEST.route must be a string/ },
  { desc: 'REQUEST args as a map', bytes: pack([2, 1, 'a.b', { 0: 1 }]), message: /REQUEST.args must be an array/ },
  { desc: 'REQUEST args nil', bytes: pack([2, 1, 'a.b', null]), message: /REQUEST.args must be an array/ },
  { desc: 'REQUEST args as binary', bytes: pack([2, 1, 'a.b', Buffer.from([1])]), message: /REQUEST.args/ },
  { desc: 'NOTIFY with 4 fields', bytes: pack([3, 1, 'a.b', []]), message: /NOTIFY frame must have 3/ },
  { desc: 'NOTIFY route with a colon', bytes: pack([3, 'a:b', []]), message: /NOTIFY.route may hold only/ },
  { desc: 'NOTIFY args as a string', bytes: pack([3, 'a.b', 'x']), message: /NOTIFY.args must be an array/ },
  { desc: 'PING without nonce', bytes: pack([4]), message: /PING frame must have 2/ },
  { desc: 'PING nonce negative', bytes: pack([4, -1]), message: /nonce must be an integer in 0/ },
  { desc: 'PING nonce beyond 2^53', bytes: pack([4, 2 ** 60]), message: /nonce/ },
  { desc: 'PONG nonce as a string', bytes: pack([5, '1']), message: /nonce must be an integer/ },
  { desc: 'PONG with 3 fields', bytes: pack([5, 1, 2]), message: /PONG frame must have 2/ },
  { desc: 'ACK lastSeq fractional', bytes: pack([6, 1.25]), message: /ACK.lastSeq/ },
  { desc: 'ACK lastSeq nil', bytes: pack([6, null]), message: /ACK.lastSeq/ },
  { desc: 'ACK lastSeq true', bytes: pack([6, true]), message: /ACK.lastSeq/ },
];

const badServerShapes: Case[] = [
  { desc: 'client type REQUEST from a gate', bytes: pack([2, 1, 'a.b', []]), message: /unknown server frame type 2/ },
  { desc: 'unknown type 20', bytes: pack([20, 1]), message: /unknown server frame type 20/ },
  { desc: 'WELCOME without limits', bytes: pack([16, { ...welcome, limits: undefined }]), message: /limits/ },
  {
    desc: 'WELCOME with burst 0',
    bytes: pack([16, { ...welcome, limits: { ...limits, burst: 0 } }]),
    message: /WELCOME.limits.burst/,
  },
  { desc: 'WELCOME resumed as 1', bytes: pack([16, { ...welcome, resumed: 1 }]), message: /WELCOME.resumed/ },
  { desc: 'WELCOME heartbeat 0', bytes: pack([16, { ...welcome, heartbeatMs: 0 }]), message: /heartbeatMs/ },
  { desc: 'WELCOME version 0', bytes: pack([16, { ...welcome, version: 0 }]), message: /WELCOME.version/ },
  { desc: 'WELCOME empty session id', bytes: pack([16, { ...welcome, sessionId: '' }]), message: /sessionId/ },
  { desc: 'WELCOME without player id', bytes: pack([16, { ...welcome, playerId: null }]), message: /playerId/ },
  { desc: 'RESPONSE id 0', bytes: pack([17, 0, null]), message: /RESPONSE.requestId/ },
  { desc: 'RESPONSE without result', bytes: pack([17, 1]), message: /RESPONSE frame must have 3/ },
  { desc: 'ERROR id negative', bytes: pack([18, -1, { code: 'X', message: '' }]), message: /ERROR.requestId/ },
  { desc: 'ERROR without code', bytes: pack([18, 1, { message: 'm' }]), message: /ERROR.code/ },
  { desc: 'ERROR empty code', bytes: pack([18, 1, { code: '', message: 'm' }]), message: /ERROR.code/ },
  { desc: 'ERROR message nil', bytes: pack([18, 1, { code: 'X', message: null }]), message: /ERROR.message/ },
  {
    desc: 'ERROR details as an array',
    bytes: pack([18, 1, { code: 'X', message: 'm', details: [1] }]),
    message: /ERROR.details must be a map/,
  },
  { desc: 'PUSH seq 0', bytes: pack([19, 0, 'e', null]), message: /PUSH.seq must be an integer in 1/ },
  { desc: 'PUSH without data', bytes: pack([19, 1, 'e']), message: /PUSH frame must have 4/ },
  { desc: 'PUSH empty event', bytes: pack([19, 1, '', null]), message: /PUSH.event/ },
  { desc: 'PUSH event with a space', bytes: pack([19, 1, 'a b', null]), message: /PUSH.event/ },
  {
    desc: 'MIGRATE negative delay',
    bytes: pack([21, { reason: 'r', retryAfterMs: -1 }]),
    message: /MIGRATE.retryAfterMs/,
  },
  { desc: 'MIGRATE without reason', bytes: pack([21, {}]), message: /MIGRATE.reason/ },
  { desc: 'KICK without code', bytes: pack([22, { reason: 'r' }]), message: /KICK.code/ },
  { desc: 'KICK body as a string', bytes: pack([22, 'bye']), message: /KICK body must be a map/ },
];

describe('decodeClientFrame refuses', () => {
  it.each([...malformedMsgpack, ...badClientShapes])('$desc', ({ bytes, message }) => {
    expectRefusal(() => decodeClientFrame(bytes), message);
  });

  it('a text message', () => {
    expectRefusal(() => decodeClientFrame('[4,1]' as unknown as Uint8Array), /binary WebSocket message/);
  });
});

describe('decodeServerFrame refuses', () => {
  it.each([...malformedMsgpack, ...badServerShapes])('$desc', ({ bytes, message }) => {
    expectRefusal(() => decodeServerFrame(bytes), message);
  });
});

function expectRefusal(decode: () => unknown, message: RegExp): void {
  let thrown: unknown;
  try {
    decode();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(ProtocolError);
  expect((thrown as ProtocolError).code).toBe('GC_ERR_PROTOCOL');
  expect((thrown as ProtocolError).message).toMatch(message);
}
