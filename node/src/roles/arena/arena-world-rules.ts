// The arena's open world: a large map with coins to collect. Anyone may walk in; collecting goes through the
// player's own actor (ArenaPlayer.collect) so the gold lands in the player's document in the same turn.
import type { SceneRules } from '../zone/index.ts';
import { WORLD } from './arena-config.ts';
import { collectCoin, topUpCoins } from './coins.ts';

export const arenaWorldRules: SceneRules = {
  width: WORLD.width,
  height: WORLD.height,
  cellSize: WORLD.cellSize,
  viewCells: WORLD.viewCells,
  maxSpeed: WORLD.maxSpeed,
  onOpen(scene) {
    topUpCoins(scene, WORLD.coins, WORLD.width, WORLD.height);
  },
  onTick(scene) {
    // Once a second is enough to refill what was collected.
    if (scene.tick % 20 === 0) topUpCoins(scene, WORLD.coins, WORLD.width, WORLD.height);
  },
  onAction(scene, playerId, action, args) {
    if (action === 'collect') return collectCoin(scene, playerId, args);
    throw new TypeError(`the arena world has no action ${JSON.stringify(action)}; it knows: collect`);
  },
};
