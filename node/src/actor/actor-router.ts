// The seam between the actor runtime and the cluster layer: a router installed on the ActorSystem takes over
// delivery for the kinds it routes (directory- and hash-placed kinds in a cluster), gates their activations on a
// directory claim (which gives the epoch) and decides whether they may serve. Kinds it does not route keep the
// purely local path, which pays one field read for the seam.
import type { Activation } from './activation.ts';
import type { ActorKind } from './actor-kind.ts';
import type { Message } from './message.ts';

export interface ActorRouter {
  /** Whether messages to this kind go through route(); asked once per kind when the router is installed. */
  routes(kind: ActorKind): boolean;
  /**
   * Delivers a message to actor `id` of `kind` wherever it lives: here through ActorSystem.postLocal, or to
   * another node. An ask that cannot be delivered is failed through `message.fail`; a tell refused at once throws
   * the typed error (as a local tell does), one refused later is reported through the system's onError.
   */
  route(kind: ActorKind, id: string, message: Message): void;
  /**
   * Called before onActivate of a routed kind's activation. Resolves with the activation's epoch when this node
   * now owns the actor, or with null when another node does (the waiting messages are routed again, to it);
   * rejects with the error the waiting messages fail with (e.g. the cluster is unavailable).
   */
  claim(activation: Activation): Promise<number | null>;
  /** The activation finished deactivating (onDeactivate ran): give up ownership. */
  released(activation: Activation): void;
  /** May activations of this kind run turns now? (false once this node lost its lease); checked once per visit. */
  canServe(kind: ActorKind): boolean;
}
