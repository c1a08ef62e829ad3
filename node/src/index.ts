// The public API of @gamecluster/node: the actor runtime, the cluster layer, timers and ids. Later layers
// (state, gate, roles) add their sections here.

// Actor runtime
export {
  ActivationFailedError,
  Actor,
  type ActorClass,
  type ActorContext,
  ActorHandlerError,
  type ActorKind,
  type ActorRef,
  ActorSystem,
  type ActorSystemOptions,
  ActorSystemStoppedError,
  type ActorTimer,
  type ActorTimerOptions,
  AskTimeoutError,
  currentCallChain,
  DeadlockError,
  decodeEnvelope,
  decodeResponse,
  type Envelope,
  encodeEnvelope,
  encodeResponse,
  InvalidKindError,
  type KindOptions,
  MailboxFullError,
  type MessageName,
  type Placement,
  type ResponseEnvelope,
  SerializationError,
  UnknownActorKindError,
  UnknownMethodError,
} from './actor/index.ts';

// Cluster
export {
  type ClusterApp,
  type ClusterConfig,
  ClusterNode,
  type ClusterNodeOptions,
  type ClusterProvider,
  ClusterUnavailableError,
  type DirectoryEntry,
  EtcdClusterProvider,
  InvalidClusterConfigError,
  type LeaseHealth,
  LeastLoadedPlacement,
  type MemberInfo,
  MemoryCluster,
  MemoryClusterProvider,
  MeshProtocolError,
  NodeFencedError,
  NoEligibleMemberError,
  PeerOverloadedError,
  PeerUnavailableError,
  type PlacementStrategy,
  RandomPlacement,
  RoutingLoopError,
  runClusterNode,
} from './cluster/index.ts';

// Errors
export { type ErrorData, fromErrorData, GameclusterError, registeredErrorCodes, toErrorData } from './errors/index.ts';

// Ids
export { parseSnowflake, SnowflakeGenerator, type SnowflakeOptions } from './ids/index.ts';

// Timers
export { processTimingWheel, TimerEntry, TimerHandle, TimingWheel, type TimingWheelOptions } from './timer/index.ts';
