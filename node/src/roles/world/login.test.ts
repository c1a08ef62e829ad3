// The login routes over a real gate: device logins keep their player, username accounts register and log in with
// scrypt-hashed passwords, bad requests are refused with their status, an account locks after repeated failures,
// an address is limited by the gate, the tokens log into the gate, and a cluster without world nodes answers 503.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GameClient } from '../../client/game-client.ts';
import { nextTestHost, sleep, TEST_CLUSTER_KEY } from '../../gate/testing-gate.ts';
import { verifyToken } from '../../gate/token.ts';
import type { AccountDocument } from './account.ts';
import { postJson, startWorldCluster, type WorldTestCluster } from './testing-world.ts';

let cluster: WorldTestCluster;
const clients: GameClient[] = [];

beforeAll(async () => {
  cluster = await startWorldCluster({
    gate: { attemptsPerIpPerMinute: 20 },
    world: { maxLoginFailures: 3, lockoutBaseMs: 1_000, lockoutMaxMs: 4_000, tokenTtlMs: 120_000 },
  });
});

afterAll(async () => {
  for (const client of clients) client.close();
  await cluster.stop();
});

/** Each test posts from its own loopback address, so the per-IP limit of one does not reach another. */
function poster(): (path: string, body: unknown, method?: string) => ReturnType<typeof postJson> {
  const localAddress = nextTestHost();
  return (path, body, method) => postJson(cluster.httpUrl, path, body, { localAddress, method });
}

describe('POST /auth/device', () => {
  it('creates a player once and keeps it for the device; the token verifies', async () => {
    const post = poster();
    const first = await post('/auth/device', { deviceId: 'device-aaaa-0001' });
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ created: true, playerId: expect.stringMatching(/^\d+$/) });
    const again = await post('/auth/device', { deviceId: 'device-aaaa-0001' });
    expect(again.json).toMatchObject({ created: false, playerId: first.json.playerId });
    const other = await post('/auth/device', { deviceId: 'device-aaaa-0002' });
    expect(other.json.playerId).not.toBe(first.json.playerId);

    const claims = verifyToken(TEST_CLUSTER_KEY, first.json.token, Date.now());
    expect(claims.sub).toBe(first.json.playerId);
    expect(claims.exp - claims.iat).toBe(120);
    expect(Date.parse(first.json.expiresAt as string)).toBe(claims.exp * 1000);
  });

  it('refuses malformed requests with 400, and GET with 405', async () => {
    const post = poster();
    const bodies: unknown[] = [
      'not json',
      'null',
      [],
      {},
      { deviceId: 7 },
      { deviceId: 'has space!' },
      { deviceId: 'x' },
    ];
    for (const body of bodies) {
      const answer = await post('/auth/device', body);
      expect(answer.status).toBe(400);
    }
    expect((await post('/auth/device', { deviceId: 'a'.repeat(129) })).json.code).toBe('GC_ERR_INVALID_LOGIN_REQUEST');
    expect((await post('/auth/device', '', 'GET')).status).toBe(405);
  });
});

describe('POST /auth/register and /auth/login', () => {
  it('registers, refuses a taken name (any case), logs in, refuses a wrong password', async () => {
    const post = poster();
    const registered = await post('/auth/register', { username: 'Alice_1', password: 'correct horse' });
    expect(registered.status).toBe(200);
    expect(registered.json.created).toBe(true);

    const taken = await post('/auth/register', { username: 'alice_1', password: 'another password' });
    expect(taken).toMatchObject({ status: 409, json: { code: 'GC_ERR_USERNAME_TAKEN' } });

    const login = await post('/auth/login', { username: 'ALICE_1', password: 'correct horse' });
    expect(login.status).toBe(200);
    expect(login.json).toMatchObject({ playerId: registered.json.playerId, created: false });
    expect(verifyToken(TEST_CLUSTER_KEY, login.json.token, Date.now()).sub).toBe(registered.json.playerId);

    const wrong = await post('/auth/login', { username: 'alice_1', password: 'wrong horse' });
    expect(wrong).toMatchObject({ status: 401, json: { code: 'GC_ERR_LOGIN_FAILED' } });
    const unknown = await post('/auth/login', { username: 'nobody_here', password: 'whatever123' });
    expect(unknown).toMatchObject({ status: 401, json: { code: 'GC_ERR_LOGIN_FAILED' } });
  });

  it('stores a salted scrypt hash, never the password', async () => {
    const post = poster();
    await post('/auth/register', { username: 'salty1', password: 'same password' });
    await post('/auth/register', { username: 'salty2', password: 'same password' });
    await sleep(200); // write-behind flushes within 50 ms
    // A load with a far higher epoch reads what the store holds (it fences the live accounts, which this test no
    // longer uses).
    const loaded = await cluster.store.load([
      { kind: 'Account', id: 'user:salty1', epoch: Number.MAX_SAFE_INTEGER },
      { kind: 'Account', id: 'user:salty2', epoch: Number.MAX_SAFE_INTEGER },
    ]);
    const hashes = loaded.map((result) => {
      if (!result.ok) throw new Error('the store refused the load');
      return (result.doc as AccountDocument).password!;
    });
    for (const hash of hashes) {
      expect(hash).toMatchObject({ algorithm: 'scrypt', N: 1024, r: 8, p: 1 });
      expect(Buffer.from(hash.salt, 'base64')).toHaveLength(16);
      expect(Buffer.from(hash.hash, 'base64')).toHaveLength(32);
      expect(JSON.stringify(hash)).not.toContain('same password');
    }
    expect(hashes[0]!.salt).not.toBe(hashes[1]!.salt);
    expect(hashes[0]!.hash).not.toBe(hashes[1]!.hash);
  });

  it('refuses bad usernames and passwords with 400', async () => {
    const post = poster();
    const bodies = [
      { username: 'ab', password: 'long enough' },
      { username: 'has space', password: 'long enough' },
      { username: 'fine_name', password: 'short' },
      { username: 'fine_name', password: 'x'.repeat(129) },
      { username: 'fine_name' },
      { password: 'long enough' },
    ];
    for (const body of bodies) {
      expect(await post('/auth/register', body)).toMatchObject({
        status: 400,
        json: { code: 'GC_ERR_INVALID_LOGIN_REQUEST' },
      });
      expect((await post('/auth/login', body)).status).toBe(400);
    }
  });

  it('locks an account after repeated failures, says for how long, and unlocks after it', async () => {
    const post = poster();
    await post('/auth/register', { username: 'lockme', password: 'the password' });
    const failures = [];
    for (let i = 0; i < 3; i++)
      failures.push(await post('/auth/login', { username: 'lockme', password: 'bad password' }));
    expect(failures.map((f) => f.status)).toEqual([401, 401, 401]);
    expect(failures[2]!.json.error).toMatch(/locked for 1 s/);

    // While locked even the right password is refused, with the time left.
    const locked = await post('/auth/login', { username: 'lockme', password: 'the password' });
    expect(locked.status).toBe(429);
    expect(locked.json.code).toBe('GC_ERR_ACCOUNT_LOCKED');
    expect(locked.json.retryAfterMs).toBeGreaterThan(0);
    expect(locked.json.retryAfterMs).toBeLessThanOrEqual(1_000);
    expect(locked.headers['retry-after']).toBe('1');

    await sleep((locked.json.retryAfterMs as number) + 50);
    // One more failure after the lock: twice as long.
    const again = await post('/auth/login', { username: 'lockme', password: 'bad password' });
    expect(again.json.error).toMatch(/locked for 2 s/);
    await sleep(2_050);
    const ok = await post('/auth/login', { username: 'lockme', password: 'the password' });
    expect(ok.status).toBe(200);
    // A success clears the failures: one wrong password no longer locks.
    expect((await post('/auth/login', { username: 'lockme', password: 'bad password' })).json.error).not.toMatch(
      /locked/,
    );
  });

  it('limits attempts per address at the gate (429)', async () => {
    const post = poster();
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await post('/auth/login', { username: 'x' })).status);
    expect(statuses.slice(0, 20).every((s) => s === 400)).toBe(true);
    expect(statuses[20]).toBe(429);
    // Another address is not affected.
    expect((await poster()('/auth/login', { username: 'x' })).status).toBe(400);
  });
});

describe('tokens', () => {
  it('log into the gate as the player; a registered player is named after its username', async () => {
    const post = poster();
    const registered = await post('/auth/register', { username: 'Named.Player', password: 'password 123' });
    const client = new GameClient({ reconnect: false });
    clients.push(client);
    const session = await client.connect(cluster.wsUrl, { token: registered.json.token as string });
    expect(session.playerId).toBe(registered.json.playerId);
    let name = '';
    const until = Date.now() + 5_000;
    while (name !== 'Named.Player' && Date.now() < until) {
      name = (await client.request<{ name: string }>('player.profile')).name;
      if (name !== 'Named.Player') await sleep(20);
    }
    expect(name).toBe('Named.Player');
  });
});

describe('without a world node', () => {
  it('answers 503 with the reason', async () => {
    const lonely = await startWorldCluster({
      nodes: [
        { name: 'gate-only', roles: ['gate'] },
        { name: 'db-only', roles: ['db'] },
      ],
    });
    try {
      const answer = await postJson(lonely.httpUrl, '/auth/device', { deviceId: 'device-bbbb-0001' });
      expect(answer.status).toBe(503);
      expect(answer.json.code).toBe('GC_ERR_NO_ELIGIBLE_MEMBER');
      expect(answer.headers['retry-after']).toBe('1');
    } finally {
      await lonely.stop();
    }
  });
});
