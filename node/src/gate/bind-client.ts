// What game code calls to shape a client's view: bind a name to an actor (the client then calls
// `<name>.<method>` on it, e.g. `scene.move`), unbind it, or kick the client. They message the player's Session
// wherever it is, from any node.
import type { Actor } from '../actor/actor.ts';
import type { ActorClass, ActorRef } from '../actor/actor-ref.ts';
import { Session } from './session.ts';

/** Anything that makes refs: an actor's `this.ctx`, or an ActorSystem. */
export interface RefMaker {
  ref<A extends Actor>(kind: ActorClass<A>, id: string | number | bigint): ActorRef<A>;
}

/**
 * Lets player `playerId`'s client call actor (kind, id) as `<name>.<method>` — only the kind's clientMethods, with
 * the player id as first argument. Resolves true when the player is online (false: kept only briefly).
 */
export function bindClient(
  refs: RefMaker,
  playerId: string,
  name: string,
  kind: ActorClass | string,
  id: string | number | bigint,
): Promise<boolean> {
  const actorId = typeof id === 'string' ? id : String(id);
  const kindName = typeof kind === 'string' ? kind : refs.ref(kind, actorId).kind;
  return refs.ref(Session, playerId).bind(name, kindName, actorId);
}

/** Removes binding `name` from the player's session; resolves false when it had none. */
export function unbindClient(refs: RefMaker, playerId: string, name: string): Promise<boolean> {
  return refs.ref(Session, playerId).unbind(name);
}

/** Ends the player's session: KICK {code, reason}, then close 4012 (the client does not reconnect by itself). */
export function kickClient(refs: RefMaker, playerId: string, code: string, reason: string): void {
  refs.ref(Session, playerId).tell.kick(code, reason);
}
