// The node's admin HTTP side: metrics, health, readiness, status and the drain (POST /drain and the preStop
// command).

export {
  type AdminConfig,
  DEFAULT_SIGTERM_DRAIN_SECONDS,
  describeAdminConfig,
  parseAdminConfig,
} from './admin-config.ts';
export { bearerHeader, MIN_ADMIN_KEY_BYTES, presentsAdminKey } from './admin-key.ts';
export { AdminServer, type AdminServerOptions } from './admin-server.ts';
export type { AuthFailureWindowOptions } from './auth-failure-window.ts';
export { type DrainCommandResult, type DrainNodeOptions, drainNode, runDrainCommand } from './drain-command.ts';
export {
  DEFAULT_DRAIN_TIMEOUT_SECONDS,
  type DrainCommandConfig,
  describeDrainCommand,
  parseDrainCommandConfig,
} from './drain-command-config.ts';
export {
  type DrainProgress,
  type DrainRequest,
  type DrainStart,
  type DrainState,
  DrainTracker,
  type DrainTrackerOptions,
  NO_DRAIN,
} from './drain-tracker.ts';
export { isReady, type NodeStatus, nodeStatus } from './node-status.ts';
