// The frames of the client protocol as typed values (protocol-wire.ts has their numbers, docs/protocol.md their
// meaning). The codec (codec.ts) turns bytes into these and back and refuses every malformed shape.

export interface HelloBody {
  /** Protocol versions the client speaks. */
  readonly versions: readonly number[];
  /** Signed login token (see docs/protocol.md "Tokens"). */
  readonly token: string;
  /** Present when the client resumes a session it had on any gate. */
  readonly resume?: { readonly sessionId: string; readonly resumeToken: string; readonly lastSeq: number };
  /** Free text identifying the client build, for logs. */
  readonly agent?: string;
}

export interface WelcomeBody {
  readonly version: number;
  readonly sessionId: string;
  /** Give it back in HELLO.resume to resume this session after a disconnect. */
  readonly resumeToken: string;
  readonly playerId: string;
  /** True when the session was resumed: the missed pushes follow, in order. */
  readonly resumed: boolean;
  /** Sequence number of the last push sent before this WELCOME (0 for a new session). */
  readonly lastSeq: number;
  /** Send PING (or anything) at least this often; the gate closes idle connections. */
  readonly heartbeatMs: number;
  readonly limits: {
    readonly maxFrameBytes: number;
    readonly messagesPerSecond: number;
    readonly burst: number;
    readonly maxPendingRequests: number;
  };
}

export interface ErrorBody {
  /** A GC_ERR_* code (docs/errors.md) or a game's own code. */
  readonly code: string;
  readonly message: string;
  readonly details?: Record<string, unknown>;
}

export interface MigrateBody {
  readonly reason: string;
  /** Wait this long before reconnecting (spreads a drained gate's clients). */
  readonly retryAfterMs?: number;
}

export interface KickBody {
  readonly code: string;
  readonly reason: string;
}

export type ClientFrame =
  | { readonly type: 1; readonly hello: HelloBody }
  | { readonly type: 2; readonly requestId: number; readonly route: string; readonly args: readonly unknown[] }
  | { readonly type: 3; readonly route: string; readonly args: readonly unknown[] }
  | { readonly type: 4; readonly nonce: number }
  | { readonly type: 5; readonly nonce: number }
  | { readonly type: 6; readonly lastSeq: number };

export type ServerFrame =
  | { readonly type: 16; readonly welcome: WelcomeBody }
  | { readonly type: 17; readonly requestId: number; readonly result: unknown }
  | { readonly type: 18; readonly requestId: number; readonly error: ErrorBody }
  | { readonly type: 19; readonly seq: number; readonly event: string; readonly data: unknown }
  | { readonly type: 4; readonly nonce: number }
  | { readonly type: 5; readonly nonce: number }
  | { readonly type: 21; readonly migrate: MigrateBody }
  | { readonly type: 22; readonly kick: KickBody };
