// The client SDK for browsers and Node: GameClient and its types and errors. Shares the protocol codec with the
// gate; uses the platform's WebSocket. The fake gate for tests lives in ./testing/fake-gate.ts (Node only).

export { AskTimeoutError } from '../actor/errors.ts';
// Protocol numbers a client may need (close codes in 'disconnected'/'closed')
export { CloseCode, PROTOCOL_VERSIONS, ProtocolError, RECONNECTABLE_CLOSE_CODES } from '../gate/protocol/index.ts';
// Errors
export { ClientQueueFullError, ConnectionLostError, NotConnectedError } from './errors.ts';
// Client
export { GameClient } from './game-client.ts';
export {
  DEFAULT_ACK_EVERY_PUSHES,
  DEFAULT_ACK_INTERVAL_MS,
  DEFAULT_HANDSHAKE_TIMEOUT_MS,
  DEFAULT_MAX_QUEUED_REQUESTS,
  DEFAULT_MAX_RECONNECT_ATTEMPTS,
  DEFAULT_RECONNECT_BASE_DELAY_MS,
  DEFAULT_RECONNECT_MAX_DELAY_MS,
  DEFAULT_REQUEST_TIMEOUT_MS,
  type GameClientOptions,
  type UrlChoice,
} from './game-client-options.ts';
export type {
  ConnectAuth,
  DisconnectInfo,
  GameClientLifecycle,
  GameClientState,
  PushHandler,
  PushMeta,
  SessionInfo,
} from './game-client-types.ts';
export type { CloseInfo } from './gate-connection.ts';
export type { WebSocketConstructor, WebSocketLike } from './websocket-like.ts';
