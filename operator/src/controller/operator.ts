// The running operator: informers on GameClusters and on the pods it owns feed a work queue keyed by
// namespace/name; workers take keys and reconcile (never two on one key); a failed reconcile comes back with
// exponential backoff, a 409 at once; a poller reads every pod's /status and enqueues its cluster when load or
// drain state changes; a safety sync enqueues every cluster periodically. Only the Lease holder runs all this;
// a standby replica serves /healthz, /readyz and /metrics and waits.
import { type KubeConfig, makeInformer, type V1Pod } from '@kubernetes/client-node';
import { GROUP, PLURAL, VERSION } from '../api/game-cluster.ts';
import { NodeStatusPoller } from '../drain/node-status-poller.ts';
import { ADMIN_PORT, CLUSTER_LABEL } from '../objects/index.ts';
import type { OperatorConfig } from '../operator-config.ts';
import { EventRecorder } from './event-recorder.ts';
import { type GameClusterObject, KubeClient } from './kube-client.ts';
import { OperatorMetrics } from './operator-metrics.ts';
import { Reconciler } from './reconciler.ts';
import { WorkQueue } from './work-queue.ts';

type Informer<T> = ReturnType<typeof makeInformer<T & { metadata?: { name?: string; namespace?: string } }>>;

export interface OperatorOptions {
  readonly config: OperatorConfig;
  readonly kubeConfig: KubeConfig;
  /** This replica's name (its pod name), for Events and the Lease. */
  readonly identity: string;
  readonly log: (line: Record<string, unknown>) => void;
  /** How often every pod's /status is read (default: 2000 ms: the autoscaler reacts within seconds). */
  readonly pollIntervalMs?: number;
}

export class Operator {
  readonly metrics: OperatorMetrics;
  readonly queue = new WorkQueue();
  private readonly options: OperatorOptions;
  private readonly client: KubeClient;
  private readonly poller: NodeStatusPoller;
  private readonly reconciler: Reconciler;
  private clusters: Informer<GameClusterObject> | null = null;
  private pods: Informer<V1Pod> | null = null;
  private workers: Promise<void>[] = [];
  private resyncTimer: NodeJS.Timeout | null = null;
  private synced = false;
  private stopped = false;

  constructor(options: OperatorOptions) {
    this.options = options;
    this.client = new KubeClient(options.kubeConfig);
    this.metrics = new OperatorMetrics(() => this.queue.depth);
    this.poller = new NodeStatusPoller({
      intervalMs: options.pollIntervalMs ?? 2_000,
      timeoutMs: 1_500,
      onChange: (key) => this.queue.add(key),
    });
    this.reconciler = new Reconciler({
      client: this.client,
      events: new EventRecorder(this.client, options.identity, options.log),
      metrics: this.metrics,
      poller: this.poller,
      getCluster: (namespace, name) => this.clusters?.get(name, namespace),
      podsOf: (namespace, name) =>
        (this.pods?.list(namespace) ?? []).filter((pod) => pod.metadata?.labels?.[CLUSTER_LABEL] === name),
      log: options.log,
    });
  }

  /** The Kubernetes API client (for the Lease). */
  get kube(): KubeClient {
    return this.client;
  }

  /** True once both informers listed (the controller acts on a full picture only). */
  get isSynced(): boolean {
    return this.synced;
  }

  /** Starts the informers, the poller, the workers and the safety sync; resolves once the informers listed. */
  async start(): Promise<void> {
    const { config } = this.options;
    const namespace = config.namespace;
    const clusterPath =
      namespace === ''
        ? `/apis/${GROUP}/${VERSION}/${PLURAL}`
        : `/apis/${GROUP}/${VERSION}/namespaces/${namespace}/${PLURAL}`;
    this.clusters = makeInformer<GameClusterObject>(this.options.kubeConfig, clusterPath, async () => {
      const list = await this.client.listGameClusters(namespace);
      return {
        apiVersion: `${GROUP}/${VERSION}`,
        kind: 'GameClusterList',
        items: list.items,
        metadata: { resourceVersion: list.resourceVersion },
      };
    });
    const podPath = namespace === '' ? '/api/v1/pods' : `/api/v1/namespaces/${namespace}/pods`;
    this.pods = makeInformer<V1Pod>(
      this.options.kubeConfig,
      podPath,
      async () => {
        const items = await this.client.listPods(namespace, CLUSTER_LABEL);
        return { apiVersion: 'v1', kind: 'PodList', items, metadata: {} };
      },
      CLUSTER_LABEL,
    );
    for (const verb of ['add', 'update', 'delete'] as const) {
      this.clusters.on(verb, (object) => this.queue.add(keyOf(object.metadata?.namespace, object.metadata?.name)));
      this.pods.on(verb, (pod) => {
        const cluster = pod.metadata?.labels?.[CLUSTER_LABEL];
        if (cluster !== undefined) this.queue.add(keyOf(pod.metadata?.namespace, cluster));
        this.trackPods();
      });
    }
    for (const informer of [this.clusters, this.pods] as Informer<unknown>[]) {
      informer.on('error', (error: unknown) => {
        this.options.log({ level: 'warn', msg: 'watch failed; restarting it', error: String(error) });
        if (!this.stopped) setTimeout(() => void informer.start().catch(() => undefined), 1_000).unref();
      });
    }
    await Promise.all([this.clusters.start(), this.pods.start()]);
    this.synced = true;
    this.trackPods();
    this.poller.start();
    for (let i = 0; i < config.workers; i++) this.workers.push(this.work());
    this.resyncTimer = setInterval(() => this.enqueueAll(), config.resyncSeconds * 1_000);
    this.resyncTimer.unref();
    this.enqueueAll();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.resyncTimer !== null) clearInterval(this.resyncTimer);
    this.queue.shutDown();
    await Promise.all(this.workers);
    await this.poller.stop();
    await this.clusters?.stop();
    await this.pods?.stop();
  }

  private enqueueAll(): void {
    for (const cluster of this.clusters?.list() ?? []) {
      this.queue.add(keyOf(cluster.metadata?.namespace, cluster.metadata?.name));
    }
  }

  private trackPods(): void {
    const pods = this.pods?.list() ?? [];
    this.poller.track(
      pods.flatMap((pod) => {
        const cluster = pod.metadata?.labels?.[CLUSTER_LABEL];
        if (cluster === undefined || pod.metadata?.name === undefined) return [];
        const ip = pod.status?.podIP;
        return [
          {
            key: keyOf(pod.metadata.namespace, pod.metadata.name),
            clusterKey: keyOf(pod.metadata.namespace, cluster),
            adminUrl: ip === undefined || ip === '' ? null : `http://${ip}:${ADMIN_PORT}`,
          },
        ];
      }),
    );
  }

  private async work(): Promise<void> {
    for (;;) {
      const key = await this.queue.get();
      if (key === null) return;
      const [namespace, name] = key.split('/', 2) as [string, string];
      const started = performance.now();
      try {
        const outcome = await this.reconciler.reconcile(namespace, name);
        if (outcome.kind === 'conflict') {
          this.metrics.reconciles.inc({ result: 'conflict' });
          this.queue.add(key);
        } else {
          this.metrics.reconciles.inc({ result: 'success' });
          this.queue.forget(key);
          if (outcome.kind === 'done' && outcome.requeueAfterMs !== null)
            this.queue.addAfter(key, outcome.requeueAfterMs);
        }
      } catch (error) {
        this.metrics.reconciles.inc({ result: 'error' });
        this.metrics.reconcileErrors.inc();
        const delay = this.queue.addRateLimited(key);
        this.options.log({ level: 'error', msg: 'reconcile failed', key, retryInMs: delay, error: describe(error) });
      } finally {
        this.metrics.reconcileDuration.observe((performance.now() - started) / 1000);
        this.queue.done(key);
      }
    }
  }
}

function keyOf(namespace: string | undefined, name: string | undefined): string {
  return `${namespace ?? 'default'}/${name ?? ''}`;
}

function describe(error: unknown): string {
  const body = (error as { body?: unknown }).body;
  const code = (error as { code?: unknown }).code;
  return `${error instanceof Error ? error.message : String(error)}${code === undefined ? '' : ` (HTTP ${String(code)})`}${
    typeof body === 'string' ? `: ${body.slice(0, 300)}` : ''
  }`;
}
