// The handshake over a real WebSocket: HELLO with a token within the handshake timeout, WELCOME with the session,
// and every way it fails (expired, badly signed or malformed token, bad resume token, no common version, frames
// out of order), each with its close code.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FrameType } from './protocol/protocol-wire.ts';
import { signResumeToken } from './resume-token.ts';
import {
  gateUrl,
  startTestNodes,
  stopTestNodes,
  TEST_CLUSTER_KEY,
  TestClient,
  type TestNode,
  testToken,
} from './testing-gate.ts';

let nodes: TestNode[] = [];
let url = '';

beforeAll(async () => {
  nodes = await startTestNodes([{ name: 'solo', roles: ['gate', 'world'] }]);
  url = gateUrl(nodes[0]!);
});

afterAll(async () => {
  await stopTestNodes(nodes);
});

async function expectRefused(hello: Parameters<TestClient['send']>[0], code: number, message?: RegExp): Promise<void> {
  const client = await TestClient.connect(url);
  client.send(hello);
  const closed = await client.closed;
  expect(closed.code).toBe(code);
  if (message !== undefined) {
    const error = client.frames.find((f) => f.type === FrameType.Error);
    expect(error).toMatchObject({ requestId: 0, error: { code: 'GC_ERR_AUTH_FAILED' } });
    expect((error as { error: { message: string } }).error.message).toMatch(message);
  }
}

describe('gate handshake', () => {
  it('answers HELLO with WELCOME: a new session for the token’s player, resume token, heartbeat and limits', async () => {
    const client = await TestClient.connect(url);
    const welcome = await client.hello(testToken('alice'));
    expect(welcome).toMatchObject({
      version: 1,
      playerId: 'alice',
      resumed: false,
      lastSeq: 0,
      heartbeatMs: 10_000,
      limits: { maxFrameBytes: 65_536, messagesPerSecond: 50, burst: 100, maxPendingRequests: 64 },
    });
    expect(welcome.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(welcome.resumeToken.split('.')).toHaveLength(2);
    expect(await client.call('player.hello', 'you')).toBe('hello you, from alice');
    client.close();
    await client.closed;
  });

  it('answers PING with PONG, before and after HELLO', async () => {
    const client = await TestClient.connect(url);
    client.send({ type: FrameType.Ping, nonce: 7 });
    expect(await client.next()).toEqual({ type: FrameType.Pong, nonce: 7 });
    await client.hello(testToken('pinger'));
    client.send({ type: FrameType.Ping, nonce: 8 });
    expect(await client.next((f) => f.type === FrameType.Pong)).toEqual({ type: FrameType.Pong, nonce: 8 });
    client.close();
  });

  it('refuses an expired token with ERROR then close 4001', async () => {
    await expectRefused(
      { type: FrameType.Hello, hello: { versions: [1], token: testToken('bob', -5) } },
      4001,
      /expired/,
    );
  });

  it('refuses a token signed with another key (4001, bad signature)', async () => {
    await expectRefused(
      { type: FrameType.Hello, hello: { versions: [1], token: testToken('bob', 600, Buffer.alloc(32, 9)) } },
      4001,
      /bad signature/,
    );
  });

  it('refuses a malformed token (4001, malformed)', async () => {
    await expectRefused({ type: FrameType.Hello, hello: { versions: [1], token: 'not-a-token' } }, 4001, /malformed/);
    await expectRefused({ type: FrameType.Hello, hello: { versions: [1], token: '' } }, 4001, /malformed/);
  });

  it('refuses a resume token for another player or session (4001)', async () => {
    const forOther = signResumeToken(TEST_CLUSTER_KEY, { sid: 's1', sub: 'mallory', exp: 4_000_000_000 });
    await expectRefused(
      {
        type: FrameType.Hello,
        hello: {
          versions: [1],
          token: testToken('carol'),
          resume: { sessionId: 's1', resumeToken: forOther, lastSeq: 0 },
        },
      },
      4001,
      /another session or player/,
    );
    // A login token is no resume token: the domains differ.
    await expectRefused(
      {
        type: FrameType.Hello,
        hello: {
          versions: [1],
          token: testToken('carol'),
          resume: { sessionId: 's1', resumeToken: testToken('carol'), lastSeq: 0 },
        },
      },
      4001,
      /bad signature/,
    );
  });

  it('closes with 4010 when no protocol version is in common', async () => {
    await expectRefused({ type: FrameType.Hello, hello: { versions: [2, 99], token: testToken('dave') } }, 4010);
  });

  it('closes with 4000 when the first frame is not HELLO, or HELLO comes twice', async () => {
    const early = await TestClient.connect(url);
    early.send({ type: FrameType.Request, requestId: 1, route: 'player.hello', args: ['x'] });
    expect((await early.closed).code).toBe(4000);

    const twice = await TestClient.connect(url);
    await twice.hello(testToken('erin'));
    twice.send({ type: FrameType.Hello, hello: { versions: [1], token: testToken('erin') } });
    expect((await twice.closed).code).toBe(4000);
  });
});
