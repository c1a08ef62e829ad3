// Errors of the cluster layer (membership, directory, placement, mesh). Codes are stable and documented in
// docs/errors.md; each class registers itself so it crosses the mesh as the same class.
import { GameclusterError, registerErrorCode } from '../errors/index.ts';

type ErrorOptions = { cause?: unknown; details?: Record<string, unknown> };

/**
 * The coordination store (etcd) cannot be reached or this node holds no valid lease: existing activations keep
 * serving, but nothing new can be claimed. Retry later; the node recovers by itself when etcd returns.
 */
export class ClusterUnavailableError extends GameclusterError {
  static readonly code = 'GC_ERR_CLUSTER_UNAVAILABLE';
  constructor(message: string, options?: ErrorOptions) {
    super(ClusterUnavailableError.code, message, options);
  }
}

/** The outbound queue to a peer is full: the peer or the network cannot keep up; back off and retry. */
export class PeerOverloadedError extends GameclusterError {
  static readonly code = 'GC_ERR_PEER_OVERLOADED';
  constructor(message: string, options?: ErrorOptions) {
    super(PeerOverloadedError.code, message, options);
  }
}

/**
 * The peer that hosts the target left the cluster, died, or cannot be reached; asks pending on it fail at once.
 * The message may or may not have been handled (delivery is at most once). A retry is routed afresh.
 */
export class PeerUnavailableError extends GameclusterError {
  static readonly code = 'GC_ERR_PEER_UNAVAILABLE';
  constructor(message: string, options?: ErrorOptions) {
    super(PeerUnavailableError.code, message, options);
  }
}

/** No active member has a role that may host the kind: start a node with that role, or fix the kind's roles. */
export class NoEligibleMemberError extends GameclusterError {
  static readonly code = 'GC_ERR_NO_ELIGIBLE_MEMBER';
  constructor(message: string, options?: ErrorOptions) {
    super(NoEligibleMemberError.code, message, options);
  }
}

/**
 * A message was redirected between nodes more times than allowed while the directory changed under it; it was
 * dropped rather than bounce forever. Retry: the directory settles within a lease TTL.
 */
export class RoutingLoopError extends GameclusterError {
  static readonly code = 'GC_ERR_ROUTING_LOOP';
  constructor(message: string, options?: ErrorOptions) {
    super(RoutingLoopError.code, message, options);
  }
}

/**
 * This node lost its lease (it was partitioned or paused past its TTL) and stopped serving its activations so
 * another node can take them over; the message was not handled. Retry: it is routed to the new owner.
 */
export class NodeFencedError extends GameclusterError {
  static readonly code = 'GC_ERR_NODE_FENCED';
  constructor(message: string, options?: ErrorOptions) {
    super(NodeFencedError.code, message, options);
  }
}

/** Cluster configuration (flags, env, options) is invalid; the message lists every problem. */
export class InvalidClusterConfigError extends GameclusterError {
  static readonly code = 'GC_ERR_INVALID_CLUSTER_CONFIG';
  constructor(message: string, options?: ErrorOptions) {
    super(InvalidClusterConfigError.code, message, options);
  }
}

/** A mesh frame from a peer could not be decoded: the peer runs an incompatible version, or the data is corrupt. */
export class MeshProtocolError extends GameclusterError {
  static readonly code = 'GC_ERR_MESH_PROTOCOL';
  constructor(message: string, options?: ErrorOptions) {
    super(MeshProtocolError.code, message, options);
  }
}

for (const ErrorClass of [
  ClusterUnavailableError,
  PeerOverloadedError,
  PeerUnavailableError,
  NoEligibleMemberError,
  RoutingLoopError,
  NodeFencedError,
  InvalidClusterConfigError,
  MeshProtocolError,
]) {
  registerErrorCode(ErrorClass.code, (data) => new ErrorClass(data.message, { details: data.details }));
}
