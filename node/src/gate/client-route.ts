// Which actor and method a client route names: `player.<method>` is the session's own player actor, any other
// `<binding>.<method>` an actor that server code bound to the session. Only methods on the kind's clientMethods
// allow-list are reachable; a client never names an actor id, so it reaches nothing outside its own session.
import type { ActorKind, MethodInfo } from '../actor/actor-kind.ts';
import { NotAllowedError, UnknownRouteError } from './errors.ts';
import { PLAYER_BINDING } from './session.ts';
import type { BoundActor } from './session-record.ts';

export interface RouteTarget {
  readonly kind: ActorKind;
  readonly id: string;
  readonly method: MethodInfo;
  /** Bound actors (not the player's own) get the calling player's id as first argument. */
  readonly callerFirst: boolean;
}

export interface RouteContext {
  readonly playerId: string;
  readonly playerKind: string;
  readonly bindings: ReadonlyMap<string, BoundActor>;
  kind(name: string): ActorKind | undefined;
}

/** The target of `route`, or the typed error to send back. */
export function resolveRoute(route: string, context: RouteContext): RouteTarget | UnknownRouteError | NotAllowedError {
  const dot = route.indexOf('.');
  if (dot <= 0 || dot === route.length - 1) {
    return new UnknownRouteError(`route ${JSON.stringify(route)} must be <binding>.<method>, as in player.move`);
  }
  const binding = route.slice(0, dot);
  const methodName = route.slice(dot + 1);
  let bound: BoundActor | undefined;
  if (binding === PLAYER_BINDING) bound = { kind: context.playerKind, id: context.playerId };
  else bound = context.bindings.get(binding);
  if (bound === undefined) {
    return new UnknownRouteError(
      `no actor is bound as '${binding}' to this session (route ${route}); the server binds them (e.g. on joining a scene)`,
    );
  }
  const kind = context.kind(bound.kind);
  if (kind === undefined) {
    return new UnknownRouteError(
      `'${binding}' is bound to kind ${bound.kind}, which this gate does not know; the server registers it on gate nodes too`,
    );
  }
  const method = kind.methods.get(methodName);
  if (method === undefined || !method.clientCallable) {
    return new NotAllowedError(`${route} is not callable by clients (not on ${kind.name}'s clientMethods)`);
  }
  return { kind, id: bound.id, method, callerFirst: binding !== PLAYER_BINDING };
}
