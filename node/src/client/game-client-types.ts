// The public types of the GameClient: its state, how it authenticates, the session it reports, and the
// listeners for pushes and for its own lifecycle.
import type { KickBody, MigrateBody, WelcomeBody } from '../gate/protocol/index.ts';
import type { CloseInfo } from './gate-connection.ts';

export type GameClientState = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closed';

/** How the client proves who it is: a token, or a function that fetches a fresh one for every handshake. */
export interface ConnectAuth {
  token?: string;
  getToken?: () => string | Promise<string>;
}

export interface SessionInfo {
  readonly url: string;
  readonly sessionId: string;
  readonly playerId: string;
  readonly protocolVersion: number;
  /** True when an earlier session was resumed (missed pushes follow); false for a new session. */
  readonly resumed: boolean;
  readonly heartbeatMs: number;
  readonly limits: WelcomeBody['limits'];
}

export interface PushMeta {
  readonly event: string;
  readonly seq: number;
}

export type PushHandler<T = unknown> = (data: T, meta: PushMeta) => void;

export interface DisconnectInfo extends CloseInfo {
  readonly willReconnect: boolean;
}

export interface GameClientLifecycle {
  /** A new session began (first connect, or a reconnect whose session could not be resumed: resync state). */
  connected: (session: SessionInfo) => void;
  /** The session was resumed after a reconnect; pushes missed meanwhile are delivered next. */
  resumed: (session: SessionInfo) => void;
  /** The connection ended; `willReconnect` says whether the client tries to resume. */
  disconnected: (info: DisconnectInfo) => void;
  reconnecting: (info: { readonly attempt: number; readonly delayMs: number }) => void;
  /** The client stopped for good (close(), KICK, a final close code, or reconnecting gave up). */
  closed: (info: CloseInfo) => void;
  /** The gate drains: the client reconnects after retryAfterMs and resumes. */
  migrate: (migrate: MigrateBody) => void;
  /** The server ended the session; 'closed' follows and the client does not reconnect. */
  kick: (kick: KickBody) => void;
  /** ERROR frames that answer no request, and exceptions thrown by listeners. */
  error: (error: unknown) => void;
}
