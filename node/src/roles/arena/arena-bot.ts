// The `arena` bot scenario: log in with a device id, enter the world, walk to the nearest visible coin and collect
// it, chat in a lobby channel, queue for a 2v2 match, play the room, check the rank, and go round again. Every
// delta is checked against the area-of-interest rule (an entity outside the bot's neighbourhood is a violation),
// and the run's counters say how much gold the bot collected and how many matches it finished.

import { request } from 'node:http';
import { sleep } from '../../bots/abortable-sleep.ts';
import type { Scenario, ScenarioContext, ScenarioLogin } from '../../bots/scenario.ts';
import type { GameClient } from '../../client/index.ts';
import type { JoinInfo } from '../zone/index.ts';
import { COLLECT_RADIUS, LOBBY_CHANNELS, spread } from './arena-config.ts';
import type { CollectResult } from './arena-player.ts';

/** Moves sent per second while walking. */
const MOVES_PER_SECOND = 5;
/** Time in the world before queueing for a match. */
const WORLD_MS = 6_000;

type Delta = {
  s: string;
  t: number;
  self: [number, number];
  enter: [number, string, number, number, unknown][];
  move: [number, number, number][];
  leave: number[];
};

/** What the bot sees of its current scene. */
class View {
  sceneId = '';
  info: JoinInfo | undefined;
  x = 0;
  y = 0;
  readonly entities = new Map<number, { kind: string; x: number; y: number }>();

  reset(info: JoinInfo): void {
    this.sceneId = info.sceneId;
    this.info = info;
    this.x = info.x;
    this.y = info.y;
    this.entities.clear();
  }

  /** Applies a delta; returns how many entities in it were outside the area of interest. */
  apply(delta: Delta): number {
    if (delta.s !== this.sceneId || this.info === undefined) return 0;
    [this.x, this.y] = delta.self;
    const { cellSize, viewCells } = this.info;
    const cx = Math.floor(this.x / cellSize);
    const cy = Math.floor(this.y / cellSize);
    const outside = (x: number, y: number) =>
      Math.abs(Math.floor(x / cellSize) - cx) > viewCells || Math.abs(Math.floor(y / cellSize) - cy) > viewCells;
    let violations = 0;
    for (const id of delta.leave) this.entities.delete(id);
    for (const [id, kind, x, y] of delta.enter) {
      if (outside(x, y)) violations++;
      this.entities.set(id, { kind, x, y });
    }
    for (const [id, x, y] of delta.move) {
      if (outside(x, y)) violations++;
      const entity = this.entities.get(id);
      if (entity !== undefined) {
        entity.x = x;
        entity.y = y;
      }
    }
    return violations;
  }

  nearestCoin(): { id: number; x: number; y: number; distance: number } | undefined {
    let best: { id: number; x: number; y: number; distance: number } | undefined;
    for (const [id, entity] of this.entities) {
      if (entity.kind !== 'coin') continue;
      const distance = Math.hypot(entity.x - this.x, entity.y - this.y);
      if (best === undefined || distance < best.distance) best = { id, x: entity.x, y: entity.y, distance };
    }
    return best;
  }
}

/** Logs in through the world's device login (`POST /auth/device`), on a fresh connection (no idle keep-alive). */
export function deviceLogin(httpUrl: string, deviceId: string): Promise<ScenarioLogin> {
  const body = JSON.stringify({ deviceId });
  return new Promise((resolve, reject) => {
    const req = request(
      `${httpUrl}/auth/device`,
      { method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': body.length } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () => {
          if (res.statusCode !== 200) {
            const error = new Error(`device login answered ${res.statusCode}: ${text.slice(0, 200)}`);
            reject(Object.assign(error, { code: 'BOT_LOGIN_FAILED' }));
            return;
          }
          const answer = JSON.parse(text) as { token: string; playerId: string };
          resolve({ token: answer.token, playerId: answer.playerId });
        });
      },
    );
    req.on('error', (error) => reject(Object.assign(error, { code: 'BOT_LOGIN_FAILED' })));
    req.end(body);
  });
}

/** Hooks for a harness that checks a run (the arena e2e suite): which player finished which match. */
export interface ArenaRunObserver {
  matchFinished(matchId: string, playerId: string): void;
}

export interface ArenaBotOptions {
  /** Time in the world before queueing for a match (default: 6 s). */
  readonly worldMs?: number;
}

class ArenaBot {
  private readonly ctx: ScenarioContext;
  private readonly observer: ArenaRunObserver | undefined;
  private readonly worldMs: number;
  private readonly client: GameClient;
  private readonly view = new View();
  private roomId: string | null = null;
  /** Set by the room's scene.closed push. */
  private roomClosed = false;

  constructor(ctx: ScenarioContext, observer: ArenaRunObserver | undefined, options: ArenaBotOptions) {
    this.ctx = ctx;
    this.observer = observer;
    this.worldMs = options.worldMs ?? WORLD_MS;
    this.client = ctx.client;
    this.client.on<Delta>('scene.delta', (delta) => {
      const violations = this.view.apply(delta);
      if (violations > 0) ctx.count('aoiViolations', violations);
    });
    this.client.on<{ s: string }>('scene.resumed', (event) => {
      if (event.s === this.view.sceneId) this.view.entities.clear();
      ctx.count('sceneResumes');
    });
    this.client.on<{ s: string; result: { matchId?: string } | null }>('scene.closed', (event) => {
      if (event.s !== this.roomId) return;
      this.roomClosed = true;
      if (event.result === null) return;
      ctx.count('matchesPlayed');
      this.observer?.matchFinished(String(event.result.matchId ?? event.s), ctx.playerId);
    });
    this.client.on<{ roomId: string }>('match.found', (event) => {
      this.roomId = event.roomId;
      this.roomClosed = false;
    });
    this.client.on('match.timeout', () => ctx.count('queueTimeouts'));
    this.client.on('chat.message', () => ctx.count('chatReceived'));
  }

  async run(): Promise<void> {
    const { signal } = this.ctx;
    const channel = `lobby-${spread(this.ctx.playerId, LOBBY_CHANNELS)}`;
    await this.ctx.timedRequest('player.chatJoin', channel);
    while (!signal.aborted && this.client.state !== 'closed') {
      if (!(await this.enter(this.ctx.timedRequest<JoinInfo>('player.enterWorld')))) {
        await sleep(1_000, signal);
        continue;
      }
      await this.ctx.timedRequest('player.chatPost', channel, `hello from ${this.ctx.playerId}`);
      // People do not queue in lockstep: half to one and a half times worldMs in the world first.
      await this.walk(Date.now() + this.worldMs * (0.5 + Math.random()), () => false);
      if (signal.aborted) return;
      this.roomId = null;
      if ((await this.ctx.timedRequest('player.queueMatch')) === undefined) continue;
      await this.walk(Date.now() + 70_000, () => this.roomId !== null);
      if (this.roomId === null) continue;
      const room = this.roomId;
      if (!(await this.enter(this.ctx.timedRequest<JoinInfo>('player.enterRoom', room)))) continue;
      await this.walk(Date.now() + 90_000, () => this.roomClosed);
      await this.ctx.timedRequest('player.leaderboardRank', 'rating');
    }
  }

  private async enter(joining: Promise<JoinInfo | undefined>): Promise<boolean> {
    const info = await joining;
    if (info === undefined) return false;
    this.view.reset(info);
    return true;
  }

  /** Walks towards coins and collects them until `deadline` or `done()`. */
  private async walk(deadline: number, done: () => boolean): Promise<void> {
    const { signal } = this.ctx;
    const stepMs = 1000 / MOVES_PER_SECOND;
    let wander = { x: this.view.x, y: this.view.y };
    while (!signal.aborted && !done() && Date.now() < deadline && this.client.state !== 'closed') {
      const info = this.view.info!;
      const coin = this.view.nearestCoin();
      if (coin !== undefined && coin.distance <= COLLECT_RADIUS * 0.8) {
        this.view.entities.delete(coin.id);
        const result = await this.ctx.timedRequest<CollectResult>('player.collect', coin.id);
        if (result !== undefined && result.amount > 0) this.ctx.count('goldCollected', result.amount);
        continue;
      }
      let target = coin ?? wander;
      if (coin === undefined && Math.hypot(wander.x - this.view.x, wander.y - this.view.y) < 1) {
        wander = { x: Math.random() * info.width, y: Math.random() * info.height };
        target = wander;
      }
      // 90% of the speed limit per step: the server clamps anything faster.
      const reach = ((info.maxSpeed * stepMs) / 1000) * 0.9;
      const dx = target.x - this.view.x;
      const dy = target.y - this.view.y;
      const distance = Math.hypot(dx, dy);
      const scale = distance <= reach ? 1 : reach / distance;
      const x = this.view.x + dx * scale;
      const y = this.view.y + dy * scale;
      try {
        this.client.notify('scene.move', x, y);
      } catch (error) {
        this.ctx.error((error as { code?: string }).code ?? 'MOVE_FAILED');
      }
      await sleep(stepMs, signal);
    }
  }
}

export function createArenaScenario(observer?: ArenaRunObserver, options: ArenaBotOptions = {}): Scenario {
  return {
    name: 'arena',
    description: 'arena demo: device login, walk and collect coins, chat, 2v2 match, leaderboard',
    login: (httpUrl, botName) => deviceLogin(httpUrl, botName),
    async run(ctx) {
      await new ArenaBot(ctx, observer, options).run();
    },
  };
}

export const arenaScenario: Scenario = createArenaScenario();
