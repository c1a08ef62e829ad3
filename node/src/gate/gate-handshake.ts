// The handshake after HELLO: a protocol version in common (else 4010), a valid login token and, to resume, a
// resume token for that session and player (else ERROR + 4001), then the session attached to the connection (its
// WELCOME goes out from the Session actor). A session not ready in time answers ERROR + 1001: reconnect and resume.

import { AuthFailedError } from './errors.ts';
import type { GateConnection } from './gate-connection.ts';
import type { HelloBody } from './protocol/frames.ts';
import { CloseCode, PROTOCOL_VERSIONS } from './protocol/protocol-wire.ts';
import { chooseProtocolVersion } from './protocol/version-negotiation.ts';
import { verifyResumeToken } from './resume-token.ts';
import { type AttachDeps, attachSession, type ResumeClaim } from './session-attach.ts';
import { verifyToken } from './token.ts';

export interface HandshakeDeps {
  readonly clusterKey: Uint8Array;
  readonly handshakeTimeoutMs: number;
  readonly attach: AttachDeps;
}

export async function runHandshake(deps: HandshakeDeps, connection: GateConnection, hello: HelloBody): Promise<void> {
  const version = chooseProtocolVersion(hello.versions, PROTOCOL_VERSIONS);
  if (version === null) {
    connection.close(
      CloseCode.UnsupportedVersion,
      `no protocol version in common: this gate speaks ${PROTOCOL_VERSIONS.join(', ')}`,
    );
    return;
  }
  const key = deps.clusterKey;
  const now = Date.now();
  let playerId: string;
  let resume: ResumeClaim = { sessionId: null, lastSeq: 0 };
  try {
    playerId = verifyToken(key, hello.token, now).sub;
    if (hello.resume !== undefined) {
      verifyResumeToken(key, hello.resume.resumeToken, { sessionId: hello.resume.sessionId, playerId }, now);
      resume = { sessionId: hello.resume.sessionId, lastSeq: hello.resume.lastSeq };
    }
  } catch (error) {
    if (!(error instanceof AuthFailedError)) throw error;
    connection.fail(0, error);
    connection.close(CloseCode.AuthFailed, error.message);
    return;
  }
  connection.version = version;
  connection.playerId = playerId;
  try {
    await attachSession(deps.attach, connection, playerId, resume, connection.openedAt + deps.handshakeTimeoutMs);
  } catch (error) {
    if (!connection.waitingForSession) return;
    connection.fail(0, error);
    connection.close(CloseCode.GoingAway, 'the session is not available right now; reconnect and resume');
  }
}
