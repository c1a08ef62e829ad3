// The node's Prometheus registry: process metrics (prom-client's defaults) and the metrics catalogue of
// docs/metrics.md, every one read from the node's layers at scrape time, so nothing on a hot path pays for
// prom-client. One registry per node (a test process may run several); every metric is registered on every node,
// with zeros (or no series) where the node lacks the role.
import { collectDefaultMetrics, Registry } from 'prom-client';
import type { ActorKind } from '../actor/actor-kind.ts';
import type { GameNode } from '../game-node.ts';
import { CloseCode } from '../gate/protocol/protocol-wire.ts';
import { SessionRegistry } from '../gate/session-registry.ts';
import { registerScraped, registerScrapedHistogram, type Sample } from '../observability/scraped-metric.ts';
import { NodeTracing } from '../observability/tracing.ts';
import { queueSizes } from '../roles/match/install-match.ts';
import { MatchStats } from '../roles/match/match-stats.ts';
import { LOGIN_METHODS, LoginStats } from '../roles/world/login-stats.ts';
import { localScenes } from '../roles/zone/install-zone.ts';
import { ZoneStats } from '../roles/zone/zone-stats.ts';

const LEASE_STATES = ['healthy', 'unreachable', 'fenced'] as const;

/** Close codes that get their own label value; anything else a client sends is counted as "other". */
const LABELLED_CLOSE_CODES: ReadonlySet<number> = new Set([
  1000, // normal closure (the client closed)
  1005, // closed without a status code
  1006, // abnormal closure (the connection dropped)
  ...Object.values(CloseCode),
]);

export function nodeMetrics(node: GameNode): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ role: node.cluster.roles.length === 0 ? 'all' : node.cluster.roles.join('+') });
  collectDefaultMetrics({ register: registry, prefix: 'gamecluster_' });
  actorMetrics(registry, node);
  clusterMetrics(registry, node);
  persistenceMetrics(registry, node);
  gateMetrics(registry, node);
  roleMetrics(registry, node);
  tracingMetrics(registry, node);
  return registry;
}

function actorMetrics(registry: Registry, node: GameNode): void {
  const perKind = (value: (kind: ActorKind) => number) => (): Sample[] =>
    [...node.system.kinds()].map((kind) => ({ labels: { kind: kind.name }, value: value(kind) }));
  const total = (value: (kind: ActorKind) => number) => (): number => {
    let sum = 0;
    for (const kind of node.system.kinds()) sum += value(kind);
    return sum;
  };
  gauge(
    registry,
    'gamecluster_actor_activations',
    'Live actor activations on this node.',
    ['kind'],
    perKind((kind) => kind.activations.size),
  );
  counter(
    registry,
    'gamecluster_actor_activations_total',
    'Actor activations created on this node.',
    ['kind'],
    perKind((kind) => kind.stats.activations),
  );
  counter(
    registry,
    'gamecluster_actor_deactivations_total',
    'Actor activations removed on this node.',
    ['kind'],
    perKind((kind) => kind.stats.deactivations),
  );
  registerScrapedHistogram(registry, {
    name: 'gamecluster_actor_message_duration_seconds',
    help: 'Turn duration per message (one turn in 64 timed, each standing for 64).',
    labelNames: ['kind'],
    read: () =>
      [...node.system.kinds()].map((kind) => ({ labels: { kind: kind.name }, histogram: kind.stats.turnSeconds })),
  });
  gauge(
    registry,
    'gamecluster_actor_mailbox_depth',
    'Messages queued for the activations of a kind.',
    ['kind'],
    perKind((kind) => {
      let queued = 0;
      for (const activation of kind.activations.values()) queued += activation.queued;
      return queued;
    }),
  );
  counter(
    registry,
    'gamecluster_actor_ask_timeouts_total',
    'Asks from this node that reached their deadline.',
    [],
    total((kind) => kind.stats.askTimeouts),
  );
  counter(
    registry,
    'gamecluster_actor_deadlocks_total',
    'Asks refused for closing a wait-for cycle.',
    [],
    total((kind) => kind.stats.deadlocks),
  );
}

function clusterMetrics(registry: Registry, node: GameNode): void {
  const cluster = node.cluster;
  counter(
    registry,
    'gamecluster_mesh_messages_sent_total',
    'Mesh records written (tells, asks, responses).',
    [],
    () => cluster.transport.stats().envelopesSent,
  );
  counter(
    registry,
    'gamecluster_mesh_messages_received_total',
    'Mesh records received from peers.',
    [],
    () => cluster.transport.stats().envelopesReceived,
  );
  registerScrapedHistogram(registry, {
    name: 'gamecluster_mesh_batch_size',
    help: 'Mesh records per frame written.',
    read: () => cluster.transport.histograms().batchSizes,
  });
  gauge(registry, 'gamecluster_mesh_peers', 'Member peers by the state of their mesh stream.', ['state'], () =>
    Object.entries(cluster.transport.peerStates()).map(([state, value]) => ({ labels: { state }, value })),
  );
  registerScrapedHistogram(registry, {
    name: 'gamecluster_mesh_ask_duration_seconds',
    help: 'Remote asks from queueing to their response.',
    read: () => cluster.transport.histograms().askSeconds,
  });
  gauge(
    registry,
    'gamecluster_cluster_members',
    'Members this node sees in the cluster.',
    [],
    () => cluster.provider.members().size,
  );
  counter(
    registry,
    'gamecluster_directory_claims_total',
    'Directory claims this node made.',
    [],
    () => cluster.router.claimStats.claims,
  );
  counter(
    registry,
    'gamecluster_directory_claim_conflicts_total',
    'Claims another member had already won.',
    [],
    () => cluster.router.claimStats.conflicts,
  );
  gauge(registry, 'gamecluster_cluster_lease_healthy', '1 while this node’s lease is healthy, else 0.', [], () =>
    cluster.health() === 'healthy' ? 1 : 0,
  );
  gauge(registry, 'gamecluster_cluster_lease_state', '1 for the current state of this node’s lease.', ['state'], () => {
    const health = cluster.health();
    return LEASE_STATES.map((state) => ({ labels: { state }, value: state === health ? 1 : 0 }));
  });
  gauge(registry, 'gamecluster_node_load', 'The load this node publishes for least-loaded placement.', [], () =>
    cluster.load(),
  );
}

function persistenceMetrics(registry: Registry, node: GameNode): void {
  const stats = node.persistence.stats;
  registerScrapedHistogram(registry, {
    name: 'gamecluster_persistence_flush_duration_seconds',
    help: 'Document saves from sending to the store’s answer.',
    read: () => stats.flushSeconds,
  });
  gauge(registry, 'gamecluster_persistence_dirty_documents', 'Documents with writes not yet saved.', [], () =>
    node.persistence.pendingWrites(),
  );
  counter(
    registry,
    'gamecluster_persistence_stale_epoch_rejections_total',
    'Loads and saves refused as stale.',
    [],
    () => stats.staleEpochRejections,
  );
  counter(
    registry,
    'gamecluster_persistence_store_errors_total',
    'Loads and saves that failed.',
    [],
    () => stats.storeErrors,
  );
}

function gateMetrics(registry: Registry, node: GameNode): void {
  const gate = () => node.gate.gate;
  gauge(
    registry,
    'gamecluster_gate_connections',
    'Open client connections on this node’s gate.',
    [],
    () => gate()?.stats().connections ?? 0,
  );
  gauge(
    registry,
    'gamecluster_gate_sessions',
    'Sessions living on this node (connected or in grace).',
    [],
    () => SessionRegistry.of(node.system).live.size,
  );
  counter(
    registry,
    'gamecluster_gate_frames_received_total',
    'WebSocket messages received from clients.',
    [],
    () => gate()?.counters.framesReceived ?? 0,
  );
  counter(
    registry,
    'gamecluster_gate_frames_sent_total',
    'Frames sent to clients.',
    [],
    () => gate()?.counters.framesSent ?? 0,
  );
  counter(registry, 'gamecluster_gate_closes_total', 'Client connections closed, by close code.', ['code'], () => {
    const byLabel = new Map<string, number>();
    for (const [code, count] of Object.entries(gate()?.stats().closes ?? {})) {
      const label = LABELLED_CLOSE_CODES.has(Number(code)) ? code : 'other';
      byLabel.set(label, (byLabel.get(label) ?? 0) + count);
    }
    return [...byLabel].map(([code, value]) => ({ labels: { code }, value }));
  });
  counter(
    registry,
    'gamecluster_gate_resumes_total',
    'Sessions resumed on this gate.',
    [],
    () => gate()?.counters.resumes ?? 0,
  );
}

function roleMetrics(registry: Registry, node: GameNode): void {
  const system = node.system;
  gauge(
    registry,
    'gamecluster_zone_players',
    'Players in the open scenes on this node.',
    [],
    () => localScenes(system).players,
  );
  gauge(registry, 'gamecluster_zone_scenes', 'Open scenes on this node.', [], () => localScenes(system).scenes);
  registerScrapedHistogram(registry, {
    name: 'gamecluster_zone_tick_duration_seconds',
    help: 'Scene ticks on this node.',
    read: () => ZoneStats.of(system).tickSeconds,
  });
  const queues = () => [...queueSizes(system)];
  gauge(registry, 'gamecluster_match_queue_tickets', 'Tickets waiting in the queues hosted here.', ['queue'], () =>
    queues().map(([queue, status]) => ({ labels: { queue }, value: status.tickets })),
  );
  gauge(registry, 'gamecluster_match_queue_players', 'Players waiting in the queues hosted here.', ['queue'], () =>
    queues().map(([queue, status]) => ({ labels: { queue }, value: status.players })),
  );
  const queueStats = () => [...MatchStats.of(system).queues];
  registerScrapedHistogram(registry, {
    name: 'gamecluster_match_wait_seconds',
    help: 'Ticket waits from enqueue to the match’s room opening.',
    labelNames: ['queue'],
    read: () => queueStats().map(([queue, stats]) => ({ labels: { queue }, histogram: stats.waitSeconds })),
  });
  counter(registry, 'gamecluster_match_matches_total', 'Matches whose room opened.', ['queue'], () =>
    queueStats().map(([queue, stats]) => ({ labels: { queue }, value: stats.matches })),
  );
  counter(registry, 'gamecluster_match_timeouts_total', 'Tickets dropped after the queue’s timeout.', ['queue'], () =>
    queueStats().map(([queue, stats]) => ({ labels: { queue }, value: stats.timeouts })),
  );
  counter(registry, 'gamecluster_login_attempts_total', 'Login requests on this gate.', ['method'], () =>
    LOGIN_METHODS.map((method) => ({ labels: { method }, value: LoginStats.of(system).attempts[method] })),
  );
  counter(
    registry,
    'gamecluster_login_failures_total',
    'Failed logins, by method and reason.',
    ['method', 'reason'],
    () =>
      [...LoginStats.of(system).failureCounts()].map(({ method, reason, count }) => ({
        labels: { method, reason },
        value: count,
      })),
  );
}

function tracingMetrics(registry: Registry, node: GameNode): void {
  // Zero on a node without tracing (`--tracing none`): the series exist on every node, so alerts need no guard.
  const counts = () => (node.system.tracer instanceof NodeTracing ? node.system.tracer.spanCounts() : null);
  counter(registry, 'gamecluster_tracing_spans_exported_total', 'Spans the trace exporter took.', [], () => {
    return counts()?.exported ?? 0;
  });
  counter(registry, 'gamecluster_tracing_spans_lost_total', 'Spans never exported, by reason.', ['reason'], () => {
    const now = counts();
    return [
      { labels: { reason: 'queue_full' }, value: now?.dropped ?? 0 },
      { labels: { reason: 'export_failed' }, value: now?.failed ?? 0 },
    ];
  });
}

type Read = () => number | Iterable<Sample>;

function gauge(registry: Registry, name: string, help: string, labelNames: readonly string[], read: Read): void {
  registerScraped(registry, { name, help, type: 'gauge', labelNames, read });
}

function counter(registry: Registry, name: string, help: string, labelNames: readonly string[], read: Read): void {
  registerScraped(registry, { name, help, type: 'counter', labelNames, read });
}
