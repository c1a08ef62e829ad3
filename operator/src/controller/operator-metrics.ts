// The operator's Prometheus metrics, under the names the operator dashboard queries (dashboards/src/
// dashboard-operator.ts): reconciles and their errors and duration, the work queue's depth, drains started and
// zone scale decisions; plus whether this replica leads. Labels stay bounded: results and reasons are fixed sets.
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

export type ReconcileResult = 'success' | 'error' | 'conflict';
export type DrainReason = 'scaleDown' | 'rollout' | 'deleting';
export type ScaleDirection = 'up' | 'down';

export class OperatorMetrics {
  readonly registry = new Registry();
  readonly reconciles: Counter<'result'>;
  readonly reconcileErrors: Counter;
  readonly reconcileDuration: Histogram;
  readonly queueDepth: Gauge;
  readonly drains: Counter<'reason'>;
  readonly scaleDecisions: Counter<'direction'>;
  readonly leader: Gauge;
  readonly podsCreated: Counter<'role'>;
  readonly podsDeleted: Counter<'reason'>;

  constructor(queueDepth: () => number) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'gamecluster_operator_' });
    this.reconciles = new Counter({
      name: 'gamecluster_operator_reconciles_total',
      help: 'GameCluster reconciles, by result (conflict: a 409 sent the key back to the queue).',
      labelNames: ['result'],
      registers,
    });
    this.reconcileErrors = new Counter({
      name: 'gamecluster_operator_reconcile_errors_total',
      help: 'Reconciles that failed and were retried with backoff.',
      registers,
    });
    this.reconcileDuration = new Histogram({
      name: 'gamecluster_operator_reconcile_duration_seconds',
      help: 'Time one reconcile took, from taking the key to applying its actions.',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.queueDepth = new Gauge({
      name: 'gamecluster_operator_queue_depth',
      help: 'GameClusters waiting in the work queue.',
      registers,
      collect() {
        this.set(queueDepth());
      },
    });
    this.drains = new Counter({
      name: 'gamecluster_operator_drains_total',
      help: 'Pod drains the operator started, by reason.',
      labelNames: ['reason'],
      registers,
    });
    this.scaleDecisions = new Counter({
      name: 'gamecluster_operator_scale_decisions_total',
      help: 'Zone autoscaler decisions that changed the desired zone count, by direction.',
      labelNames: ['direction'],
      registers,
    });
    this.leader = new Gauge({
      name: 'gamecluster_operator_leader',
      help: '1 while this replica holds the leader Lease.',
      registers,
    });
    this.podsCreated = new Counter({
      name: 'gamecluster_operator_pods_created_total',
      help: 'Node pods the operator created, by role.',
      labelNames: ['role'],
      registers,
    });
    this.podsDeleted = new Counter({
      name: 'gamecluster_operator_pods_deleted_total',
      help: 'Node pods the operator deleted, by reason (drained, drainDeadline, failed, neverReady).',
      labelNames: ['reason'],
      registers,
    });
  }
}
