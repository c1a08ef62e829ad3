// Carries a client's REQUEST (an ask) and NOTIFY (a tell) to the actor its route names, through the ActorSystem
// (the directory finds the actor wherever it lives), and the outcome back as RESPONSE or ERROR. With tracing on,
// each call is the root span of its trace (when sampled), and the actor messages it causes are its children.
import type { ActorSystem } from '../actor/actor-system.ts';
import { type ActorTracer, enterAmbientTrace, type TraceContext } from '../actor/actor-tracer.ts';
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
    const tracer = this.system.tracer;
    const span = tracer === null ? null : callSpan(tracer, connection, kind.name, method.name, target.id);
    const outside = span === null ? null : enterAmbientTrace(span);
    let answer: Promise<unknown>;
    try {
      answer = kind.dispatch.ask(ref, method, target.callerFirst ? [connection.playerId, ...args] : args, undefined);
    } catch (error) {
      answer = Promise.reject(error);
    }
    if (span !== null) enterAmbientTrace(outside);
    answer.then(
      (result) => {
        if (span !== null) tracer?.endSpan(span, false, undefined);
        connection.respond(requestId, result);
      },
      (error: unknown) => {
        if (span !== null) tracer?.endSpan(span, true, error);
        connection.fail(requestId, error);
      },
    );
  }

  notify(connection: GateConnection, route: string, args: readonly unknown[]): void {
    const target = resolveRoute(route, this.context(connection));
    if (target instanceof Error) {
      connection.fail(0, target);
      return;
    }
    const { kind, method } = target;
    const tracer = this.system.tracer;
    const span = tracer === null ? null : callSpan(tracer, connection, kind.name, method.name, target.id);
    const outside = span === null ? null : enterAmbientTrace(span);
    let failure: unknown;
    try {
      kind.dispatch.tell(
        new kind.RefClass(kind, target.id, kind.askTimeoutMs),
        method,
        target.callerFirst ? [connection.playerId, ...args] : args,
        undefined,
      );
    } catch (error) {
      failure = error;
      connection.fail(0, error);
    }
    if (span !== null) {
      enterAmbientTrace(outside);
      tracer?.endSpan(span, failure !== undefined, failure);
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

/** The root span of a client's call (null when not sampled): the RPC it is (a registered kind and method). */
function callSpan(
  tracer: ActorTracer,
  connection: GateConnection,
  kind: string,
  method: string,
  id: string,
): TraceContext | null {
  return tracer.startSpan(
    `gate ${kind}.${method}`,
    null,
    {
      'rpc.system': 'gamecluster',
      'rpc.service': kind,
      'rpc.method': method,
      'gamecluster.actor.id': id,
      'gamecluster.player.id': connection.playerId,
    },
    true,
  );
}
