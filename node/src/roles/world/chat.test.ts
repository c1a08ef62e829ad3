// Chat on a real cluster with real clients: a post reaches every member's GameClient through the gate as
// 'chat.message' (and nobody else), leaving stops the pushes, history keeps the last 50, a member posting too fast
// gets a typed error with the wait, bad text and channels are refused, and the channel survives moving nodes.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { GameClient } from '../../client/game-client.ts';
import { GameclusterError } from '../../errors/index.ts';
import { sleep, waitFor } from '../../gate/testing-gate.ts';
import { ChatChannel } from './chat-channel.ts';
import type { ChatMessage } from './chat-message.ts';
import { ChatRateLimitedError, InvalidChatMessageError, NotInChannelError } from './errors.ts';
import { connectDevice, startWorldCluster, type WorldTestCluster } from './testing-world.ts';

let cluster: WorldTestCluster;
const clients: GameClient[] = [];

beforeAll(async () => {
  cluster = await startWorldCluster();
});

afterAll(async () => {
  for (const client of clients) client.close();
  await cluster.stop();
});

async function player(deviceId: string): Promise<{ client: GameClient; playerId: string; seen: ChatMessage[] }> {
  const connected = await connectDevice(cluster, deviceId);
  clients.push(connected.client);
  const seen: ChatMessage[] = [];
  connected.client.on<ChatMessage>('chat.message', (message) => seen.push(message));
  return { ...connected, seen };
}

async function failure(promise: Promise<unknown>): Promise<GameclusterError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof GameclusterError)) throw new Error(`expected a gamecluster error, got ${String(error)}`);
  return error;
}

describe('chat channels', () => {
  it('pushes a post to every member and to nobody else; a member who left gets no more', async () => {
    const alice = await player('chat-alice-device');
    const bob = await player('chat-bob-device');
    const carol = await player('chat-carol-device');
    await alice.client.request('player.rename', 'Alice');
    expect(await alice.client.request('player.chatJoin', 'lobby-1')).toEqual({
      channel: 'lobby-1',
      members: 1,
      lastSeq: 0,
    });
    expect(await bob.client.request('player.chatJoin', 'lobby-1')).toMatchObject({ members: 2 });
    expect(await bob.client.request('player.chatJoin', 'lobby-1')).toMatchObject({ members: 2 });

    const posted = await alice.client.request<ChatMessage>('player.chatPost', 'lobby-1', 'hello there');
    expect(posted).toEqual({
      channel: 'lobby-1',
      seq: 1,
      from: alice.playerId,
      name: 'Alice',
      text: 'hello there',
      at: expect.any(Number),
    });
    await waitFor(() => alice.seen.length === 1 && bob.seen.length === 1, 5_000, 'pushes');
    expect(bob.seen[0]).toEqual(posted);
    expect(alice.seen[0]).toEqual(posted);

    expect(await bob.client.request('player.chatLeave', 'lobby-1')).toBe(true);
    expect(await bob.client.request('player.chatLeave', 'lobby-1')).toBe(false);
    await alice.client.request('player.chatPost', 'lobby-1', 'anyone?');
    await waitFor(() => alice.seen.length === 2, 5_000, 'second push');
    await sleep(100);
    expect(bob.seen).toHaveLength(1);
    expect(carol.seen).toHaveLength(0);
    expect((await carol.client.request<ChatMessage[]>('player.chatHistory', 'lobby-1')).map((m) => m.text)).toEqual([
      'hello there',
      'anyone?',
    ]);
  });

  it('keeps only the last 50 messages', async () => {
    const channel = cluster.gateNode.system.ref(ChatChannel, 'history-1');
    // Eleven members posting five each (the burst): 55 messages without meeting the rate limit.
    for (let m = 0; m < 11; m++) await channel.join(`member-${m}`);
    for (let m = 0; m < 11; m++) {
      for (let i = 0; i < 5; i++) await channel.post(`member-${m}`, `message ${m * 5 + i + 1}`);
    }
    const history = await channel.history();
    expect(history).toHaveLength(50);
    expect(history.map((m) => m.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 6));
    expect((await channel.history(3)).map((m) => m.text)).toEqual(['message 53', 'message 54', 'message 55']);
    expect(await channel.history(500)).toHaveLength(50);
    expect(await channel.info()).toEqual({ channel: 'history-1', members: 11, lastSeq: 55 });
  });

  it('limits each member to its burst, then says how long to wait', async () => {
    const dave = await player('chat-dave-device');
    await dave.client.request('player.chatJoin', 'fast-1');
    for (let i = 0; i < 5; i++) await dave.client.request('player.chatPost', 'fast-1', `spam ${i}`);
    const refused = await failure(dave.client.request('player.chatPost', 'fast-1', 'one too many'));
    expect(refused.code).toBe(ChatRateLimitedError.code);
    expect(refused.message).toMatch(/wait \d+ ms/);
    expect(refused.details?.retryAfterMs).toBeGreaterThan(0);
    expect(refused.details?.retryAfterMs).toBeLessThanOrEqual(1_000);
    // Another member of the same channel is not limited by dave's posts.
    const channel = cluster.gateNode.system.ref(ChatChannel, 'fast-1');
    await channel.join('eve');
    expect((await channel.post('eve', 'hi')).seq).toBe(6);
    await sleep(refused.details!.retryAfterMs as number);
    expect((await dave.client.request<ChatMessage>('player.chatPost', 'fast-1', 'patient')).seq).toBe(7);
  });

  it('refuses bad text, bad channels and posts from non-members with typed errors', async () => {
    const frank = await player('chat-frank-device');
    await frank.client.request('player.chatJoin', 'strict-1');
    for (const text of ['', '   ', 'x'.repeat(501), 'bell\u0007', 42]) {
      expect((await failure(frank.client.request('player.chatPost', 'strict-1', text))).code).toBe(
        InvalidChatMessageError.code,
      );
    }
    expect(await frank.client.request('player.chatPost', 'strict-1', '\u{1F600}'.repeat(500))).toMatchObject({
      seq: 1,
    });
    expect((await failure(frank.client.request('player.chatPost', 'other-1', 'hi'))).code).toBe(NotInChannelError.code);
    for (const channel of ['has space', '', '-lead', 'x'.repeat(65), 7]) {
      expect((await failure(frank.client.request('player.chatJoin', channel))).code).toBe(
        'GC_ERR_INVALID_CHAT_CHANNEL',
      );
    }
  });

  it('keeps members and history when the channel moves to another node', async () => {
    const channel = cluster.gateNode.system.ref(ChatChannel, 'moving-1');
    await channel.join('gina');
    await channel.post('gina', 'before the move');
    const host = cluster.hostOf('ChatChannel', 'moving-1');
    expect(host?.hasRole('world')).toBe(true);
    await cluster.stopNode(host!);
    expect(await channel.memberIds()).toEqual(['gina']);
    expect((await channel.history()).map((m) => [m.seq, m.text])).toEqual([[1, 'before the move']]);
    expect((await channel.post('gina', 'after the move')).seq).toBe(2);
  });
});
