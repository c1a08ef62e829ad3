// The game code of the gate benchmarks: a Player whose echo(x) clients may call, and a Broadcaster that pushes one
// event to many players through ctx.clients(ids).push. Also an `--app` module (`register(node)`), so the same kinds
// run in a CLI node: `npm start -- node --roles gate --cluster-key K --dev-login --app node/bench/gate/bench-app.ts`.

import type { ActorSystem } from '../../src/actor/index.ts';
import { Actor } from '../../src/actor/index.ts';
import type { GameNode } from '../../src/game-node.ts';

export class BenchPlayer extends Actor {
  echo(value: unknown): unknown {
    return value;
  }
}

export class Broadcaster extends Actor {
  broadcast(playerIds: readonly string[], event: string, data: unknown): void {
    this.ctx.clients(playerIds).push(event, data);
  }
}

export function registerBenchKinds(system: ActorSystem): void {
  // No role filter: the gate node hosts the players itself, so a request is gate -> actor in one process.
  system.register(BenchPlayer, { name: 'Player', clientMethods: ['echo'], idleTimeoutMs: 0 });
  system.register(Broadcaster, { placement: 'local', idleTimeoutMs: 0 });
}

export function register(node: GameNode): void {
  registerBenchKinds(node.system);
}
