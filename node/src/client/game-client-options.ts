// Options of the GameClient with their defaults, resolved once when the client is made.
import { PROTOCOL_VERSIONS } from '../gate/protocol/index.ts';
import { platformWebSocket, type WebSocketConstructor } from './websocket-like.ts';

/** What chooseUrl is told about the reconnect it picks a URL for. */
export interface UrlChoice {
  /** 'migrate': the gate drains (MIGRATE); 'reconnect': the connection dropped. */
  readonly reason: 'migrate' | 'reconnect';
  /** The URL of the connection that ended. */
  readonly previousUrl: string;
  /** 0 for the first attempt after the connection ended. */
  readonly attempt: number;
}

export interface GameClientOptions {
  /** A request with no answer after this long rejects with GC_ERR_ASK_TIMEOUT (default: 10 000). */
  requestTimeoutMs?: number;
  /** Reconnect and resume after a reconnectable close code (default: true). */
  reconnect?: boolean;
  /** First reconnect delay; doubles per attempt, with jitter (default: 250). */
  reconnectBaseDelayMs?: number;
  /** Longest reconnect delay (default: 10 000). */
  reconnectMaxDelayMs?: number;
  /** Attempts before giving up and emitting 'closed' (default: 12, about a minute with the default delays). */
  maxReconnectAttempts?: number;
  /** No WELCOME this long after opening the socket fails the attempt (default: 10 000). */
  handshakeTimeoutMs?: number;
  /** The gate is taken for dead when nothing arrives for this long (default: WELCOME.heartbeatMs). */
  heartbeatTimeoutMs?: number;
  /** ACK at least this often while pushes arrive (default: 1 000). */
  ackIntervalMs?: number;
  /** ACK at once when this many pushes are unacknowledged (default: 64). */
  ackEveryPushes?: number;
  /** Requests and notifies that may wait to be sent (over the pending limit, or while reconnecting) (default: 1 000). */
  maxQueuedRequests?: number;
  /** Picks the URL of each reconnect, e.g. another gate after MIGRATE (default: the URL given to connect()). */
  chooseUrl?: (choice: UrlChoice) => string | Promise<string>;
  /** Protocol versions to offer in HELLO (default: PROTOCOL_VERSIONS). */
  versions?: readonly number[];
  /** HELLO.agent: names the client build in the gate's logs (default: 'gamecluster-js'). */
  agent?: string;
  /** The WebSocket constructor (default: the global WebSocket of browsers and Node 22+). */
  WebSocket?: WebSocketConstructor;
  /** Randomness for reconnect jitter (default: Math.random). */
  random?: () => number;
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
export const DEFAULT_RECONNECT_BASE_DELAY_MS = 250;
export const DEFAULT_RECONNECT_MAX_DELAY_MS = 10_000;
export const DEFAULT_MAX_RECONNECT_ATTEMPTS = 12;
export const DEFAULT_HANDSHAKE_TIMEOUT_MS = 10_000;
export const DEFAULT_ACK_INTERVAL_MS = 1_000;
export const DEFAULT_ACK_EVERY_PUSHES = 64;
export const DEFAULT_MAX_QUEUED_REQUESTS = 1_000;
export const DEFAULT_AGENT = 'gamecluster-js';

export type ResolvedGameClientOptions = Readonly<
  Required<Omit<GameClientOptions, 'heartbeatTimeoutMs' | 'chooseUrl' | 'WebSocket'>> & {
    heartbeatTimeoutMs: number | undefined;
    chooseUrl: GameClientOptions['chooseUrl'];
    WebSocket: WebSocketConstructor;
  }
>;

export function resolveGameClientOptions(options: GameClientOptions = {}): ResolvedGameClientOptions {
  const WebSocket = options.WebSocket ?? platformWebSocket();
  if (WebSocket === undefined) {
    throw new TypeError('no global WebSocket on this platform: pass options.WebSocket (e.g. from the ws package)');
  }
  for (const [name, value] of Object.entries(options)) {
    if (name.endsWith('Ms') || name.startsWith('max') || name === 'ackEveryPushes') {
      if (value !== undefined && (typeof value !== 'number' || !(value >= 0))) {
        throw new TypeError(`GameClient option ${name} must be a non-negative number, got ${String(value)}`);
      }
    }
  }
  return {
    requestTimeoutMs: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    reconnect: options.reconnect ?? true,
    reconnectBaseDelayMs: options.reconnectBaseDelayMs ?? DEFAULT_RECONNECT_BASE_DELAY_MS,
    reconnectMaxDelayMs: options.reconnectMaxDelayMs ?? DEFAULT_RECONNECT_MAX_DELAY_MS,
    maxReconnectAttempts: options.maxReconnectAttempts ?? DEFAULT_MAX_RECONNECT_ATTEMPTS,
    handshakeTimeoutMs: options.handshakeTimeoutMs ?? DEFAULT_HANDSHAKE_TIMEOUT_MS,
    heartbeatTimeoutMs: options.heartbeatTimeoutMs,
    ackIntervalMs: options.ackIntervalMs ?? DEFAULT_ACK_INTERVAL_MS,
    ackEveryPushes: Math.max(1, options.ackEveryPushes ?? DEFAULT_ACK_EVERY_PUSHES),
    maxQueuedRequests: options.maxQueuedRequests ?? DEFAULT_MAX_QUEUED_REQUESTS,
    chooseUrl: options.chooseUrl,
    versions: options.versions ?? PROTOCOL_VERSIONS,
    agent: options.agent ?? DEFAULT_AGENT,
    WebSocket,
    random: options.random ?? Math.random,
  };
}
