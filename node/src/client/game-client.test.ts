// The client SDK against a fake gate on a real WebSocket: handshake, requests and errors, pushes exactly once and
// in order, reconnect and resume, migrate, kick, heartbeat timeout, pacing and the pending-request limit.
import { afterEach, describe, expect, it } from '@jest/globals';
import { AskTimeoutError, MailboxFullError } from '../actor/errors.ts';
import { GameclusterError } from '../errors/index.ts';
import { CloseCode, FrameType } from '../gate/protocol/index.ts';
import { ConnectionLostError, NotConnectedError } from './errors.ts';
import { GameClient } from './game-client.ts';
import type { GameClientOptions } from './game-client-options.ts';
import type { GameClientLifecycle, PushMeta } from './game-client-types.ts';
import { FakeGate, type FakeGateOptions } from './testing/fake-gate.ts';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(gateOptions: FakeGateOptions = {}, clientOptions: GameClientOptions = {}) {
  const gate = await new FakeGate(gateOptions).listen();
  cleanups.push(() => gate.close());
  const client = new GameClient({ reconnectBaseDelayMs: 20, reconnectMaxDelayMs: 100, ...clientOptions });
  cleanups.push(() => client.close());
  const events: string[] = [];
  for (const name of ['connected', 'resumed', 'disconnected', 'closed', 'migrate', 'kick'] as const) {
    client.onLifecycle(name, ((info: { code?: number }) =>
      events.push(info?.code === undefined ? name : `${name} ${info.code}`)) as GameClientLifecycle[typeof name]);
  }
  return { gate, client, events };
}

function nextEvent<Name extends keyof GameClientLifecycle>(
  client: GameClient,
  name: Name,
): Promise<Parameters<GameClientLifecycle[Name]>[0]> {
  return new Promise((resolve) => {
    const off = client.onLifecycle(name, ((value: Parameters<GameClientLifecycle[Name]>[0]) => {
      off();
      resolve(value);
    }) as GameClientLifecycle[Name]);
  });
}

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function collectPushes(client: GameClient): { seq: number; event: string; data: unknown }[] {
  const seen: { seq: number; event: string; data: unknown }[] = [];
  client.on('*', (data, meta: PushMeta) => seen.push({ seq: meta.seq, event: meta.event, data }));
  return seen;
}

describe('GameClient', () => {
  it('completes the handshake with its token and versions', async () => {
    const { gate, client, events } = await setup({}, { agent: 'test-agent' });
    const session = await client.connect(gate.url, { token: 'fake.p1' });
    expect(session).toMatchObject({ playerId: 'p1', protocolVersion: 1, resumed: false, url: gate.url });
    expect(client.state).toBe('open');
    expect(gate.hellos).toEqual([{ versions: [1], token: 'fake.p1', agent: 'test-agent' }]);
    expect(events).toEqual(['connected']);
  });

  it('fetches a token with getToken for every handshake', async () => {
    const { gate, client } = await setup();
    let calls = 0;
    await client.connect(gate.url, { getToken: async () => `fake.p${++calls}` });
    expect(client.session?.playerId).toBe('p1');
  });

  it('rejects connect with the close code when the gate refuses the token', async () => {
    const { gate, client, events } = await setup();
    const failure = await client.connect(gate.url, { token: 'forged' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(NotConnectedError);
    expect((failure as NotConnectedError).details).toMatchObject({ closeCode: CloseCode.AuthFailed });
    expect((failure as Error).message).toMatch(/bad token/);
    expect(client.state).toBe('closed');
    expect(events).toEqual([`closed ${CloseCode.AuthFailed}`]);
  });

  it('answers requests, and turns ERROR frames into typed errors', async () => {
    const { gate, client } = await setup({
      routes: {
        'player.full': () => {
          throw Object.assign(new Error('mailbox full'), { code: 'GC_ERR_MAILBOX_FULL' });
        },
        'player.poor': () => {
          throw Object.assign(new Error('not enough gold'), { code: 'GAME_ERR_POOR' });
        },
      },
    });
    await client.connect(gate.url, { token: 'fake.p1' });
    await expect(client.request('player.echo', { hello: [1, 2] })).resolves.toEqual({ hello: [1, 2] });
    const unknown = await client.request('player.nope').catch((error: unknown) => error);
    expect(unknown).toBeInstanceOf(GameclusterError);
    expect((unknown as GameclusterError).code).toBe('GC_ERR_UNKNOWN_ROUTE');
    await expect(client.request('player.full')).rejects.toBeInstanceOf(MailboxFullError);
    await expect(client.request('player.poor')).rejects.toMatchObject({ code: 'GAME_ERR_POOR' });
    await expect(client.request('bad route!')).rejects.toMatchObject({ code: 'GC_ERR_PROTOCOL' });
  });

  it('times a request out with GC_ERR_ASK_TIMEOUT', async () => {
    const { gate, client } = await setup({ routes: { 'player.hang': () => new Promise(() => {}) } });
    await client.connect(gate.url, { token: 'fake.p1' });
    const started = Date.now();
    await expect(client.call('player.hang', [], { timeoutMs: 100 })).rejects.toBeInstanceOf(AskTimeoutError);
    expect(Date.now() - started).toBeGreaterThanOrEqual(95);
  });

  it('delivers pushes once each, in order, dropping duplicates, and acknowledges them', async () => {
    const { gate, client } = await setup({}, { ackIntervalMs: 20 });
    await client.connect(gate.url, { token: 'fake.p1' });
    const seen = collectPushes(client);
    const coins: unknown[] = [];
    client.on('coin', (data) => coins.push(data));
    for (let i = 1; i <= 3; i++) gate.push('p1', 'coin', i);
    gate.sendFrame('p1', { type: FrameType.Push, seq: 2, event: 'coin', data: 'duplicate' });
    gate.sendFrame('p1', { type: FrameType.Push, seq: 3, event: 'coin', data: 'duplicate' });
    gate.push('p1', 'other', { x: 1 });
    await until(() => seen.length === 4);
    await client.request('player.echo', 'sync'); // anything still in flight would have arrived by now
    expect(seen.map((push) => push.seq)).toEqual([1, 2, 3, 4]);
    expect(coins).toEqual([1, 2, 3]);
    expect(client.lastSeq).toBe(4);
    await until(() => gate.sessionOf('p1')!.unacked.length === 0);
    const acks = gate.sessionOf('p1')!.received.filter((frame) => frame.type === FrameType.Ack);
    expect(acks.at(-1)).toEqual({ type: FrameType.Ack, lastSeq: 4 });
  });

  it('reconnects after a dropped connection and resumes with its lastSeq, getting missed pushes once', async () => {
    const { gate, client, events } = await setup({ routes: { 'player.hang': () => new Promise(() => {}) } });
    await client.connect(gate.url, { token: 'fake.p1' });
    const seen = collectPushes(client);
    gate.push('p1', 'n', 1);
    gate.push('p1', 'n', 2);
    await until(() => seen.length === 2);
    const inFlight = client.request('player.hang');
    await until(() => gate.sessionOf('p1')!.received.some((frame) => frame.type === FrameType.Request));
    const resumed = nextEvent(client, 'resumed');
    gate.dropConnections();
    await expect(inFlight).rejects.toBeInstanceOf(ConnectionLostError);
    gate.push('p1', 'n', 3); // buffered: the session has no socket now
    gate.push('p1', 'n', 4);
    const whileAway = client.request('player.echo', 'queued');
    const session = await resumed;
    expect(session.resumed).toBe(true);
    await expect(whileAway).resolves.toBe('queued');
    await until(() => seen.length === 4);
    expect(seen.map((push) => push.data)).toEqual([1, 2, 3, 4]);
    const resumeHello = gate.hellos.at(-1)!;
    expect(resumeHello.resume).toEqual({
      sessionId: session.sessionId,
      resumeToken: `rt-${session.sessionId}`,
      lastSeq: 2,
    });
    expect(events).toEqual(['connected', 'disconnected 1006', 'resumed']);
  });

  it('starts a new session when the gate cannot resume, and says so with connected', async () => {
    const { gate, client, events } = await setup();
    await client.connect(gate.url, { token: 'fake.p1' });
    gate.sessions.clear(); // the gate forgot the session (e.g. the resume window passed)
    const connected = nextEvent(client, 'connected');
    gate.dropConnections();
    const session = await connected;
    expect(session.resumed).toBe(false);
    expect(client.lastSeq).toBe(0);
    expect(events).toEqual(['connected', 'disconnected 1006', 'connected']);
  });

  it('follows MIGRATE: waits retryAfterMs, asks chooseUrl, reconnects and resumes', async () => {
    const choices: unknown[] = [];
    const { gate, client, events } = await setup(
      {},
      {
        chooseUrl: (choice) => {
          choices.push(choice);
          return gate.url;
        },
      },
    );
    await client.connect(gate.url, { token: 'fake.p1' });
    const resumed = nextEvent(client, 'resumed');
    const started = Date.now();
    gate.migrateAll(150);
    await resumed;
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(choices).toEqual([{ reason: 'migrate', previousUrl: gate.url, attempt: 0 }]);
    expect(events).toEqual(['connected', 'migrate', `disconnected ${CloseCode.Migrate}`, 'resumed']);
  });

  it('waits as a draining gate says when it answers a reconnect with MIGRATE instead of WELCOME', async () => {
    const { gate, client } = await setup();
    await client.connect(gate.url, { token: 'fake.p1' });
    const delays: number[] = [];
    client.onLifecycle('reconnecting', ({ delayMs }) => delays.push(delayMs));
    const resumed = nextEvent(client, 'resumed');
    gate.turnAway = { count: 1, retryAfterMs: 300 };
    gate.dropConnections();
    await resumed;
    expect(delays).toHaveLength(2);
    expect(delays[1]).toBe(300);
  });

  it('refuses a token the protocol cannot carry without sending anything', async () => {
    const { gate, client } = await setup();
    const failure = await client.connect(gate.url, { token: 'x'.repeat(5000) }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(NotConnectedError);
    expect((failure as Error).message).toMatch(/HELLO.token/);
    expect(gate.hellos).toHaveLength(0);
  });

  it('stops for good when kicked', async () => {
    const { gate, client, events } = await setup();
    await client.connect(gate.url, { token: 'fake.p1' });
    const closed = nextEvent(client, 'closed');
    gate.kick('p1', 'cheating');
    expect(await closed).toMatchObject({ code: CloseCode.Kicked, reason: 'kicked: cheating' });
    expect(events).toEqual([
      'connected',
      'kick GAME_ERR_KICKED',
      `disconnected ${CloseCode.Kicked}`,
      `closed ${CloseCode.Kicked}`,
    ]);
    await expect(client.request('player.echo', 1)).rejects.toBeInstanceOf(NotConnectedError);
    expect(gate.hellos).toHaveLength(1);
  });

  it('detects a silent gate by its heartbeat, then resumes when it answers again', async () => {
    const { gate, client, events } = await setup({ heartbeatMs: 200 }, { handshakeTimeoutMs: 300 });
    await client.connect(gate.url, { token: 'fake.p1' });
    await until(() => client.rttMs !== undefined);
    const disconnected = nextEvent(client, 'disconnected');
    gate.silent = true;
    const started = Date.now();
    const info = await disconnected;
    expect(info).toMatchObject({ code: 1006, willReconnect: true });
    expect(info.reason).toMatch(/heartbeat timeout/);
    expect(Date.now() - started).toBeLessThan(1_000);
    const resumed = nextEvent(client, 'resumed');
    gate.silent = false;
    await resumed;
    expect(events.slice(0, 2)).toEqual(['connected', 'disconnected 1006']);
  });

  it('gives up after maxReconnectAttempts when the gate is gone', async () => {
    const { gate, client } = await setup({}, { maxReconnectAttempts: 2 });
    await client.connect(gate.url, { token: 'fake.p1' });
    const closed = nextEvent(client, 'closed');
    await gate.close();
    expect((await closed).reason).toMatch(/gave up after 2 reconnect attempts/);
  });

  it('close() ends the session and fails pending requests', async () => {
    const { gate, client, events } = await setup({ routes: { 'player.hang': () => new Promise(() => {}) } });
    await client.connect(gate.url, { token: 'fake.p1' });
    const pending = client.request('player.hang');
    client.close();
    await expect(pending).rejects.toBeInstanceOf(NotConnectedError);
    expect(events).toEqual(['connected', 'disconnected 1000', 'closed 1000']);
    expect(() => client.notify('player.echo', 1)).toThrow(NotConnectedError);
  });

  it('keeps at most maxPendingRequests in flight and paces frames to the advertised rate', async () => {
    let running = 0;
    let most = 0;
    const { gate, client } = await setup({
      limits: { maxPendingRequests: 3, messagesPerSecond: 100, burst: 10 },
      routes: {
        'player.slow': async (args) => {
          most = Math.max(most, ++running);
          await new Promise((resolve) => setTimeout(resolve, 10));
          running--;
          return args[0];
        },
      },
    });
    await client.connect(gate.url, { token: 'fake.p1' });
    const started = Date.now();
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => client.request('player.slow', i)));
    expect(results).toEqual(Array.from({ length: 30 }, (_, i) => i));
    expect(most).toBeLessThanOrEqual(3);
    // 30 frames at 90/s after a burst of 9: at least ~230 ms.
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
  });

  it('sends notifies, and queues them while reconnecting', async () => {
    const { gate, client } = await setup();
    await client.connect(gate.url, { token: 'fake.p1' });
    client.notify('scene.move', { x: 1 });
    const notifies = () => gate.sessionOf('p1')!.received.filter((frame) => frame.type === FrameType.Notify);
    await until(() => notifies().length === 1); // a notify in the socket when it drops is lost: at most once
    const resumed = nextEvent(client, 'resumed');
    const reconnecting = nextEvent(client, 'reconnecting');
    gate.dropConnections();
    await reconnecting;
    expect(client.state).toBe('reconnecting');
    client.notify('scene.move', { x: 2 });
    await resumed;
    await until(() => notifies().length === 2);
    expect(notifies()).toEqual([
      { type: FrameType.Notify, route: 'scene.move', args: [{ x: 1 }] },
      { type: FrameType.Notify, route: 'scene.move', args: [{ x: 2 }] },
    ]);
  });
});
