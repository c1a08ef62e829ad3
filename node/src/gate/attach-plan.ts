// Decides what a session looks like once a connection attaches: resumed (same session id, the missed pushes
// replayed from the client's lastSeq) or new (fresh id, seq from 0), and which stray pushes follow. Pure, so the
// resume rules have a table test.
import type { AttachRequest, Binding, Handover, StrayPush } from './session-handover.ts';

export interface AttachPlan {
  /** The session id kept on resume; null: the session gets a new id. */
  readonly sessionId: string | null;
  readonly resumed: boolean;
  /** The ring starts after this seq: the client's lastSeq on resume, else 0. WELCOME.lastSeq says it. */
  readonly startSeq: number;
  /** Already numbered PUSH frames that follow startSeq (resume only). */
  readonly frames: readonly Uint8Array[];
  /** Pushes to number after the frames. */
  readonly strays: readonly StrayPush[];
  readonly bindings: readonly Binding[];
}

export function planAttach(handover: Handover, request: AttachRequest): AttachPlan {
  const session = handover.session;
  const resumed =
    request.sessionId !== null &&
    session !== null &&
    session.sessionId === request.sessionId &&
    session.resumable &&
    !handover.straysLost;
  if (resumed) {
    return {
      sessionId: session.sessionId,
      resumed: true,
      startSeq: request.lastSeq,
      frames: session.frames,
      strays: handover.strays,
      bindings: handover.bindings,
    };
  }
  // A new session: the client starts from scratch, so the old session's buffer is of no use; pushes that came in
  // while no session existed are new to it and go first.
  return {
    sessionId: null,
    resumed: false,
    startSeq: 0,
    frames: [],
    strays: handover.strays,
    bindings: handover.bindings,
  };
}
