// The public API of @gamecluster/node: the actor runtime, the cluster layer, state and persistence, the game
// node, timers and ids. Later layers (gate, roles) add their sections here.

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
  currentTraceId,
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
// Admin server
export { AdminServer, isReady, type NodeStatus, nodeStatus } from './admin/index.ts';
// Game client SDK and the client protocol (browser-safe)
export {
  ClientQueueFullError,
  ConnectionLostError,
  GameClient,
  NotConnectedError,
} from './client/index.ts';
// Cluster
export {
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
} from './cluster/index.ts';
// Errors
export { type ErrorData, fromErrorData, GameclusterError, registeredErrorCodes, toErrorData } from './errors/index.ts';
// Game node (cluster + persistence + db role)
export { DB_ROLE, type GameApp, GameNode, type GameNodeOptions } from './game-node.ts';
export { BUILT_IN_APPS, gameNodeFrom, gameNodeProcessFrom, runGameNode } from './game-node-process.ts';
// Gate
export {
  AuthFailedError,
  bindClient,
  Gate,
  type GateOptions,
  InvalidBindingError,
  InvalidGateConfigError,
  InvalidPushError,
  installGate,
  kickClient,
  NotAllowedError,
  SessionUnavailableError,
  signToken,
  UnknownRouteError,
  unbindClient,
  verifyToken,
} from './gate/index.ts';
export {
  CloseCode,
  decodeClientFrame,
  decodeServerFrame,
  encodeClientFrame,
  encodeServerFrame,
  FrameType,
  PROTOCOL_VERSIONS,
  ProtocolError,
} from './gate/protocol/index.ts';
// Ids
export { parseSnowflake, SnowflakeGenerator, type SnowflakeOptions } from './ids/index.ts';
// Tracing (OpenTelemetry): a node's tracer, and the context of the running turn for spans of your own
export { activeTraceContext, NodeTracing, type NodeTracingOptions } from './observability/tracing.ts';
export { DEFAULT_DB_SHARDS, ShardBackend, StoreShard } from './roles/db/index.ts';
// Match role
export {
  AlreadyQueuedError,
  InvalidMatchConfigError,
  InvalidTicketError,
  installMatch,
  MATCH_ROLE,
  Matchmaker,
  MatchRoomFailedError,
  type QueueConfig,
  registerQueue,
  UnknownQueueError,
} from './roles/match/index.ts';
// World role
export {
  AccountLockedError,
  ChatChannel,
  ChatChannelFullError,
  ChatRateLimitedError,
  InsufficientGoldError,
  InvalidAmountError,
  InvalidChatChannelError,
  InvalidChatMessageError,
  InvalidLeaderboardInputError,
  InvalidLoginRequestError,
  InvalidPlayerInputError,
  InvalidWorldConfigError,
  installWorld,
  LeaderboardShard,
  LoginFailedError,
  leaderboardRank,
  leaderboardSubmit,
  leaderboardTop,
  NotInChannelError,
  Player,
  UsernameTakenError,
  WORLD_ROLE,
} from './roles/world/index.ts';
// Zone role
export {
  InvalidMoveError,
  InvalidSceneActionError,
  InvalidSceneEntityError,
  InvalidSceneRulesError,
  InvalidSceneSpecError,
  InvalidZoneConfigError,
  installZone,
  type JoinInfo,
  NotInSceneError,
  registerSceneRules,
  Scene,
  SceneClosedError,
  type SceneHandle,
  SceneJoinRefusedError,
  SceneNotOpenError,
  type SceneRules,
  type SceneSpec,
  UnknownSceneTypeError,
  ZONE_ROLE,
} from './roles/zone/index.ts';
// State and persistence
export {
  InvalidDocumentError,
  InvalidStoreConfigError,
  PersistenceBackpressureError,
  StaleEpochError,
  StoreSchemaError,
  StoreUnavailableError,
} from './state/errors.ts';
export { DirectBackend, Persistence, PersistentActor, type StateBackend } from './state/persistence/index.ts';
export type { LoadRequest, LoadResult, SaveRequest, SaveResult, StateStore } from './state/state-store.ts';
export { createStateStore, parseStoreConfig } from './state/store-config.ts';
export { MemoryStateStore, PGliteStateStore, PostgresStateStore } from './state/stores/index.ts';

// Timers
export { processTimingWheel, TimerEntry, TimerHandle, TimingWheel, type TimingWheelOptions } from './timer/index.ts';
