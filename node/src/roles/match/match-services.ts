// What installMatch gives the Matchmakers of a node: the resolved options, cluster-unique ids, and who owns a
// queue now (the rendezvous owner among active match members), so a queue that moved hands its tickets over.
// Per ActorSystem, like the queue registry.
import type { ActorSystem } from '../../actor/actor-system.ts';
import type { ResolvedMatchOptions } from './match-options.ts';

export interface MatchServices {
  readonly options: ResolvedMatchOptions;
  /** A new id, unique in the cluster (ticket and match ids). */
  nextId(): string;
  /** Whether queue `name` now belongs to another active match member (false when this node owns it, or nobody does). */
  ownedElsewhere(name: string): boolean;
}

const servicesBySystem = new WeakMap<ActorSystem, MatchServices>();

export function attachMatchServices(system: ActorSystem, services: MatchServices): void {
  servicesBySystem.set(system, services);
}

/** The node's match services; installMatch attaches them before the Matchmaker kind can activate. */
export function matchServicesOf(system: ActorSystem): MatchServices {
  const services = servicesBySystem.get(system);
  if (services === undefined) throw new Error('the match role is not installed on this node: call installMatch(node)');
  return services;
}
