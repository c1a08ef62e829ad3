// The demo game "arena" as a node app (`--app arena`): players log in (world), walk a shared world collecting
// coins into their gold (zone), chat, queue for 2v2 matches (match), play a timed room (zone) and land on the
// leaderboards (world). Every node registers the same kinds; each role's actors live on that role's nodes.
import type { GameNode } from '../../game-node.ts';
import { installMatch, registerQueue } from '../match/index.ts';
import { installWorld } from '../world/index.ts';
import { installZone, registerSceneRules } from '../zone/index.ts';
import { ARENA_QUEUE, ARENA_ROOM_TYPE, ARENA_WORLD_TYPE, QUEUE, ROOM } from './arena-config.ts';
import { ARENA_CLIENT_METHODS, ArenaPlayer } from './arena-player.ts';
import { arenaRoomRules } from './arena-room-rules.ts';
import { arenaWorldRules } from './arena-world-rules.ts';

export * from './arena-config.ts';
export { ArenaPlayer } from './arena-player.ts';

export interface ArenaOptions {
  /** How long a match plays (default: 20 s; env GAMECLUSTER_ARENA_MATCH_SECONDS for `--app arena`). */
  readonly matchPlayMs?: number;
  /** How long a room waits for its players (default: 10 s). */
  readonly joinWindowMs?: number;
}

/** The `--app arena` entry: the arena with its defaults (the match length may come from the environment). */
export function register(node: GameNode): void {
  const seconds = Number(process.env.GAMECLUSTER_ARENA_MATCH_SECONDS);
  registerArena(node, Number.isFinite(seconds) && seconds > 0 ? { matchPlayMs: seconds * 1000 } : {});
}

export function registerArena(node: GameNode, options: ArenaOptions = {}): void {
  installWorld(node, { playerClass: ArenaPlayer, extraClientMethods: [...ARENA_CLIENT_METHODS] });
  installZone(node);
  installMatch(node);
  registerSceneRules(node.system, ARENA_WORLD_TYPE, arenaWorldRules);
  registerSceneRules(
    node.system,
    ARENA_ROOM_TYPE,
    arenaRoomRules({
      playMs: options.matchPlayMs ?? ROOM.playMs,
      joinWindowMs: options.joinWindowMs ?? ROOM.joinWindowMs,
    }),
  );
  registerQueue(node.system, ARENA_QUEUE, { ...QUEUE, roomType: ARENA_ROOM_TYPE });
}
