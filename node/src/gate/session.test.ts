// The Session actor on one ActorSystem without a cluster, with a recording connection instead of a socket:
// numbering, buffering and replay, grace and stray linger, takeover, bindings and kicks.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { Actor } from '../actor/actor.ts';
import { ActorSystem } from '../actor/actor-system.ts';
import { decodeServerFrame } from './protocol/codec.ts';
import { SESSION_KIND_OPTIONS, Session } from './session.ts';
import { attachSession, type ResumeClaim } from './session-attach.ts';
import type { SessionConnection } from './session-connection.ts';
import type { SessionOptions } from './session-options.ts';
import { SessionPushService } from './session-push-service.ts';
import type { SessionRecord } from './session-record.ts';
import { SessionRegistry } from './session-registry.ts';
import { sleep, waitFor } from './testing-gate.ts';

class Scene extends Actor {}

let nextId = 1;

class RecordingConnection implements SessionConnection {
  readonly id = nextId++;
  waitingForSession = true;
  open = true;
  record: SessionRecord | null = null;
  welcomed: { resumed: boolean; lastSeq: number } | null = null;
  readonly pushes: { seq: number; event: string; data: unknown }[] = [];
  closedWith: string | null = null;

  welcome(record: SessionRecord, resumed: boolean, lastSeq: number, frames: readonly Uint8Array[]): boolean {
    this.waitingForSession = false;
    if (!this.open) return false;
    this.record = record;
    this.welcomed = { resumed, lastSeq };
    for (const frame of frames) this.sendPush(frame);
    return true;
  }
  sendPush(frame: Uint8Array): void {
    const decoded = decodeServerFrame(frame);
    if (decoded.type === 19) this.pushes.push({ seq: decoded.seq, event: decoded.event, data: decoded.data });
  }
  takenOver(): void {
    this.closedWith = 'taken over';
  }
  kick(code: string, reason: string): void {
    this.closedWith = `kick ${code} ${reason}`;
  }
  sessionEnded(): void {
    this.closedWith = 'ended';
  }
}

let system: ActorSystem;
let push: SessionPushService;

function setUp(options: SessionOptions = {}): void {
  system = new ActorSystem({ onError: () => {} });
  SessionRegistry.install(system, options);
  system.register(Session, SESSION_KIND_OPTIONS);
  system.register(Scene);
  push = new SessionPushService(system);
}

beforeEach(() => setUp());

afterEach(async () => {
  await system.stop();
});

async function connect(playerId: string, resume: ResumeClaim = { sessionId: null, lastSeq: 0 }) {
  const connection = new RecordingConnection();
  const deps = {
    system,
    sessionKind: system.kind('Session')!,
    registry: SessionRegistry.of(system),
    directory: undefined,
  };
  await attachSession(deps, connection, playerId, resume, performance.now() + 2_000);
  return connection;
}

function session(playerId: string) {
  return system.ref(Session, playerId);
}

describe('Session', () => {
  it('numbers pushes from 1 and sends them to its connection', async () => {
    const c = await connect('p');
    expect(c.welcomed).toEqual({ resumed: false, lastSeq: 0 });
    push.push(['p'], 'a', 1);
    push.push(['p'], 'b', 2);
    await waitFor(() => c.pushes.length === 2);
    expect(c.pushes).toEqual([
      { seq: 1, event: 'a', data: 1 },
      { seq: 2, event: 'b', data: 2 },
    ]);
  });

  it('keeps pushes while disconnected and replays those after lastSeq to a resuming connection', async () => {
    const c = await connect('p');
    push.push(['p'], 'a', 1);
    await waitFor(() => c.pushes.length === 1);
    session('p').tell.detached(c.id);
    push.push(['p'], 'b', 2);
    push.push(['p'], 'c', 3);
    const sessionId = c.record!.sessionId;
    const again = await connect('p', { sessionId, lastSeq: 1 });
    expect(again.welcomed).toEqual({ resumed: true, lastSeq: 1 });
    expect(again.pushes.map((p) => p.seq)).toEqual([2, 3]);
    expect(again.record!.sessionId).toBe(sessionId);
  });

  it('takes over from a connection that is still open (it is closed as taken over)', async () => {
    const first = await connect('p');
    const second = await connect('p', { sessionId: first.record!.sessionId, lastSeq: 0 });
    expect(first.closedWith).toBe('taken over');
    expect(second.welcomed?.resumed).toBe(true);
    push.push(['p'], 'x', 0);
    await waitFor(() => second.pushes.length === 1);
    expect(first.pushes).toEqual([]);
  });

  it('ends after the grace window once disconnected', async () => {
    setUp({ sessionGraceMs: 50 });
    const c = await connect('p');
    session('p').tell.detached(c.id);
    await waitFor(() => system.activationCount(Session) === 0, 2_000);
    const again = await connect('p', { sessionId: c.record!.sessionId, lastSeq: 0 });
    expect(again.welcomed?.resumed).toBe(false);
  });

  it('a connection gone before WELCOME leaves the session waiting out its grace window', async () => {
    setUp({ sessionGraceMs: 50 });
    const c = new RecordingConnection();
    c.open = false;
    const deps = {
      system,
      sessionKind: system.kind('Session')!,
      registry: SessionRegistry.of(system),
      directory: undefined,
    };
    await attachSession(deps, c, 'p', { sessionId: null, lastSeq: 0 }, performance.now() + 2_000);
    expect(SessionRegistry.of(system).live.size).toBe(1);
    await waitFor(() => SessionRegistry.of(system).live.size === 0, 2_000);
  });

  it('keeps pushes to an offline player for strayLingerMs, delivered to a login within it', async () => {
    setUp({ strayLingerMs: 200 });
    push.push(['p'], 'early', 1);
    await sleep(20);
    const c = await connect('p');
    expect(c.pushes).toEqual([{ seq: 1, event: 'early', data: 1 }]);
    push.push(['gone'], 'lost', 1);
    await waitFor(() => system.activationCount(Session) === 1, 2_000);
  });

  it('binds and unbinds, validating names, kinds, ids and the limit', async () => {
    setUp({ maxBindings: 1 });
    await connect('p');
    expect(await session('p').bind('scene', 'Scene', 's1')).toBe(true);
    await expect(session('p').bind('player', 'Scene', 's1')).rejects.toMatchObject({ code: 'GC_ERR_INVALID_BINDING' });
    await expect(session('p').bind('Bad Name', 'Scene', 's1')).rejects.toMatchObject({
      code: 'GC_ERR_INVALID_BINDING',
    });
    await expect(session('p').bind('other', 'Nope', 's1')).rejects.toMatchObject({ code: 'GC_ERR_INVALID_BINDING' });
    await expect(session('p').bind('other', 'Scene', '')).rejects.toMatchObject({ code: 'GC_ERR_INVALID_BINDING' });
    await expect(session('p').bind('other', 'Scene', 's2')).rejects.toThrow(/maxBindings/);
    expect((await session('p').describe()).bindings).toEqual({ scene: { kind: 'Scene', id: 's1' } });
    expect(await session('p').unbind('scene')).toBe(true);
    expect(await session('p').unbind('scene')).toBe(false);
  });

  it('kick closes the connection with the code and reason and ends the session', async () => {
    const c = await connect('p');
    session('p').tell.kick('BANNED', 'cheating');
    await waitFor(() => c.closedWith !== null);
    expect(c.closedWith).toBe('kick BANNED cheating');
    await waitFor(() => system.activationCount(Session) === 0);
  });

  it('reports a push whose data cannot be encoded, without using a seq', async () => {
    const errors: string[] = [];
    system = new ActorSystem({ onError: (_e, where) => errors.push(where) });
    SessionRegistry.install(system);
    system.register(Session, SESSION_KIND_OPTIONS);
    push = new SessionPushService(system);
    const c = await connect('p');
    push.push(['p'], 'bad', () => 1);
    push.push(['p'], 'good', 2);
    await waitFor(() => c.pushes.length === 1);
    expect(c.pushes[0]).toMatchObject({ seq: 1, event: 'good' });
    expect(errors).toEqual(['push bad to player p']);
  });

  it('refuses event names clients cannot receive', () => {
    expect(() => push.push(['p'], 'no spaces', 1)).toThrow(/push event/);
    expect(() => push.push(['p'], '', 1)).toThrow(/push event/);
  });
});
