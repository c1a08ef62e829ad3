// The cluster layer's public API: a node (actor system + membership + mesh), the providers, placement,
// configuration and errors.

export { type ClusterConfig, describeClusterConfig, parseClusterConfig } from './cluster-config.ts';
export { ClusterNode, type ClusterNodeOptions } from './cluster-node.ts';
export type { ClusterProvider, ClusterProviderEvents, DirectoryEntry, LeaseHealth } from './cluster-provider.ts';
export { ClusterRouter, type ClusterRouterOptions } from './cluster-router.ts';
export {
  ClusterUnavailableError,
  InvalidClusterConfigError,
  MeshProtocolError,
  NodeFencedError,
  NoEligibleMemberError,
  PeerOverloadedError,
  PeerUnavailableError,
  RoutingLoopError,
} from './errors.ts';
export { EtcdClusterProvider } from './etcd/index.ts';
export type { MemberInfo, MemberRegistration, MemberStatus } from './member.ts';
export { MemoryCluster, MemoryClusterProvider } from './memory/index.ts';
export { clusterNodeOptionsFrom, providerFor, splitAppArguments } from './node-process.ts';
export {
  LeastLoadedPlacement,
  type PlacementStrategy,
  placementCandidates,
  RandomPlacement,
  rendezvousOwner,
} from './placement/index.ts';
export { MeshTransport, type MeshTransportOptions } from './transport/index.ts';
