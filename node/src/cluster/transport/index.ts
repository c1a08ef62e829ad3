// The mesh transport's public API: the transport, its options and the shapes it exchanges with the router.

export type { MeshStats } from './mesh-stats.ts';
export { MeshTransport } from './mesh-transport.ts';
export type {
  MeshHandler,
  MeshPeer,
  MeshTlsOptions,
  MeshTransportOptions,
} from './mesh-transport-options.ts';
export {
  DEFAULT_KEEPALIVE_INTERVAL_MS,
  DEFAULT_KEEPALIVE_TIMEOUT_MS,
  DEFAULT_MAX_BATCH_ENVELOPES,
  DEFAULT_MAX_FRAME_BYTES,
  DEFAULT_MAX_QUEUED_PER_PEER,
  DEFAULT_RECONNECT_INITIAL_MS,
  DEFAULT_RECONNECT_MAX_MS,
  DEFAULT_SWEEP_INTERVAL_MS,
} from './mesh-transport-options.ts';
export { MESH_PROTOCOL_VERSION } from './mesh-wire.ts';
export type { MeshResponse } from './peer-outbox.ts';
export type { PendingAsk } from './pending-asks.ts';
