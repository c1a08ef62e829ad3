// The world's per-node settings, found by actors through their ActorSystem (`this.ctx.system`): the resolved
// options and where new player ids come from. installWorld attaches them; an actor of the world on a node without
// them is a setup mistake and says so.
import type { ActorSystem } from '../../actor/actor-system.ts';
import { InvalidWorldConfigError } from './errors.ts';
import type { ResolvedWorldOptions } from './world-options.ts';

export interface WorldConfig {
  readonly options: ResolvedWorldOptions;
  /** A new player id, unique in the cluster (the node's snowflake generator). */
  nextPlayerId(): string;
}

const configs = new WeakMap<ActorSystem, WorldConfig>();

export function attachWorldConfig(system: ActorSystem, config: WorldConfig): void {
  configs.set(system, config);
}

export function worldConfigOf(system: ActorSystem): WorldConfig {
  const config = configs.get(system);
  if (config === undefined) {
    throw new InvalidWorldConfigError(
      'this node has no world configuration: call installWorld(node) on every node before it starts',
    );
  }
  return config;
}
