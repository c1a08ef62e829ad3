// Coins on a scene's map: spawned at random free spots with a value, kept at a target count, and collected by a
// player standing close enough (the server checks the distance; a client cannot collect from afar).
import type { SceneHandle } from '../zone/index.ts';
import { COLLECT_RADIUS, MAX_COIN_VALUE } from './arena-config.ts';

export const COIN_KIND = 'coin';

/** Spawns coins until the scene has `target` of them. */
export function topUpCoins(scene: SceneHandle, target: number, width: number, height: number): void {
  let count = 0;
  for (const entity of scene.entities()) if (entity.kind === COIN_KIND) count++;
  for (; count < target; count++) {
    const value = 1 + Math.floor(Math.random() * MAX_COIN_VALUE);
    scene.spawn(COIN_KIND, Math.random() * width, Math.random() * height, { value });
  }
}

/**
 * Collects coin `coinId` for `playerId`: the coin's value when it exists and is within reach, else 0 (another
 * player was first, or the player is too far away).
 */
export function collectCoin(scene: SceneHandle, playerId: string, coinId: unknown): number {
  if (typeof coinId !== 'number') return 0;
  const player = scene.player(playerId);
  const coin = scene.entity(coinId);
  if (player === undefined || coin === undefined || coin.kind !== COIN_KIND) return 0;
  if (Math.hypot(coin.x - player.x, coin.y - player.y) > COLLECT_RADIUS) return 0;
  scene.despawn(coin.id);
  const value = coin.data?.value;
  return typeof value === 'number' ? value : 1;
}
