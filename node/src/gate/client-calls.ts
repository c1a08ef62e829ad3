// Carries a client's REQUEST (an ask) and NOTIFY (a tell) to the actor its route names, through the ActorSystem
// (the directory finds the actor wherever it lives), and the outcome back as RESPONSE or ERROR.
import type { ActorSystem } from '../actor/actor-system.ts';
import { type RouteContext, resolveRoute } from './client-route.ts';
import type { GateConnection } from './gate-connection.ts';
import type { BoundActor, SessionRecord } from './session-record.ts';

const NO_BINDINGS: ReadonlyMap<string, BoundActor> = new Map<string, BoundActor>();

export class ClientCalls {
  private readonly system: ActorSystem;
  private readonly playerKind: string;
  private readonly requestTimeoutMs: number;

  constructor(system: ActorSystem, playerKind: string, requestTimeoutMs: number) {
    this.system = system;
    this.playerKind = playerKind;
    this.requestTimeoutMs = requestTimeoutMs;
  }

  request(connection: GateConnection, requestId: number, route: string, args: readonly unknown[]): void {
    const target = resolveRoute(route, this.context(connection));
    if (target instanceof Error) {
      connection.fail(requestId, target);
      return;
    }
    const { kind, method } = target;
    const ref = new kind.RefClass(kind, target.id, this.requestTimeoutMs);
    let answer: Promise<unknown>;
    try {
      answer = kind.dispatch.ask(ref, method, target.callerFirst ? [connection.playerId, ...args] : args, undefined);
    } catch (error) {
      answer = Promise.reject(error);
    }
    answer.then(
      (result) => connection.respond(requestId, result),
      (error: unknown) => connection.fail(requestId, error),
    );
  }

  notify(connection: GateConnection, route: string, args: readonly unknown[]): void {
    const target = resolveRoute(route, this.context(connection));
    if (target instanceof Error) {
      connection.fail(0, target);
      return;
    }
    const { kind, method } = target;
    try {
      kind.dispatch.tell(
        new kind.RefClass(kind, target.id, kind.askTimeoutMs),
        method,
        target.callerFirst ? [connection.playerId, ...args] : args,
        undefined,
      );
    } catch (error) {
      connection.fail(0, error);
    }
  }

  private context(connection: GateConnection): RouteContext {
    const record: SessionRecord | null = connection.record;
    return {
      playerId: connection.playerId,
      playerKind: this.playerKind,
      bindings: record === null || record.ended ? NO_BINDINGS : record.bindings,
      kind: (name) => this.system.kind(name),
    };
  }
}
