// The base class of every actor: its public methods are its messages (seed gonet: "inherit Actor; its methods
// are the handlers"). No IDL and no codegen: the ActorSystem reads the methods off the class at registration.
import type { ActorContext } from './actor-context.ts';

export abstract class Actor<State extends object = object> {
  /** Set by the runtime before `onActivate`; do not use it in field initialisers. */
  declare readonly ctx: ActorContext;
  /** The actor's document; persistence (state/) tracks and saves it. Subclasses initialise it. */
  declare state: State;

  /** Runs before the first message of an activation; load state here. May be async. */
  onActivate(): void | Promise<void> {}

  /** Runs after the last message of an activation (idle, migration, shutdown); flush state here. */
  onDeactivate(): void | Promise<void> {}
}

/** Names of Actor's own members: never messages. */
export const ACTOR_BASE_MEMBERS: ReadonlySet<string> = new Set(['ctx', 'state', 'onActivate', 'onDeactivate']);
