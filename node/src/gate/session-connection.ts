// What a Session actor needs of the client connection it holds: implemented by the gate's connection object, so
// the actor (and its tests) never touch a socket. Every call is synchronous, inside the Session's turn, which is
// what keeps WELCOME, the replayed pushes and new pushes in order on the wire.
import type { SessionRecord } from './session-record.ts';

export interface SessionConnection {
  /** Unique within its gate. */
  readonly id: number;
  /**
   * Starts `record` on this connection: sends WELCOME (resumed, lastSeq), then `frames` in order. False when the
   * client is already gone (the session then waits out its grace window).
   */
  welcome(record: SessionRecord, resumed: boolean, lastSeq: number, frames: readonly Uint8Array[]): boolean;
  /** Sends one encoded PUSH frame (dropped if the connection is closing). */
  sendPush(frame: Uint8Array): void;
  /** The session moved to a newer connection: close this one (4011). */
  takenOver(): void;
  /** The server ended the session: send KICK {code, reason}, then close (4012). */
  kick(code: string, reason: string): void;
  /** The session ended on this node without being handed over (the node stops or lost its lease): close (1001). */
  sessionEnded(): void;
}
