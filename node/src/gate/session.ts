// The Session actor (DESIGN §4 gate): one per connected player, id = player id, activated on the gate that holds
// the player's connection and found there through the directory, so a push from any node reaches it in one hop.
// It numbers pushes, keeps the last ones for resume, sends them to its connection, holds the client's bindings,
// waits out a grace window after a disconnect, and hands everything over when the client attaches elsewhere.
//
// A Session activated with no client ("stray": a push to an offline player, or one that arrived while the
// session moved between gates) keeps those pushes unnumbered for strayLingerMs, for a taking-over gate to collect.
import { Actor } from '../actor/actor.ts';
import type { ActorTimer } from '../actor/actor-context.ts';
import type { MessageName } from '../actor/actor-ref.ts';
import type { KindOptions } from '../actor/kind-options.ts';
import { type AttachPlan, planAttach } from './attach-plan.ts';
import { InvalidBindingError } from './errors.ts';
import { encodeServerFrame } from './protocol/codec.ts';
import { FIELD_LIMITS } from './protocol/field-limits.ts';
import { FrameType } from './protocol/protocol-wire.ts';
import { PushRing } from './push-ring.ts';
import type { SessionConnection } from './session-connection.ts';
import {
  type AttachRequest,
  type AttachResult,
  type Binding,
  type Handover,
  mergeHandovers,
  type StrayPush,
} from './session-handover.ts';
import { type BoundActor, SessionRecord } from './session-record.ts';
import { SessionRegistry } from './session-registry.ts';

export const GATE_ROLE = 'gate';
export const SESSION_KIND = 'Session';
/** The binding every session has: the player's own actor (GateOptions.playerKind, keyed by the player id). */
export const PLAYER_BINDING = 'player';
/** Binding names: what clients write before the dot of a route. */
export const BINDING_NAME_PATTERN = /^[a-z][A-Za-z0-9_-]{0,31}$/;

/** Sessions live on gates, are placed by the directory, and go only when their client is gone for good. */
export const SESSION_KIND_OPTIONS: KindOptions<MessageName<Session>> = {
  name: SESSION_KIND,
  placement: 'directory',
  roles: [GATE_ROLE],
  idleTimeoutMs: 0,
};

/** What `describe()` answers (operations, tests). */
export interface SessionDescription {
  readonly playerId: string;
  /** null: no session here (a stray activation). */
  readonly sessionId: string | null;
  readonly connected: boolean;
  readonly seq: number;
  readonly buffered: number;
  readonly strays: number;
  readonly bindings: Record<string, BoundActor>;
}

export class Session extends Actor {
  private record: SessionRecord | null = null;
  private strays: StrayPush[] = [];
  private straysLost = false;
  private readonly bindings = new Map<string, BoundActor>();
  private timer: ActorTimer | null = null;

  override onActivate(): void {
    // No client yet: stay only as long as a stray, unless a connection attaches.
    this._arm(this._registry().options.strayLingerMs);
  }

  override onDeactivate(): void {
    const record = this.record;
    if (record === null) return;
    this.record = null;
    this._end(record)?.sessionEnded();
  }

  /** Sends `event` to the client (numbered, buffered for resume); see ClientPushService. */
  push(event: string, data: unknown): void {
    const record = this.record;
    if (record === null) {
      this._keepStray(event, data);
      return;
    }
    const seq = record.ring.seq + 1;
    const frame = this._encodePush(seq, event, data);
    if (frame === null) return;
    record.ring.append(seq, frame);
    record.connection?.sendPush(frame);
  }

  /**
   * A gate asks for the session on behalf of a connection. Here, on the gate holding the connection's pending
   * attach, the session starts (or moves to the new connection); anywhere else, this activation hands everything
   * over and deactivates, and the gate tries again once its directory entry is gone.
   */
  attach(request: AttachRequest): AttachResult {
    const registry = this._registry();
    const pending = registry.takePending(this.ctx.id, request.attachKey);
    if (pending === undefined) {
      // On the requester's own node, a missing attach means the gate gave up on it: nothing to hand over.
      if (request.origin === registry.origin) return { attached: false, handover: null };
      const handover = this._takeOwn(request);
      this._cancelTimer();
      this.ctx.deactivate();
      return { attached: false, handover };
    }
    const hadSession = this.record !== null;
    const own = this._takeOwn(request);
    // A session here predates whatever the attach collected; strays here arrived after it.
    const handover = hadSession ? mergeHandovers(own, pending.handover) : mergeHandovers(pending.handover, own);
    this._start(planAttach(handover, request), pending.connection);
    return { attached: true };
  }

  /** The connection closed: wait for a resume for the grace window. */
  detached(connectionId: number): void {
    const record = this.record;
    if (record === null || record.connection === null || record.connection.id !== connectionId) return;
    record.connection = null;
    this._arm(this._registry().options.sessionGraceMs);
  }

  /** Ends the session: the client gets KICK {code, reason} and close 4012, and should not reconnect by itself. */
  kick(code: string, reason: string): void {
    const record = this.record;
    this.record = null;
    if (record !== null) this._end(record)?.kick(code, reason);
    this._cancelTimer();
    this.ctx.deactivate();
  }

  /**
   * Lets the client call actor kind/id as `<name>.<method>` (its clientMethods only; the player id goes first in
   * the arguments). True when the player is online here; a binding made while offline lasts strayLingerMs.
   */
  bind(name: string, kind: string, id: string): boolean {
    if (typeof name !== 'string' || !BINDING_NAME_PATTERN.test(name) || name === PLAYER_BINDING) {
      throw new InvalidBindingError(
        `binding name ${JSON.stringify(name)} must match ${BINDING_NAME_PATTERN} and not be '${PLAYER_BINDING}'`,
      );
    }
    if (typeof kind !== 'string' || this.ctx.system.kind(kind) === undefined) {
      throw new InvalidBindingError(
        `cannot bind '${name}' to kind ${JSON.stringify(kind)}: it is not registered on the gate node; register it on every node`,
      );
    }
    if (typeof id !== 'string' || id.length === 0 || id.length > FIELD_LIMITS.maxIdLength) {
      throw new InvalidBindingError(
        `cannot bind '${name}': the actor id must be 1-${FIELD_LIMITS.maxIdLength} characters`,
      );
    }
    const maxBindings = this._registry().options.maxBindings;
    if (!this.bindings.has(name) && this.bindings.size >= maxBindings) {
      throw new InvalidBindingError(
        `cannot bind '${name}': the session already has ${maxBindings} bindings (maxBindings); unbind one first`,
      );
    }
    this.bindings.set(name, { kind, id });
    return this.record !== null;
  }

  /** Removes a binding; false when there was none. */
  unbind(name: string): boolean {
    return this.bindings.delete(name);
  }

  describe(): SessionDescription {
    const record = this.record;
    return {
      playerId: this.ctx.id,
      sessionId: record?.sessionId ?? null,
      connected: record?.connection !== null && record?.connection !== undefined,
      seq: record?.ring.seq ?? 0,
      buffered: record?.ring.size ?? 0,
      strays: this.strays.length,
      bindings: Object.fromEntries(this.bindings),
    };
  }

  // ---- helpers (underscored: not messages) ----

  _registry(): SessionRegistry {
    return SessionRegistry.of(this.ctx.system);
  }

  /** Everything this activation holds, as a handover; its session (if any) ends and its connection closes (4011). */
  _takeOwn(request: AttachRequest): Handover {
    const record = this.record;
    let session: Handover['session'] = null;
    if (record !== null) {
      this.record = null;
      const frames = request.sessionId === record.sessionId ? record.ring.since(request.lastSeq) : null;
      session = { sessionId: record.sessionId, seq: record.ring.seq, resumable: frames !== null, frames: frames ?? [] };
      this._end(record)?.takenOver();
    }
    const bindings: Binding[] = [];
    for (const [name, bound] of this.bindings) bindings.push([name, bound.kind, bound.id]);
    const handover: Handover = {
      epoch: this.ctx.epoch,
      session,
      strays: this.strays,
      straysLost: this.straysLost,
      bindings,
    };
    this.strays = [];
    this.straysLost = false;
    return handover;
  }

  /** Starts the planned session on `connection`: WELCOME and the replay go out in this turn, before any push. */
  _start(plan: AttachPlan, connection: SessionConnection): void {
    const registry = this._registry();
    const ring = new PushRing(registry.options.resumeBufferSize, plan.startSeq);
    const replay: Uint8Array[] = [];
    let seq = plan.startSeq;
    for (const frame of plan.frames) {
      ring.append(++seq, frame);
      replay.push(frame);
    }
    for (const [event, data] of plan.strays) {
      const frame = this._encodePush(seq + 1, event, data);
      if (frame === null) continue;
      ring.append(++seq, frame);
      replay.push(frame);
    }
    this.bindings.clear();
    for (const [name, kind, id] of plan.bindings) this.bindings.set(name, { kind, id });
    const record = new SessionRecord(this.ctx.id, plan.sessionId ?? registry.newSessionId(), ring, this.bindings);
    this.record = record;
    registry.started(record);
    this._cancelTimer();
    record.connection = connection;
    if (!connection.welcome(record, plan.resumed, plan.startSeq, replay) && record.connection === connection) {
      record.connection = null;
      this._arm(registry.options.sessionGraceMs);
    }
  }

  /** Marks the record ended and returns the connection it had (the caller says how to close it). */
  _end(record: SessionRecord): SessionConnection | null {
    record.ended = true;
    this._registry().ended(record);
    const connection = record.connection;
    record.connection = null;
    return connection;
  }

  _keepStray(event: string, data: unknown): void {
    if (this.strays.length >= this._registry().options.resumeBufferSize) {
      this.strays.shift();
      this.straysLost = true;
    }
    this.strays.push([event, data]);
  }

  _encodePush(seq: number, event: string, data: unknown): Uint8Array | null {
    try {
      return encodeServerFrame({ type: FrameType.Push, seq, event, data });
    } catch (error) {
      // The pusher already returned (pushes are tells): report it; the seq is not used, so the client sees no gap.
      this.ctx.system.options.onError(error, `push ${event} to player ${this.ctx.id}`);
      return null;
    }
  }

  /** (Re)starts the one timer: grace after a disconnect, linger for a stray; the session goes when it fires. */
  _arm(delayMs: number): void {
    this._cancelTimer();
    this.timer = this.ctx.setTimer(delayMs, () => {
      this.timer = null;
      if (this.record === null || this.record.connection === null) this.ctx.deactivate();
    });
  }

  _cancelTimer(): void {
    this.timer?.cancel();
    this.timer = null;
  }
}
