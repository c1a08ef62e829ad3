// Puts the world role on a node (roles contract): its kinds on every node (refs need them everywhere; their
// `roles` keep activations on world nodes), the per-node world settings, and on gate nodes the login routes.
import type { ActorClass, MessageName } from '../../actor/actor-ref.ts';
import type { GameNode } from '../../game-node.ts';
import { ACCOUNT_KIND_OPTIONS, Account } from './account.ts';
import { CHAT_CHANNEL_KIND_OPTIONS, ChatChannel } from './chat-channel.ts';
import { InvalidWorldConfigError } from './errors.ts';
import { LEADERBOARD_SHARD_KIND_OPTIONS, LeaderboardShard } from './leaderboard-shard.ts';
import { installLoginRoutes } from './login-routes.ts';
import { PLAYER_CLIENT_METHODS, PLAYER_KIND_OPTIONS, Player } from './player.ts';
import { attachWorldConfig } from './world-config.ts';
import { type InstallWorldOptions, type ResolvedWorldOptions, resolveWorldOptions } from './world-options.ts';

/** Installs the world on `node` (once, before it starts); answers the resolved options. */
export function installWorld(node: GameNode, options: InstallWorldOptions = {}): ResolvedWorldOptions {
  const resolved = resolveWorldOptions(options);
  const playerClass = options.playerClass ?? Player;
  if (typeof playerClass !== 'function' || !(playerClass === Player || playerClass.prototype instanceof Player)) {
    throw new InvalidWorldConfigError('playerClass must be Player or a class that extends it');
  }
  const extra = options.extraClientMethods ?? [];
  if (!Array.isArray(extra) || !extra.every((name) => typeof name === 'string')) {
    throw new InvalidWorldConfigError('extraClientMethods must be a list of method names');
  }
  const system = node.system;
  attachWorldConfig(system, { options: resolved, nextPlayerId: () => node.cluster.ids.nextString() });
  system.register(playerClass as ActorClass<Player>, {
    ...PLAYER_KIND_OPTIONS,
    clientMethods: [...PLAYER_CLIENT_METHODS, ...(extra as MessageName<Player>[])],
  });
  system.register(Account, ACCOUNT_KIND_OPTIONS);
  system.register(LeaderboardShard, LEADERBOARD_SHARD_KIND_OPTIONS);
  system.register(ChatChannel, CHAT_CHANNEL_KIND_OPTIONS);
  const gate = node.gate.gate;
  if (gate !== null) installLoginRoutes(gate, system, resolved);
  return resolved;
}
