// Sessions across gates: three in-process nodes (a world node that pushes, two gates) on the memory provider over
// real gRPC. A client resumes on the other gate while pushes keep flowing and loses or repeats none; a second
// connection takes the session over (4011); a drained gate migrates its client (MIGRATE, 4013) to the other gate;
// a stopped gate closes with 1001; a resume past the grace window or the buffer starts a new session.
import { afterEach, describe, expect, it } from '@jest/globals';
import type { MemoryClusterProvider } from '../cluster/memory/index.ts';
import type { GateOptions } from './gate-options.ts';
import type { WelcomeBody } from './protocol/frames.ts';
import { FrameType } from './protocol/protocol-wire.ts';
import {
  gateUrl,
  sleep,
  startTestNodes,
  stopTestNodes,
  TestClient,
  type TestNode,
  testToken,
  waitFor,
} from './testing-gate.ts';

let nodes: TestNode[] = [];
let pusher: NodeJS.Timeout | undefined;

afterEach(async () => {
  clearInterval(pusher);
  await stopTestNodes(nodes);
  nodes = [];
});

async function cluster(gate: Partial<GateOptions> = {}): Promise<{ world: TestNode; g1: TestNode; g2: TestNode }> {
  nodes = await startTestNodes([
    { name: 'world', roles: ['world'] },
    { name: 'g1', roles: ['gate'], gate },
    { name: 'g2', roles: ['gate'], gate },
  ]);
  return { world: nodes[0]!, g1: nodes[1]!, g2: nodes[2]! };
}

/** Pushes 0, 1, 2... to `playerId` from the world node (not a gate) every 2 ms; returns how many so far. */
function startPushing(world: TestNode, playerId: string): () => number {
  let next = 0;
  pusher = setInterval(() => {
    world.cluster.system.clientPush!.push([playerId], 'tick', next++);
  }, 2);
  return () => next;
}

function resumeOf(welcome: WelcomeBody, lastSeq: number) {
  return { resume: { sessionId: welcome.sessionId, resumeToken: welcome.resumeToken, lastSeq } };
}

function lastSeqOf(client: TestClient): number {
  const pushes = client.pushes();
  return pushes.length === 0 ? 0 : pushes[pushes.length - 1]!.seq;
}

/**
 * Every push the player saw over its connections (not deduplicated): seqs run 1, 2, 3... without gap or repeat,
 * and each payload sent arrives exactly once. (Payload order is not checked: pushes in flight while a session
 * moves may be redirected by the directory and overtaken by later ones.)
 */
function expectExactlyOnce(received: { seq: number; data: unknown }[], sent: number): void {
  expect(received.map((p) => p.seq)).toEqual(Array.from({ length: received.length }, (_, i) => i + 1));
  expect(received.map((p) => p.data as number).sort((a, b) => a - b)).toEqual(
    Array.from({ length: sent }, (_, i) => i),
  );
}

describe('session resume across gates', () => {
  it('resumes on another gate while pushes keep flowing: none lost, none repeated, seqs continue', async () => {
    const { world, g1, g2 } = await cluster();
    const first = await TestClient.connect(gateUrl(g1));
    const welcome = await first.hello(testToken('runner'));
    const sent = startPushing(world, 'runner');
    await waitFor(() => first.pushes().length >= 20);
    first.close();
    await first.closed;
    const lastSeq = lastSeqOf(first);
    await sleep(30); // pushes go on into the session's buffer on g1

    const second = await TestClient.connect(gateUrl(g2));
    const resumed = await second.hello(testToken('runner'), resumeOf(welcome, lastSeq));
    expect(resumed).toMatchObject({ resumed: true, sessionId: welcome.sessionId, lastSeq });
    await waitFor(() => second.pushes().length >= 30);

    // And back to g1, this time taking over an open connection.
    const third = await TestClient.connect(gateUrl(g1));
    const back = await third.hello(testToken('runner'), resumeOf(resumed, lastSeqOf(second)));
    expect(back.resumed).toBe(true);
    await waitFor(() => third.pushes().length >= 20);
    clearInterval(pusher);
    const total = sent();
    await waitFor(() => third.pushes().some((p) => p.data === total - 1), 5_000, 'last push');
    await sleep(50);

    expect((await second.closed).code).toBe(4011);
    const seenBySecond = second.pushes().filter((p) => p.seq <= back.lastSeq);
    expectExactlyOnce([...first.pushes(), ...seenBySecond, ...third.pushes()], total);
    expect(g1.installed.gate!.stats().sessions + g2.installed.gate!.stats().sessions).toBe(1);
  });

  it('moves 20 times between the gates under a stream of ~10k pushes per second without losing or repeating one', async () => {
    const { world, g1, g2 } = await cluster({ resumeBufferSize: 8192 }); // a loaded machine may take a while to move
    let next = 0;
    pusher = setInterval(() => {
      for (let i = 0; i < 20; i++) world.cluster.system.clientPush!.push(['busy'], 'tick', next++);
    }, 1);
    let client = await TestClient.connect(gateUrl(g1));
    let welcome = await client.hello(testToken('busy'));
    const received: { seq: number; data: unknown }[] = [];
    for (let move = 0; move < 20; move++) {
      await waitFor(() => client.pushes().length >= 5);
      client.close();
      await client.closed;
      received.push(...client.pushes());
      client = await TestClient.connect(gateUrl(move % 2 === 0 ? g2 : g1));
      welcome = await client.hello(testToken('busy'), resumeOf(welcome, received[received.length - 1]!.seq));
      expect(welcome.resumed).toBe(true);
    }
    clearInterval(pusher);
    const total = next;
    await waitFor(() => client.pushes().some((p) => p.data === total - 1), 5_000, 'last push');
    expectExactlyOnce([...received, ...client.pushes()], total);
    expect(nodes.flatMap((node) => node.errors)).toEqual([]);
  });

  it('closes the older connection with 4011 when the session is taken over, and keeps bindings', async () => {
    const { g1, g2 } = await cluster();
    const first = await TestClient.connect(gateUrl(g1));
    const welcome = await first.hello(testToken('twin'));
    await first.call('player.joinRoom', 'hall');
    const second = await TestClient.connect(gateUrl(g2));
    const taken = await second.hello(testToken('twin'), resumeOf(welcome, 0));
    expect(taken.resumed).toBe(true);
    expect((await first.closed).code).toBe(4011);
    expect(await second.call('room.say', 'moved')).toEqual({ room: 'hall', from: 'twin', text: 'moved' });
  });

  it('starts a new session (resumed false, seq from 0) when the client logs in again without resume', async () => {
    const { world, g1, g2 } = await cluster();
    const first = await TestClient.connect(gateUrl(g1));
    const welcome = await first.hello(testToken('fresh'));
    world.cluster.system.clientPush!.push(['fresh'], 'old', 1);
    await first.next((f) => f.type === FrameType.Push);
    const second = await TestClient.connect(gateUrl(g2));
    const again = await second.hello(testToken('fresh'));
    expect(again.resumed).toBe(false);
    expect(again.sessionId).not.toBe(welcome.sessionId);
    expect(again.lastSeq).toBe(0);
    world.cluster.system.clientPush!.push(['fresh'], 'new', 2);
    expect(await second.next((f) => f.type === FrameType.Push)).toMatchObject({ seq: 1, event: 'new' });
    expect((await first.closed).code).toBe(4011);
  });

  it('starts a new session when the buffer no longer reaches back to the client’s lastSeq', async () => {
    const { world, g1, g2 } = await cluster({ resumeBufferSize: 8 });
    const first = await TestClient.connect(gateUrl(g1));
    const welcome = await first.hello(testToken('behind'));
    first.close();
    await first.closed;
    for (let i = 0; i < 20; i++) world.cluster.system.clientPush!.push(['behind'], 'tick', i);
    await waitFor(() => g1.cluster.system.activationCount() > 0);
    await sleep(100);
    const second = await TestClient.connect(gateUrl(g2));
    const welcomeAgain = await second.hello(testToken('behind'), resumeOf(welcome, 0));
    expect(welcomeAgain).toMatchObject({ resumed: false, lastSeq: 0 });
    expect(welcomeAgain.sessionId).not.toBe(welcome.sessionId);
  });

  it('starts a new session after the grace window', async () => {
    const { g1, g2 } = await cluster({ sessionGraceMs: 200 });
    const first = await TestClient.connect(gateUrl(g1));
    const welcome = await first.hello(testToken('late'));
    first.close();
    await waitFor(() => g1.installed.gate!.stats().sessions === 0, 3_000, 'session gone after grace');
    const second = await TestClient.connect(gateUrl(g2));
    expect((await second.hello(testToken('late'), resumeOf(welcome, 0))).resumed).toBe(false);
  });

  it('drain sends MIGRATE and closes with 4013; the client resumes on the other gate with every push', async () => {
    const { world, g1, g2 } = await cluster({ drainSpreadMs: 1_000, drainTimeoutMs: 5_000 });
    const client = await TestClient.connect(gateUrl(g1));
    const bystander = await TestClient.connect(gateUrl(g1));
    const welcome = await client.hello(testToken('mover'));
    await bystander.hello(testToken('bystander'));
    const sent = startPushing(world, 'mover');
    await waitFor(() => client.pushes().length >= 10);

    const drained = g1.installed.drain();
    const migrate = await client.next((f) => f.type === FrameType.Migrate);
    expect(migrate).toMatchObject({ migrate: { retryAfterMs: expect.any(Number) } });
    const delays = [migrate, await bystander.next((f) => f.type === FrameType.Migrate)].map(
      (f) => (f as { migrate: { retryAfterMs: number } }).migrate.retryAfterMs,
    );
    expect(delays.sort((a, b) => a - b)).toEqual([0, 500]);
    expect((await client.closed).code).toBe(4013);
    // New connections to the draining gate are migrated too.
    const late = await TestClient.connect(gateUrl(g1));
    expect((await late.closed).code).toBe(4013);

    const moved = await TestClient.connect(gateUrl(g2));
    const resumed = await moved.hello(testToken('mover'), resumeOf(welcome, lastSeqOf(client)));
    expect(resumed.resumed).toBe(true);
    const bystanderMoved = await TestClient.connect(gateUrl(g2));
    await bystanderMoved.hello(testToken('bystander'));
    expect(await drained).toEqual({ migrated: 2, sessionsLeft: 0 });
    await waitFor(() => moved.pushes().length >= 10);
    clearInterval(pusher);
    const total = sent();
    await waitFor(() => moved.pushes().some((p) => p.data === total - 1), 5_000, 'last push');
    expectExactlyOnce([...client.pushes(), ...moved.pushes()], total);
  });

  it('stop closes every connection with 1001', async () => {
    const { g1 } = await cluster();
    const client = await TestClient.connect(gateUrl(g1));
    await client.hello(testToken('leaver'));
    await g1.installed.stop();
    expect((await client.closed).code).toBe(1001);
  });

  it('a gate that loses its lease closes its clients with 1001; they get a new session on another gate', async () => {
    const { g1, g2 } = await cluster();
    const client = await TestClient.connect(gateUrl(g1));
    const welcome = await client.hello(testToken('fenced'));
    (g1.cluster.provider as MemoryClusterProvider).cluster.expireLease(g1.cluster.member.id);
    expect((await client.closed).code).toBe(1001);
    const again = await TestClient.connect(gateUrl(g2));
    const fresh = await again.hello(testToken('fenced'), resumeOf(welcome, 0));
    expect(fresh.resumed).toBe(false);
    expect(await again.call('player.echo', 'back')).toBe('back');
  });

  it('answers GC_ERR_SESSION_UNAVAILABLE and 1001 when the gate holding the session does not answer in time', async () => {
    const { g1, g2 } = await cluster({ handshakeTimeoutMs: 600 });
    const client = await TestClient.connect(gateUrl(g1));
    const welcome = await client.hello(testToken('stuck'));
    await g1.cluster.transport.close(); // g1 keeps its lease (and the session's entry) but its mesh is gone
    const again = await TestClient.connect(gateUrl(g2));
    again.send({ type: FrameType.Hello, hello: { versions: [1], token: testToken('stuck'), ...resumeOf(welcome, 0) } });
    expect((await again.closed).code).toBe(1001);
    expect(again.frames).toEqual([
      { type: FrameType.Error, requestId: 0, error: expect.objectContaining({ code: 'GC_ERR_SESSION_UNAVAILABLE' }) },
    ]);
  });
});
