// The arena's player: the world's Player (profile, gold, inventory, chat, leaderboards) plus what a client does
// in the arena — enter the world, collect coins, queue for a 2v2 match, enter the room it was matched into. The
// player actor keeps which scene it is in, so entering a new one leaves the old one first.

import { bindClient } from '../../gate/index.ts';
import { Matchmaker } from '../match/index.ts';
import { Player } from '../world/index.ts';
import { type JoinInfo, NotInSceneError, SCENE_BINDING, Scene, SceneClosedError } from '../zone/index.ts';
import { ARENA_QUEUE, ARENA_WORLD_TYPE, spread, WORLD_SCENES } from './arena-config.ts';

/** The client methods ArenaPlayer adds to the world Player's. */
export const ARENA_CLIENT_METHODS = [
  'enterWorld',
  'collect',
  'queueMatch',
  'cancelQueue',
  'enterRoom',
  'leaveScene',
] as const;

export interface CollectResult {
  /** Gold this coin gave (0: gone or out of reach). */
  readonly amount: number;
  readonly gold: number;
}

export class ArenaPlayer extends Player {
  /** The scene this player is in (not saved: a restarted player actor re-enters through the client). */
  private sceneId: string | null = null;

  /** Joins this player's world scene (leaving a room or another scene first). */
  async enterWorld(): Promise<JoinInfo> {
    const worldId = `world-${spread(this.ctx.id, WORLD_SCENES)}`;
    return this.enter(worldId, { type: ARENA_WORLD_TYPE });
  }

  /** Joins match room `roomId`; the room admits only the players matched into it. */
  async enterRoom(roomId: string): Promise<JoinInfo> {
    if (typeof roomId !== 'string' || !roomId.startsWith('room-')) {
      throw new TypeError(`enterRoom takes the roomId of a match.found push, got ${JSON.stringify(roomId)}`);
    }
    return this.enter(roomId, undefined);
  }

  /** Leaves the current scene; false when the player was in none. */
  async leaveScene(): Promise<boolean> {
    const current = this.sceneId;
    if (current === null) return false;
    this.sceneId = null;
    return this.ctx.ref(Scene, current).leave(this.ctx.id);
  }

  /** Collects coin `coinId` in the current scene; the gold is added to this player's document at once. */
  async collect(coinId: number): Promise<CollectResult> {
    if (this.sceneId === null) return { amount: 0, gold: this.state.gold };
    let amount: number;
    try {
      amount = (await this.ctx.ref(Scene, this.sceneId).act(this.ctx.id, 'collect', coinId)) as number;
    } catch (error) {
      // The room ended (or dropped this player) while the client reached for a coin: nothing was collected.
      if (!(error instanceof SceneClosedError || error instanceof NotInSceneError)) throw error;
      return { amount: 0, gold: this.state.gold };
    }
    const gold = amount > 0 ? this.addGold(amount, 'coin') : this.state.gold;
    return { amount, gold };
  }

  /** Queues this player alone for a 2v2 match at its rating; the match.found push names the room. */
  async queueMatch(): Promise<{ ticketId: string; queued: number }> {
    return this.ctx.ref(Matchmaker, ARENA_QUEUE).enqueue({ players: [this.ctx.id], rating: this.state.stats.rating });
  }

  async cancelQueue(): Promise<boolean> {
    return this.ctx.ref(Matchmaker, ARENA_QUEUE).cancel(this.ctx.id);
  }

  /**
   * Moves this player into `sceneId`. The player, not the scene, binds its client: the binding is a round trip to
   * the session, and a world scene that many players enter at once would otherwise make each wait for the last.
   */
  private async enter(sceneId: string, spec: { type: string } | undefined): Promise<JoinInfo> {
    const previous = this.sceneId;
    if (previous !== null && previous !== sceneId) {
      this.sceneId = null;
      await this.ctx.ref(Scene, previous).leave(this.ctx.id, { unbind: false });
    }
    const info = await this.ctx.ref(Scene, sceneId).join(this.ctx.id, spec, { bind: false });
    this.sceneId = sceneId;
    await bindClient(this.ctx, this.ctx.id, SCENE_BINDING, Scene, sceneId);
    return info;
  }
}
