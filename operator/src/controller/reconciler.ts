// One reconcile of one GameCluster: read it from the informer's cache, default and validate it, hold the
// finalizer, make sure the owned objects exist (keys Secret once, then ConfigMap, gate Service, PDBs,
// NetworkPolicy), plan with the observed pods and their nodes' /status, apply the plan's actions (each with an
// Event), write the autoscaler's decision to the scale subresource, and write the status. Every write carries the
// resourceVersion it read: a 409 means the object changed under us, and the key simply comes round again.
import type { KubernetesObject, V1Pod } from '@kubernetes/client-node';
import { type GameCluster, InvalidGameClusterError, ROLES, type Role, validateGameCluster } from '../api/index.ts';
import { requestDrain } from '../drain/node-admin-client.ts';
import type { NodeStatusPoller } from '../drain/node-status-poller.ts';
import {
  ADMIN_PORT,
  adminKeyOf,
  configMap,
  DRAIN_DEADLINE_ANNOTATION,
  DRAIN_STARTED_ANNOTATION,
  gateService,
  networkPolicy,
  networkPolicyName,
  podDisruptionBudgets,
  podFor,
  podTemplate,
  secret,
  secretName,
  templateHash,
} from '../objects/index.ts';
import {
  type AutoscaleMemory,
  EMPTY_AUTOSCALE_MEMORY,
  type ObservedPod,
  type Plan,
  planGameCluster,
} from '../plan/index.ts';
import { mergeConditions } from './conditions.ts';
import type { EventRecorder } from './event-recorder.ts';
import type { GameClusterObject, KubeClient } from './kube-client.ts';
import { statusOf } from './leader-election.ts';
import { observePod } from './observe-pods.ts';
import type { OperatorMetrics } from './operator-metrics.ts';

export const FINALIZER = 'gamecluster.io/drain';

/** What a reconcile asks of the queue afterwards. */
export type ReconcileOutcome =
  | { readonly kind: 'done'; readonly requeueAfterMs: number | null }
  | { readonly kind: 'gone' }
  | { readonly kind: 'conflict' };

export interface ReconcilerDeps {
  readonly client: KubeClient;
  readonly events: EventRecorder;
  readonly metrics: OperatorMetrics;
  readonly poller: NodeStatusPoller;
  /** The cached GameCluster and its pods (the informers' stores). */
  readonly getCluster: (namespace: string, name: string) => GameClusterObject | undefined;
  readonly podsOf: (namespace: string, name: string) => readonly V1Pod[];
  readonly log: (line: Record<string, unknown>) => void;
  readonly now?: () => number;
  /** How long a drain request may take before it is retried at the next reconcile. */
  readonly drainRequestTimeoutMs?: number;
  /** Longest wait before a cluster is looked at again while anything is under way. */
  readonly busyRequeueMs?: number;
}

export class Reconciler {
  private readonly deps: ReconcilerDeps;
  private readonly now: () => number;
  /** The autoscaler's memory per cluster (uid): plans are pure, this is where their state lives. */
  private readonly autoscale = new Map<string, AutoscaleMemory>();
  /** Admin keys per cluster uid (read from the keys Secret once). */
  private readonly adminKeys = new Map<string, string>();

  constructor(deps: ReconcilerDeps) {
    this.deps = deps;
    this.now = deps.now ?? Date.now;
  }

  async reconcile(namespace: string, name: string): Promise<ReconcileOutcome> {
    const object = this.deps.getCluster(namespace, name);
    if (object === undefined) {
      return { kind: 'gone' };
    }
    let cluster: GameCluster;
    try {
      cluster = validateGameCluster(object);
    } catch (error) {
      if (!(error instanceof InvalidGameClusterError)) throw error;
      await this.reportInvalid(object, error);
      return { kind: 'done', requeueAfterMs: null };
    }
    const deleting = cluster.metadata.deletionTimestamp !== undefined;
    if (!deleting && !(object.metadata.finalizers ?? []).includes(FINALIZER)) {
      // The finalizer first: from here on, deleting the GameCluster waits for our drains.
      const updated = await this.write(() =>
        this.deps.client.replaceGameCluster({
          ...object,
          metadata: { ...object.metadata, finalizers: [...(object.metadata.finalizers ?? []), FINALIZER] },
        }),
      );
      return updated === 'conflict' ? { kind: 'conflict' } : { kind: 'done', requeueAfterMs: 0 };
    }
    if (!deleting) await this.ensureOwnedObjects(cluster);
    const adminKey = await this.adminKey(cluster);

    const templateHashes = Object.fromEntries(
      ROLES.map((role) => [role, templateHash(podTemplate(cluster, role))]),
    ) as Record<Role, string>;
    const pods = this.deps.podsOf(namespace, name);
    const observed = pods
      .map((pod) => observePod(pod, this.deps.poller.status(`${namespace}/${pod.metadata?.name}`)))
      .filter((pod): pod is ObservedPod => pod !== null);
    const uid = cluster.metadata.uid ?? `${namespace}/${name}`;
    const now = this.now();
    const plan = planGameCluster({
      cluster,
      templateHashes,
      pods: observed,
      now,
      autoscale: this.autoscale.get(uid) ?? EMPTY_AUTOSCALE_MEMORY,
    });
    this.autoscale.set(uid, plan.autoscale);

    // The autoscaler's decision is recorded (scale subresource) before the pods it asks for are made.
    if ((await this.applyAutoscale(cluster, plan)) === 'conflict') return { kind: 'conflict' };
    await this.applyActions(cluster, plan, pods, adminKey);
    if ((await this.writeStatus(object, cluster, plan, now)) === 'conflict') return { kind: 'conflict' };

    if (deleting && observed.length === 0) {
      // Every pod drained and gone: let Kubernetes delete the GameCluster (its owned objects go with it).
      const released = await this.write(() =>
        this.deps.client.replaceGameCluster({
          ...object,
          metadata: {
            ...object.metadata,
            finalizers: (object.metadata.finalizers ?? []).filter((f) => f !== FINALIZER),
          },
        }),
      );
      if (released === 'conflict') return { kind: 'conflict' };
      this.autoscale.delete(uid);
      this.adminKeys.delete(uid);
      await this.deps.events.record(
        this.target(cluster),
        'Normal',
        'Finalized',
        'every pod drained; the GameCluster can go',
      );
      return { kind: 'done', requeueAfterMs: null };
    }
    const busy = plan.actions.length > 0 || observed.some((pod) => pod.drain !== null || !pod.ready);
    const until = plan.requeueAt === null ? null : Math.max(0, plan.requeueAt - now);
    const busyMs = busy ? (this.deps.busyRequeueMs ?? 1_000) : null;
    const requeueAfterMs = until === null ? busyMs : busyMs === null ? until : Math.min(until, busyMs);
    return { kind: 'done', requeueAfterMs };
  }

  /** Forgets what the reconciler remembers about a cluster that is gone. */
  forget(uid: string): void {
    this.autoscale.delete(uid);
    this.adminKeys.delete(uid);
  }

  // ---- actions ----

  private async applyActions(cluster: GameCluster, plan: Plan, pods: readonly V1Pod[], adminKey: string | undefined) {
    const namespace = cluster.metadata.namespace!;
    const podByName = new Map(pods.map((pod) => [pod.metadata?.name, pod]));
    for (const action of plan.actions) {
      const target = this.target(cluster);
      if (action.type === 'createPod') {
        const pod = podFor(cluster, action.role, action.templateHash);
        const created = await this.deps.client.createPod(namespace, pod);
        this.deps.metrics.podsCreated.inc({ role: action.role });
        await this.deps.events.record(
          target,
          'Normal',
          'PodCreated',
          `created ${action.role} pod ${created.metadata?.name} (template ${action.templateHash})`,
        );
      } else if (action.type === 'startDrain') {
        const pod = podByName.get(action.pod);
        await this.deps.client.annotatePod(namespace, action.pod, {
          [DRAIN_STARTED_ANNOTATION]: new Date(action.startedAt).toISOString(),
          [DRAIN_DEADLINE_ANNOTATION]: new Date(action.deadline).toISOString(),
        });
        this.deps.metrics.drains.inc({ reason: action.reason === 'adopt' ? 'rollout' : action.reason });
        const requested = await this.requestDrain(
          pod,
          adminKey,
          Math.round((action.deadline - action.startedAt) / 1000),
        );
        await this.deps.events.record(
          target,
          'Normal',
          'DrainStarted',
          `draining ${action.role} pod ${action.pod} (${action.reason}) until ${new Date(action.deadline).toISOString()}${requested ? '' : '; the node did not take the request yet, retrying'}`,
        );
      } else {
        await this.deps.client.deletePod(namespace, action.pod).catch((error: unknown) => {
          if (statusOf(error) !== 404) throw error;
        });
        this.deps.metrics.podsDeleted.inc({ reason: action.reason });
        await this.deps.events.record(
          target,
          action.reason === 'drained' ? 'Normal' : 'Warning',
          'PodDeleted',
          `deleted ${action.role} pod ${action.pod} (${action.reason})`,
        );
      }
    }
    // Drains under way whose node has not said so yet (the request was lost, the pod restarted): ask again.
    for (const pod of pods) {
      const annotations = pod.metadata?.annotations ?? {};
      if (annotations[DRAIN_STARTED_ANNOTATION] === undefined || pod.metadata?.deletionTimestamp) continue;
      const status = this.deps.poller.status(`${namespace}/${pod.metadata?.name}`);
      if (status !== null && status.drain === 'none') {
        const deadline = Date.parse(annotations[DRAIN_DEADLINE_ANNOTATION] ?? '');
        const seconds = Number.isFinite(deadline) ? Math.max(1, Math.round((deadline - this.now()) / 1000)) : 60;
        await this.requestDrain(pod, adminKey, seconds);
      }
    }
  }

  /** Asks the pod's node to drain; false when it could not be asked now (no IP yet, unreachable, refused). */
  private async requestDrain(pod: V1Pod | undefined, adminKey: string | undefined, deadlineSeconds: number) {
    const ip = pod?.status?.podIP;
    if (ip === undefined || adminKey === undefined) return false;
    try {
      await requestDrain(
        `http://${ip}:${ADMIN_PORT}`,
        adminKey,
        Math.max(1, deadlineSeconds),
        this.deps.drainRequestTimeoutMs ?? 3_000,
      );
      return true;
    } catch (error) {
      this.deps.log({ level: 'warn', msg: 'drain request failed', pod: pod?.metadata?.name, error: String(error) });
      return false;
    }
  }

  /** With autoscaling on, the zone count the autoscaler chose goes to the scale subresource (as an HPA would). */
  private async applyAutoscale(cluster: GameCluster, plan: Plan): Promise<'ok' | 'conflict'> {
    const autoscaling = cluster.spec.zoneAutoscaling;
    const desired = plan.desiredReplicas.zone;
    const current = cluster.spec.roles.zone.replicas;
    if (!autoscaling.enabled || desired === current || cluster.metadata.deletionTimestamp !== undefined) return 'ok';
    const result = await this.write(() =>
      this.deps.client.scaleZones(cluster.metadata.namespace!, cluster.metadata.name, desired),
    );
    if (result === 'ok') {
      this.deps.metrics.scaleDecisions.inc({ direction: desired > current ? 'up' : 'down' });
      await this.deps.events.record(
        this.target(cluster),
        'Normal',
        desired > current ? 'ScaledUp' : 'ScaledDown',
        `zones ${current} -> ${desired} (target ${autoscaling.targetPlayersPerPod} players per zone pod)`,
      );
    }
    return result;
  }

  private async writeStatus(object: GameClusterObject, cluster: GameCluster, plan: Plan, now: number) {
    const conditions = mergeConditions(object.status?.conditions, plan.status.conditions ?? [], new Date(now));
    const status = { ...plan.status, conditions, observedGeneration: cluster.metadata.generation };
    if (sameStatus(object.status, status)) return 'ok';
    return this.write(() => this.deps.client.replaceGameClusterStatus({ ...object, status }));
  }

  // ---- owned objects ----

  private async ensureOwnedObjects(cluster: GameCluster): Promise<void> {
    const namespace = cluster.metadata.namespace!;
    const client = this.deps.client;
    // The keys are generated once and never rewritten: every pod of the cluster holds them.
    await ensure(
      () => client.readSecret(namespace, secretName(cluster)),
      () => client.createSecret(namespace, secret(cluster)),
      null,
    );
    await ensure(
      () => client.readConfigMap(namespace, configMap(cluster).metadata!.name!),
      () => client.createConfigMap(namespace, configMap(cluster)),
      (existing) => client.replaceConfigMap(namespace, withVersion(configMap(cluster), existing)),
      (existing) => sameData(existing, configMap(cluster)),
    );
    const service = gateService(cluster);
    await ensure(
      () => client.readService(namespace, service.metadata!.name!),
      () => client.createService(namespace, service),
      // clusterIP and nodePorts are the API server's: keep them.
      (existing) =>
        client.replaceService(namespace, {
          ...withVersion(service, existing),
          spec: {
            ...service.spec,
            clusterIP: existing.spec?.clusterIP,
            clusterIPs: existing.spec?.clusterIPs,
            ports: service.spec?.ports?.map((port, i) => ({ ...port, nodePort: existing.spec?.ports?.[i]?.nodePort })),
          },
        }),
      (existing) =>
        existing.spec?.type === service.spec?.type &&
        existing.spec?.ports?.[0]?.port === service.spec?.ports?.[0]?.port &&
        JSON.stringify(existing.spec?.selector) === JSON.stringify(service.spec?.selector),
    );
    for (const budget of podDisruptionBudgets(cluster)) {
      await ensure(
        () => client.readPodDisruptionBudget(namespace, budget.metadata!.name!),
        () => client.createPodDisruptionBudget(namespace, budget),
        (existing) => client.replacePodDisruptionBudget(namespace, withVersion(budget, existing)),
        (existing) => JSON.stringify(existing.spec?.maxUnavailable) === JSON.stringify(budget.spec?.maxUnavailable),
      );
    }
    const policy = networkPolicy(cluster);
    if (policy === undefined) {
      await client.deleteNetworkPolicy(namespace, networkPolicyName(cluster)).catch((error: unknown) => {
        if (statusOf(error) !== 404) throw error;
      });
    } else {
      await ensure(
        () => client.readNetworkPolicy(namespace, policy.metadata!.name!),
        () => client.createNetworkPolicy(namespace, policy),
        (existing) => client.replaceNetworkPolicy(namespace, withVersion(policy, existing)),
        (existing) => JSON.stringify(existing.spec?.ingress?.length) === JSON.stringify(policy.spec?.ingress?.length),
      );
    }
  }

  private async adminKey(cluster: GameCluster): Promise<string | undefined> {
    const uid = cluster.metadata.uid ?? cluster.metadata.name;
    const known = this.adminKeys.get(uid);
    if (known !== undefined) return known;
    try {
      const key = adminKeyOf(await this.deps.client.readSecret(cluster.metadata.namespace!, secretName(cluster)));
      if (key !== undefined) this.adminKeys.set(uid, key);
      return key;
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
  }

  // ---- helpers ----

  private async reportInvalid(object: GameClusterObject, error: InvalidGameClusterError): Promise<void> {
    const target = { namespace: object.metadata.namespace, name: object.metadata.name, uid: object.metadata.uid };
    await this.deps.events.record(target, 'Warning', 'InvalidSpec', error.message);
    const generation = object.metadata.generation ?? 0;
    const conditions = mergeConditions(
      object.status?.conditions,
      [
        {
          type: 'Ready',
          status: 'False',
          reason: 'InvalidSpec',
          message: error.message,
          observedGeneration: generation,
        },
        {
          type: 'Progressing',
          status: 'False',
          reason: 'InvalidSpec',
          message: 'fix the spec',
          observedGeneration: generation,
        },
        {
          type: 'Degraded',
          status: 'True',
          reason: 'InvalidSpec',
          message: error.message,
          observedGeneration: generation,
        },
      ],
      new Date(this.now()),
    );
    await this.write(() =>
      this.deps.client.replaceGameClusterStatus({
        ...object,
        status: { ...object.status, conditions, observedGeneration: generation },
      }),
    );
  }

  private target(cluster: GameCluster) {
    return { namespace: cluster.metadata.namespace!, name: cluster.metadata.name, uid: cluster.metadata.uid };
  }

  /** Runs a write; a 409 (changed since read) is an answer, not an error. */
  private async write(call: () => Promise<unknown>): Promise<'ok' | 'conflict'> {
    try {
      await call();
      return 'ok';
    } catch (error) {
      if (statusOf(error) === 409) return 'conflict';
      throw error;
    }
  }
}

/** Reads an object; creates it when absent; replaces it when `same` says it drifted (and `update` is given). */
async function ensure<T extends KubernetesObject>(
  read: () => Promise<T>,
  create: () => Promise<T>,
  update: ((existing: T) => Promise<T>) | null,
  same: (existing: T) => boolean = () => true,
): Promise<void> {
  let existing: T;
  try {
    existing = await read();
  } catch (error) {
    if (statusOf(error) !== 404) throw error;
    try {
      await create();
    } catch (createError) {
      if (statusOf(createError) !== 409) throw createError;
    }
    return;
  }
  if (update !== null && !same(existing)) await update(existing);
}

function withVersion<T extends KubernetesObject>(desired: T, existing: KubernetesObject): T {
  return { ...desired, metadata: { ...desired.metadata, resourceVersion: existing.metadata?.resourceVersion } };
}

function sameData(existing: { data?: Record<string, string> }, desired: { data?: Record<string, string> }): boolean {
  return JSON.stringify(existing.data ?? {}) === JSON.stringify(desired.data ?? {});
}

function sameStatus(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}
