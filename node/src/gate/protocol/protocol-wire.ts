// Every number and name of the client protocol (docs/protocol.md), shared by the gate and the client SDK: frame
// types, close codes and the protocol version. Numbers are never reused for another meaning.
//
// A WebSocket binary message is one frame: a msgpack array whose first element is the frame type.
//   client -> gate                                   gate -> client
//   HELLO     [1, hello]                              WELCOME   [16, welcome]
//   REQUEST   [2, requestId, route, args]             RESPONSE  [17, requestId, result]
//   NOTIFY    [3, route, args]                        ERROR     [18, requestId, error]   (requestId 0: not about a request)
//   PING      [4, nonce]       (both ways)            PUSH      [19, seq, event, data]
//   PONG      [5, nonce]       (both ways)            MIGRATE   [21, migrate]
//   ACK       [6, lastSeq]                            KICK      [22, kick]

/** Protocol versions this code speaks; HELLO lists the client's, WELCOME names the one chosen. */
export const PROTOCOL_VERSIONS: readonly number[] = [1];

export const FrameType = {
  Hello: 1,
  Request: 2,
  Notify: 3,
  Ping: 4,
  Pong: 5,
  Ack: 6,
  Welcome: 16,
  Response: 17,
  Error: 18,
  Push: 19,
  Migrate: 21,
  Kick: 22,
} as const;
export type FrameType = (typeof FrameType)[keyof typeof FrameType];

/**
 * WebSocket close codes the gate uses (4000-4999 is the application range; 1001 and 1009 are standard). Every
 * connection the gate ends, it ends with one of these; docs/protocol.md says what each means and what a client does.
 */
export const CloseCode = {
  /** The gate shuts down. Reconnect (elsewhere) and resume. */
  GoingAway: 1001,
  /** Broken WebSocket framing (e.g. an unmasked client frame): the ws library closes with it. */
  ProtocolViolation: 1002,
  /** A frame was larger than maxFrameBytes (the ws library's own code for it). */
  FrameTooLarge: 1009,
  /** A frame could not be decoded or broke the protocol (e.g. REQUEST before HELLO). */
  ProtocolError: 4000,
  /** The token is missing, malformed, badly signed or expired; or the resume token is. */
  AuthFailed: 4001,
  /** No HELLO within the handshake timeout. */
  HandshakeTimeout: 4002,
  /** More messages per second than the connection's token bucket allows. */
  RateLimited: 4004,
  /** More requests awaiting responses than maxPendingRequests. */
  TooManyPending: 4005,
  /** The client does not read: the outbound buffer passed its cap. */
  SlowConsumer: 4006,
  /** Nothing received (not even PONG) within the idle timeout. */
  IdleTimeout: 4007,
  /** The gate holds its maximum number of connections. Try another gate. */
  GateFull: 4008,
  /** Too many handshakes or logins from this IP address in the window. */
  TooManyAttempts: 4009,
  /** No protocol version in common. */
  UnsupportedVersion: 4010,
  /** The same session was resumed on another connection. */
  SessionTakenOver: 4011,
  /** The server ended the session (KICK frame first). Do not reconnect automatically. */
  Kicked: 4012,
  /** The gate drains: after the MIGRATE frame, reconnect to another gate and resume. */
  Migrate: 4013,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/** Close codes after which the client SDK reconnects and resumes on its own. */
export const RECONNECTABLE_CLOSE_CODES: ReadonlySet<number> = new Set([
  CloseCode.GoingAway,
  CloseCode.IdleTimeout,
  CloseCode.SlowConsumer,
  CloseCode.Migrate,
  CloseCode.GateFull,
  1006, // abnormal closure (network)
]);
