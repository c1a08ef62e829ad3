// A 2v2 match room: the players the matchmaker put in it join within the join window, the match plays for a
// fixed time, every coin a player collects scores for its team, and at the end each player's result goes to its
// Player actor (rating, wins, leaderboards) and the room closes with the result pushed to everyone in it.
import type { SceneHandle, SceneRules } from '../zone/index.ts';
import { ROOM } from './arena-config.ts';
import { ArenaPlayer } from './arena-player.ts';
import { collectCoin, topUpCoins } from './coins.ts';

/** What the room keeps in `scene.data` (handed over if the room migrates). */
interface RoomData {
  phase: 'waiting' | 'playing' | 'ended';
  /** Wall-clock ms: the match starts by then even if someone is missing. */
  startBy: number;
  endAt: number;
  teams: string[][];
  scores: number[];
  matchId: string;
}

export interface RoomResult {
  readonly matchId: string;
  readonly teams: string[][];
  readonly scores: number[];
  /** Index of the winning team, or -1 for a draw. */
  readonly winner: number;
}

function room(scene: SceneHandle): RoomData {
  return scene.data as unknown as RoomData;
}

function teamOf(data: RoomData, playerId: string): number {
  return data.teams.findIndex((team) => team.includes(playerId));
}

/** How long rooms wait for their players and then play (the demo's defaults are in ROOM). */
export interface RoomTiming {
  readonly playMs: number;
  readonly joinWindowMs: number;
}

function start(scene: SceneHandle, data: RoomData, now: number, timing: RoomTiming): void {
  data.phase = 'playing';
  data.endAt = now + timing.playMs;
  scene.emit('room.started', { endAt: data.endAt, teams: data.teams });
}

function finish(scene: SceneHandle, data: RoomData): void {
  data.phase = 'ended';
  const [a = 0, b = 0] = data.scores;
  const winner = a === b ? -1 : a > b ? 0 : 1;
  const result: RoomResult = { matchId: data.matchId, teams: data.teams, scores: data.scores, winner };
  data.teams.forEach((team, index) => {
    for (const playerId of team) {
      // A tell: the room never waits on a player (a player may be waiting on the room).
      scene.ctx.ref(ArenaPlayer, playerId).tell.recordMatch({ won: winner === index, score: data.scores[index] ?? 0 });
    }
  });
  scene.close('match over', result);
}

export function arenaRoomRules(timing: RoomTiming = ROOM): SceneRules {
  return {
    width: ROOM.width,
    height: ROOM.height,
    cellSize: ROOM.cellSize,
    viewCells: ROOM.viewCells,
    maxSpeed: ROOM.maxSpeed,
    onOpen(scene) {
      const params = scene.spec.params ?? {};
      const teams = Array.isArray(params.teams) ? (params.teams as string[][]) : [[...(scene.spec.players ?? [])]];
      const data: RoomData = {
        phase: 'waiting',
        startBy: Date.now() + timing.joinWindowMs,
        endAt: 0,
        teams,
        scores: teams.map(() => 0),
        matchId: typeof params.matchId === 'string' ? params.matchId : scene.id,
      };
      Object.assign(scene.data, data);
      topUpCoins(scene, ROOM.coins, ROOM.width, ROOM.height);
    },
    canJoin(scene) {
      return room(scene).phase === 'ended' ? 'the match is over' : true;
    },
    onJoin(scene) {
      const data = room(scene);
      const expected = data.teams.reduce((n, team) => n + team.length, 0);
      if (data.phase === 'waiting' && scene.players().length >= expected) start(scene, data, Date.now(), timing);
    },
    onTick(scene) {
      const data = room(scene);
      const now = Date.now();
      if (data.phase === 'waiting' && now >= data.startBy) {
        if (scene.players().length === 0) scene.close('nobody came', null);
        else start(scene, data, now, timing);
      } else if (data.phase === 'playing') {
        if (now >= data.endAt) finish(scene, data);
        else if (scene.tick % 20 === 0) topUpCoins(scene, ROOM.coins, ROOM.width, ROOM.height);
      }
    },
    onAction(scene, playerId, action, args) {
      if (action !== 'collect') {
        throw new TypeError(`the arena room has no action ${JSON.stringify(action)}; it knows: collect`);
      }
      const data = room(scene);
      if (data.phase !== 'playing') return 0;
      const value = collectCoin(scene, playerId, args);
      const team = teamOf(data, playerId);
      if (value > 0 && team >= 0) {
        data.scores[team] = (data.scores[team] ?? 0) + value;
        scene.emit('room.score', { scores: data.scores });
      }
      return value;
    },
  };
}
