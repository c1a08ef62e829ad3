// What moves between gates when a client (re)connects: the attach request a gate sends to the player's Session
// wherever it is, and the handover that Session answers with when it gives the session up. Plain data: both cross
// the mesh. mergeHandovers folds the handovers of several attempts (the session, then pushes that landed in
// stray activations while it moved) into one, oldest first.

/** A session's binding of a client-visible name to an actor: [name, kind, id]. */
export type Binding = readonly [name: string, kind: string, id: string];

/** A push that reached a Session with no client and no seq counter: [event, data]. */
export type StrayPush = readonly [event: string, data: unknown];

export interface AttachRequest {
  /** Names the pending attach (connection and handovers so far) in the requesting gate's registry. */
  readonly attachKey: string;
  /** The requesting gate's registry: an attach that reaches it after the gate gave up is ignored there. */
  readonly origin: string;
  /** Resume: the session the client proved with its resume token; null for a new session. */
  readonly sessionId: string | null;
  /** Resume: the last push seq the client has (0 for a new session). */
  readonly lastSeq: number;
}

/** A session's state as handed to the gate that takes it over. */
export interface SessionSnapshot {
  readonly sessionId: string;
  /** Seq of the session's last push. */
  readonly seq: number;
  /** True when the request resumes this session and its buffer still holds every push after request.lastSeq. */
  readonly resumable: boolean;
  /** When resumable: the encoded PUSH frames after request.lastSeq, in order (else empty). */
  readonly frames: readonly Uint8Array[];
}

export interface Handover {
  /** Directory epoch of the activation that gave this up: the taker waits until that entry is gone. */
  readonly epoch: number;
  /** The session, when the activation held one (null for a stray activation). */
  readonly session: SessionSnapshot | null;
  /** Pushes that arrived without a session, oldest first. */
  readonly strays: readonly StrayPush[];
  /** Some stray pushes were dropped (more than the buffer holds): a resume cannot be complete. */
  readonly straysLost: boolean;
  readonly bindings: readonly Binding[];
}

export type AttachResult =
  | { readonly attached: true }
  /** `handover` null: the attach was stale (its gate gave up) and nothing was handed over. */
  | { readonly attached: false; readonly handover: Handover | null };

export const EMPTY_HANDOVER: Handover = { epoch: 0, session: null, strays: [], straysLost: false, bindings: [] };

/** `earlier` then `later`: strays concatenate, later bindings win, a resumable session beats another. */
export function mergeHandovers(earlier: Handover, later: Handover): Handover {
  let session = earlier.session ?? later.session;
  if (earlier.session !== null && later.session !== null && !earlier.session.resumable) session = later.session;
  const bindings = new Map<string, Binding>();
  for (const binding of earlier.bindings) bindings.set(binding[0], binding);
  for (const binding of later.bindings) bindings.set(binding[0], binding);
  return {
    epoch: later.epoch,
    session,
    strays: earlier.strays.length === 0 ? later.strays : [...earlier.strays, ...later.strays],
    straysLost: earlier.straysLost || later.straysLost,
    bindings: [...bindings.values()],
  };
}
