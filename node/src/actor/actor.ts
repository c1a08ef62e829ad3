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

/**
 * Marks a framework base class (e.g. PersistentActor): set on its prototype, it ends the search for messages, so
 * the base's own methods (persist, lifecycle hooks) are never messages of the game's subclasses.
 */
export const FRAMEWORK_BASE: unique symbol = Symbol('gamecluster.frameworkBase');

/** Declares `base` a framework base class (see FRAMEWORK_BASE). */
export function markFrameworkBase(base: abstract new (...args: never[]) => Actor): void {
  Object.defineProperty(base.prototype, FRAMEWORK_BASE, { value: true });
}

/**
 * Type-only key: a framework base declares `declare readonly [FRAMEWORK_MEMBERS]?: 'persist' | ...` to keep its
 * own methods out of refs' message types, as markFrameworkBase keeps them out of the runtime's message table.
 */
export declare const FRAMEWORK_MEMBERS: unique symbol;
