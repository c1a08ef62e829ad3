// The node's admin HTTP side: metrics, health, readiness and status.

export { type AdminConfig, describeAdminConfig, parseAdminConfig } from './admin-config.ts';
export { AdminServer, type AdminServerOptions } from './admin-server.ts';
export { isReady, type NodeStatus, nodeStatus } from './node-status.ts';
