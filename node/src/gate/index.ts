// The gate layer's public API: installing it on a node, the Gate, tokens, the helpers game code uses to shape a
// client's view (bind, unbind, kick), and the errors. The wire protocol itself is ./protocol.

// Sessions and what game code does with them
export { bindClient, kickClient, type RefMaker, unbindClient } from './bind-client.ts';
// Errors
export {
  AuthFailedError,
  InvalidBindingError,
  InvalidGateConfigError,
  InvalidPushError,
  NotAllowedError,
  SessionUnavailableError,
  UnknownRouteError,
} from './errors.ts';
// The gate
export { DEV_LOGIN_PATH, GATE_PATH, Gate, type GateDrainResult, type GateStats } from './gate.ts';
export { describeGateConfig, GATE_CONFIG_OPTIONS, type GateConfig, parseGateConfig } from './gate-config.ts';
export type {
  IssuedToken,
  JsonRouteHandler,
  JsonRouteOptions,
  JsonRouteReply,
  JsonRouteRequest,
} from './gate-http.ts';
export { type GateOptions, type ResolvedGateOptions, resolveGateOptions } from './gate-options.ts';
// Installing
export {
  type GateHostNode,
  hostsGate,
  type InstalledGate,
  type InstallGateOptions,
  installGate,
} from './install-gate.ts';
// Tokens
export { type ResumeClaims, signResumeToken, verifyResumeToken } from './resume-token.ts';
export { GATE_ROLE, PLAYER_BINDING, SESSION_KIND, Session, type SessionDescription } from './session.ts';
export type { SessionOptions } from './session-options.ts';
export { SessionPushService } from './session-push-service.ts';
export { signToken, type TokenClaims, verifyToken } from './token.ts';
