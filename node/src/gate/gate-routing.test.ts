// Client requests and pushes across nodes: a gate node and a world node (which hosts the Player and Room actors)
// over real gRPC. Routes reach only allow-listed methods of actors bound to the caller's own session; pushes from
// actors on the non-gate node reach the client; kicks end the session.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FrameType } from './protocol/protocol-wire.ts';
import { gateUrl, startTestNodes, stopTestNodes, TestClient, type TestNode, testToken } from './testing-gate.ts';

let nodes: TestNode[] = [];
let url = '';

beforeAll(async () => {
  nodes = await startTestNodes([
    { name: 'world', roles: ['world'] },
    { name: 'gate', roles: ['gate'] },
  ]);
  url = gateUrl(nodes[1]!);
});

afterAll(async () => {
  await stopTestNodes(nodes);
});

async function login(playerId: string): Promise<TestClient> {
  const client = await TestClient.connect(url);
  await client.hello(testToken(playerId));
  return client;
}

function codeOf(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => 'resolved',
    (error: { code?: string }) => error.code ?? 'no code',
  );
}

describe('gate routing', () => {
  it('routes player.<method> to the session’s own Player actor on the world node', async () => {
    const client = await login('p1');
    expect(await client.call('player.hello', 'gate')).toBe('hello gate, from p1');
    expect(await client.call('player.echo', { a: [1, 'two', null] })).toEqual({ a: [1, 'two', null] });
    expect(nodes[0]!.cluster.system.activationCount()).toBeGreaterThan(0);
    client.close();
  });

  it('refuses methods that are not on clientMethods with GC_ERR_NOT_ALLOWED, and keeps the connection', async () => {
    const client = await login('p2');
    expect(await codeOf(client.call('player.secret'))).toBe('GC_ERR_NOT_ALLOWED');
    expect(await codeOf(client.call('player.onActivate'))).toBe('GC_ERR_NOT_ALLOWED');
    expect(await codeOf(client.call('player.nothing'))).toBe('GC_ERR_NOT_ALLOWED');
    expect(await client.call('player.echo', 1)).toBe(1);
    client.close();
  });

  it('refuses unbound bindings with GC_ERR_UNKNOWN_ROUTE; a binding made by server code routes with the caller first', async () => {
    const alice = await login('alice');
    const bob = await login('bob');
    expect(await codeOf(alice.call('room.say', 'hi'))).toBe('GC_ERR_UNKNOWN_ROUTE');
    expect(await codeOf(alice.call('Player.hello', 'x'))).toBe('GC_ERR_UNKNOWN_ROUTE');
    expect(await codeOf(alice.call('nodot'))).toBe('GC_ERR_UNKNOWN_ROUTE');
    expect(await alice.call('player.joinRoom', 'r1')).toBe(true);
    expect(await alice.call('room.say', 'hi')).toEqual({ room: 'r1', from: 'alice', text: 'hi' });
    expect(await codeOf(alice.call('room.hidden'))).toBe('GC_ERR_NOT_ALLOWED');
    // Bob's session has no `room` binding: alice's binding is hers alone.
    expect(await codeOf(bob.call('room.say', 'hi'))).toBe('GC_ERR_UNKNOWN_ROUTE');
    alice.close();
    bob.close();
  });

  it('cannot reach another player’s actor: `player` is always the caller’s own', async () => {
    const mallory = await login('mallory');
    expect(await mallory.call('player.hello', 'x')).toBe('hello x, from mallory');
    // The player id a client might try to smuggle in is just an argument.
    expect(await mallory.call('player.echo', 'victim')).toBe('victim');
    expect(await codeOf(mallory.call('player.victim.hello'))).toBe('GC_ERR_NOT_ALLOWED');
    mallory.close();
  });

  it('returns handler failures as ERROR frames with the typed code', async () => {
    const client = await login('p3');
    const error = await client.call('player.boom').catch((e: Error & { code: string }) => e);
    expect(error).toMatchObject({ code: 'GC_ERR_HANDLER' });
    expect((error as Error).message).toMatch(/kaboom/);
    client.close();
  });

  it('delivers NOTIFY as a tell (in order with requests); an unknown route answers ERROR with request id 0', async () => {
    const client = await login('p4');
    client.send({ type: FrameType.Notify, route: 'player.note', args: ['n1'] });
    client.send({ type: FrameType.Notify, route: 'player.note', args: ['n2'] });
    expect(await client.call('player.notesSoFar')).toEqual(['n1', 'n2']);
    client.send({ type: FrameType.Notify, route: 'room.say', args: ['x'] });
    const error = await client.next((f) => f.type === FrameType.Error);
    expect(error).toMatchObject({ requestId: 0, error: { code: 'GC_ERR_UNKNOWN_ROUTE' } });
    client.close();
  });

  it('delivers pushes from an actor on a non-gate node, numbered from 1, to one player and to many', async () => {
    const a = await login('pa');
    const b = await login('pb');
    await a.call('player.pushMe', 'note', { n: 1 });
    expect(await a.next((f) => f.type === FrameType.Push)).toEqual({
      type: FrameType.Push,
      seq: 1,
      event: 'note',
      data: { n: 1 },
    });
    await a.call('player.pushTo', ['pa', 'pb', 'offline-player'], 'broadcast', 'hey');
    expect(await a.next((f) => f.type === FrameType.Push)).toMatchObject({ seq: 2, event: 'broadcast', data: 'hey' });
    expect(await b.next((f) => f.type === FrameType.Push)).toMatchObject({ seq: 1, event: 'broadcast', data: 'hey' });
    a.close();
    b.close();
  });

  it('kick sends KICK then closes with 4012', async () => {
    const client = await login('p5');
    await client.call('player.kickMe', 'cheating').catch(() => undefined);
    const kick = await client.next((f) => f.type === FrameType.Kick);
    expect(kick).toEqual({ type: FrameType.Kick, kick: { code: 'TEST_KICK', reason: 'cheating' } });
    expect((await client.closed).code).toBe(4012);
  });
});
