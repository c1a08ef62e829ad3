// The game code of the gate fuzz suite: a Player whose client-callable methods echo and produce large answers
// (for slow readers), on a node that runs the gate.
import { Actor } from '../../../node/src/actor/index.ts';
import type { GameNode } from '../../../node/src/game-node.ts';

export class Player extends Actor {
  echo(value: unknown): unknown {
    return value;
  }

  /** `count` pushes of `bytes` each to this player, to fill a slow reader's buffers. */
  flood(count: number, bytes: number): number {
    const payload = 'x'.repeat(Math.min(bytes, 60_000));
    const times = Math.min(count, 2_000);
    for (let i = 0; i < times; i++) this.ctx.client(this.ctx.id).push('flood', payload);
    return times;
  }
}

export function register(node: GameNode): void {
  node.system.register(Player, { clientMethods: ['echo', 'flood'], idleTimeoutMs: 60_000 });
}
