// The role metrics move on real role clusters (memory provider, real mesh, real WebSocket gate on loopback): the
// gate counts frames, closes by code and resumes; a zone node shows its scenes, players and tick durations; a
// match node its queue sizes, matches, waits and timeouts; a gate with the world its logins and their failures.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { GameNode } from '../game-node.ts';
import { sleep, TestClient, testToken } from '../gate/testing-gate.ts';
import { metricFamilies, seriesValue } from '../observability/testing-metrics.ts';
import { Matchmaker } from '../roles/match/matchmaker.ts';
import { MatchTestClient, type MatchTestCluster, startMatchCluster } from '../roles/match/testing-match.ts';
import { postJson, startWorldCluster, type WorldTestCluster } from '../roles/world/testing-world.ts';
import { Scene } from '../roles/zone/scene.ts';
import type { SceneRules } from '../roles/zone/scene-types.ts';
import { startZoneCluster, type ZoneTestCluster } from '../roles/zone/testing-zone.ts';
import { nodeMetrics } from './node-metrics.ts';

const FIELD: SceneRules = { width: 100, height: 100, cellSize: 10, maxSpeed: 10 };

function scrape(node: GameNode): Promise<string> {
  return nodeMetrics(node).metrics();
}

/** Scrapes `node` until the scrape passes `done` (counters that move with the next event-loop turns). */
async function scrapeUntil(node: GameNode, done: (text: string) => boolean, what: string): Promise<string> {
  let text = await scrape(node);
  const until = Date.now() + 5_000;
  while (!done(text)) {
    if (Date.now() > until) throw new Error(`${what}: not seen within 5 s`);
    await sleep(20);
    text = await scrape(node);
  }
  return text;
}

describe('gate and zone metrics', () => {
  let zone: ZoneTestCluster;
  const gateNode = () => zone.node('front').node;
  const zoneNode = () => zone.node('zone').node;

  beforeAll(async () => {
    zone = await startZoneCluster(
      [
        { name: 'front', roles: ['gate', 'db'] },
        { name: 'zone', roles: ['zone'] },
      ],
      { types: { field: FIELD } },
    );
  });

  afterAll(async () => {
    await zone.stop();
  });

  it('shows an open scene with its player and its ticks on the zone node only', async () => {
    const client = await TestClient.connect(zone.url);
    await client.hello(testToken('z1'));
    await gateNode().system.ref(Scene, 'field-1').join('z1', { type: 'field' });
    const text = await scrapeUntil(
      zoneNode(),
      (t) => (seriesValue(t, 'gamecluster_zone_tick_duration_seconds_count') ?? 0) >= 3,
      'scene ticks',
    );
    expect(seriesValue(text, 'gamecluster_zone_scenes')).toBe(1);
    expect(seriesValue(text, 'gamecluster_zone_players')).toBe(1);
    expect(seriesValue(text, 'gamecluster_node_load')).toBeGreaterThanOrEqual(0);
    const front = await scrape(gateNode());
    expect(seriesValue(front, 'gamecluster_zone_scenes')).toBe(0);
    expect(seriesValue(front, 'gamecluster_zone_tick_duration_seconds_count')).toBe(0);

    await gateNode().system.ref(Scene, 'field-1').close('done');
    await scrapeUntil(zoneNode(), (t) => seriesValue(t, 'gamecluster_zone_scenes') === 0, 'the scene to close');
    client.close();
    await client.closed;
  });

  it('counts frames both ways, closes by code (unknown codes as other) and resumes', async () => {
    const before = await scrape(gateNode());
    const count = (text: string, name: string, labels?: Record<string, string>) => seriesValue(text, name, labels) ?? 0;

    const first = await TestClient.connect(zone.url);
    const welcome = await first.hello(testToken('g1'));
    expect(await first.call('player.ping').catch(() => 'answered')).toBeDefined();
    let text = await scrape(gateNode());
    expect(count(text, 'gamecluster_gate_connections')).toBe(1);
    expect(count(text, 'gamecluster_gate_sessions')).toBeGreaterThanOrEqual(1);
    expect(count(text, 'gamecluster_gate_frames_received_total')).toBe(
      count(before, 'gamecluster_gate_frames_received_total') + 2,
    );
    expect(count(text, 'gamecluster_gate_frames_sent_total')).toBe(
      count(before, 'gamecluster_gate_frames_sent_total') + 2,
    );

    first.close(); // 1000
    await first.closed;
    const second = await TestClient.connect(zone.url);
    const resumed = await second.hello(testToken('g1'), {
      resume: { sessionId: welcome.sessionId, resumeToken: welcome.resumeToken, lastSeq: 0 },
    });
    expect(resumed.resumed).toBe(true);
    second.ws.close(4321); // a code of the client's own
    await second.closed;
    const third = await TestClient.connect(zone.url);
    third.sendRaw('text is not the protocol'); // 4000
    await third.closed;

    text = await scrapeUntil(
      gateNode(),
      (t) =>
        count(t, 'gamecluster_gate_closes_total', { code: '4000' }) >
        count(before, 'gamecluster_gate_closes_total', { code: '4000' }),
      'the 4000 close',
    );
    for (const code of ['1000', 'other', '4000']) {
      expect(count(text, 'gamecluster_gate_closes_total', { code })).toBe(
        count(before, 'gamecluster_gate_closes_total', { code }) + 1,
      );
    }
    expect(seriesValue(text, 'gamecluster_gate_closes_total', { code: '4321' })).toBeUndefined();
    expect(count(text, 'gamecluster_gate_resumes_total')).toBe(count(before, 'gamecluster_gate_resumes_total') + 1);
    expect(count(text, 'gamecluster_gate_connections')).toBe(0);
    // The zone node has no gate: its gate metrics are there, at zero.
    const zoneText = await scrape(zoneNode());
    expect(metricFamilies(zoneText).get('gamecluster_gate_closes_total')).toBe('counter');
    expect(seriesValue(zoneText, 'gamecluster_gate_frames_received_total')).toBe(0);
  });
});

describe('match metrics', () => {
  let cluster: MatchTestCluster;
  const clients: MatchTestClient[] = [];
  const queue = (name: string) => cluster.node('front').node.system.ref(Matchmaker, name);
  const matchNode = () => cluster.node('match').node;

  beforeAll(async () => {
    cluster = await startMatchCluster({
      nodes: [
        { name: 'front', roles: ['gate', 'db'] },
        { name: 'match', roles: ['match'] },
        { name: 'zone', roles: ['zone'] },
      ],
      types: { 'duel-room': FIELD },
      queues: {
        duel: {
          teamSize: 1,
          ratingWindow: { initial: 50, growPerSecond: 0, max: 50 },
          timeoutMs: 60_000,
          roomType: 'duel-room',
        },
        hasty: {
          teamSize: 1,
          ratingWindow: { initial: 50, growPerSecond: 0, max: 50 },
          timeoutMs: 200,
          roomType: 'duel-room',
        },
      },
      match: { formIntervalMs: 50 },
    });
    for (const player of ['m1', 'm2', 'm3', 'm4']) clients.push(await MatchTestClient.connect(cluster.url, player));
  });

  afterAll(async () => {
    for (const client of clients) client.close();
    await cluster.stop();
  });

  it('shows waiting tickets and players per queue on the match node, then the match and the waits', async () => {
    await queue('duel').enqueue({ players: ['m1'], rating: 1000 });
    await queue('duel').enqueue({ players: ['m2'], rating: 5000 }); // outside m1's window: both wait
    let text = await scrape(matchNode());
    expect(seriesValue(text, 'gamecluster_match_queue_tickets', { queue: 'duel' })).toBe(2);
    expect(seriesValue(text, 'gamecluster_match_queue_players', { queue: 'duel' })).toBe(2);
    expect(seriesValue(await scrape(cluster.node('front').node), 'gamecluster_match_queue_tickets')).toBeUndefined();

    await queue('duel').enqueue({ players: ['m3'], rating: 1010 });
    await clients[0]!.next('match.found');
    text = await scrapeUntil(
      matchNode(),
      (t) => seriesValue(t, 'gamecluster_match_matches_total', { queue: 'duel' }) === 1,
      'the match',
    );
    expect(seriesValue(text, 'gamecluster_match_wait_seconds_count', { queue: 'duel' })).toBe(2);
    expect(seriesValue(text, 'gamecluster_match_wait_seconds_bucket', { queue: 'duel', le: '+Inf' })).toBe(2);
    expect(seriesValue(text, 'gamecluster_match_queue_tickets', { queue: 'duel' })).toBe(1);
    expect(seriesValue(text, 'gamecluster_match_queue_players', { queue: 'duel' })).toBe(1);
  });

  it('counts tickets dropped for waiting past the queue timeout', async () => {
    await queue('hasty').enqueue({ players: ['m4'], rating: 1000 });
    await clients[3]!.next('match.timeout');
    const text = await scrapeUntil(
      matchNode(),
      (t) => seriesValue(t, 'gamecluster_match_timeouts_total', { queue: 'hasty' }) === 1,
      'the timeout',
    );
    expect(seriesValue(text, 'gamecluster_match_queue_tickets', { queue: 'hasty' })).toBe(0);
    expect(seriesValue(text, 'gamecluster_match_matches_total', { queue: 'hasty' })).toBe(0);
  });
});

describe('login metrics', () => {
  let world: WorldTestCluster;

  beforeAll(async () => {
    world = await startWorldCluster({
      nodes: [
        { name: 'gate', roles: ['gate', 'db'] },
        { name: 'w1', roles: ['world'] },
      ],
    });
  });

  afterAll(async () => {
    await world.stop();
  });

  it('counts attempts per method and failures per method and reason on the gate node', async () => {
    const post = (path: string, body: unknown) => postJson(world.httpUrl, path, body);
    expect((await post('/auth/register', { username: 'metric_user', password: 'correct horse' })).status).toBe(200);
    expect((await post('/auth/register', { username: 'metric_user', password: 'another one!' })).status).toBe(409);
    expect((await post('/auth/login', { username: 'metric_user', password: 'wrong password' })).status).toBe(401);
    expect((await post('/auth/login', { username: 'metric_user', password: 'correct horse' })).status).toBe(200);
    expect((await post('/auth/device', { deviceId: 'x' })).status).toBe(400);

    const text = await scrape(world.gateNode);
    const attempts = (method: string) => seriesValue(text, 'gamecluster_login_attempts_total', { method });
    const failures = (method: string, reason: string) =>
      seriesValue(text, 'gamecluster_login_failures_total', { method, reason });
    expect([attempts('register'), attempts('login'), attempts('device')]).toEqual([2, 2, 1]);
    expect(failures('register', 'username_taken')).toBe(1);
    expect(failures('login', 'bad_credentials')).toBe(1);
    expect(failures('device', 'invalid_request')).toBe(1);
    expect(seriesValue(text, 'gamecluster_login_failures_total')).toBe(3);
    const worldNode = await scrape(world.node('w1'));
    expect(seriesValue(worldNode, 'gamecluster_login_attempts_total')).toBe(0);
  });
});
