// Puts the match role on a node: the Matchmaker kind on every node (refs need it everywhere; activations live on
// match nodes only) and the services its activations use. Queues are registered separately (registerQueue), on
// every node, by the game.

import type { ActorSystem } from '../../actor/actor-system.ts';
import { placementCandidates, rendezvousOwner } from '../../cluster/placement/index.ts';
import type { GameNode } from '../../game-node.ts';
import { type InstallMatchOptions, resolveMatchOptions } from './match-options.ts';
import { attachMatchServices } from './match-services.ts';
import { Matchmaker } from './matchmaker.ts';
import type { QueueStatus } from './queue-book.ts';

/** The match role's name: Matchmakers activate only on nodes with it (or with no roles). */
export const MATCH_ROLE = 'match';
export const MATCHMAKER_KIND = 'Matchmaker';

/** Registration options of Matchmaker: hash-placed on match nodes, never collected while idle (state in memory). */
export const MATCHMAKER_KIND_OPTIONS = {
  name: MATCHMAKER_KIND,
  placement: 'hash',
  roles: [MATCH_ROLE],
  idleTimeoutMs: 0,
} as const;

/** Installs the match role on `node` (once, before it starts); options are checked now (InvalidMatchConfigError). */
export function installMatch(node: GameNode, options: InstallMatchOptions = {}): void {
  const resolved = resolveMatchOptions(options);
  const cluster = node.cluster;
  attachMatchServices(node.system, {
    options: resolved,
    nextId: () => cluster.ids.nextString(),
    ownedElsewhere: (name) => {
      const self = cluster.provider.self;
      if (self === undefined) return false;
      const candidates = placementCandidates(cluster.provider.members().values(), MATCHMAKER_KIND_OPTIONS.roles);
      const owner = rendezvousOwner(`${MATCHMAKER_KIND}/${name}`, candidates);
      return owner !== undefined && owner.id !== self.id;
    },
  });
  node.system.register(Matchmaker, MATCHMAKER_KIND_OPTIONS);
}

/** The waiting tickets and players of every queue whose Matchmaker is active on this node (the node's metrics). */
export function queueSizes(system: ActorSystem): Map<string, QueueStatus> {
  const sizes = new Map<string, QueueStatus>();
  const kind = system.kind(MATCHMAKER_KIND);
  if (kind === undefined) return sizes;
  const nowMs = Date.now();
  for (const [queue, activation] of kind.activations) {
    const status = (activation.actor as Matchmaker)._queueStatus(nowMs);
    if (status !== undefined) sizes.set(queue, status);
  }
  return sizes;
}
