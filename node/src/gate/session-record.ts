// A live session on the gate that holds its connection: id, player, push ring (seq counter) and bindings. Owned
// by the Session actor; the connection reads it (routes, ACKs) on the same thread between the actor's turns.
import type { PushRing } from './push-ring.ts';
import type { SessionConnection } from './session-connection.ts';

/** An actor a session's client may call as `<name>.<method>`. */
export interface BoundActor {
  readonly kind: string;
  readonly id: string;
}

export class SessionRecord {
  readonly playerId: string;
  readonly sessionId: string;
  readonly ring: PushRing;
  /** Shared with the Session actor: bind/unbind change what the connection routes at once. */
  readonly bindings: Map<string, BoundActor>;
  /** The client's connection; null while the session waits for a resume. */
  connection: SessionConnection | null = null;
  /** Handed over or deactivated: the connection must not use it any more. */
  ended = false;

  constructor(playerId: string, sessionId: string, ring: PushRing, bindings: Map<string, BoundActor>) {
    this.playerId = playerId;
    this.sessionId = sessionId;
    this.ring = ring;
    this.bindings = bindings;
  }
}
