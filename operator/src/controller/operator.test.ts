// The controller against an API server over real HTTP (kube-sim, the project's test double of the Kubernetes
// API: e2e/kube-sim), with the real CRD. No kubelet runs here, so the test plays it: it marks pods Running and
// Ready through the status subresource. Shown: a new GameCluster gets its finalizer, keys Secret, ConfigMap, gate
// Service, PDBs and one pod per replica with an Event each; status with observedGeneration and conditions; the
// scale subresource adds zone pods; a version change surges a new db pod before draining the old one (the drain
// annotations, then deletion at the drain deadline since no node answers); deleting the GameCluster drains every
// pod before the finalizer lets it go.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  PatchStrategy,
  PolicyV1Api,
  setHeaderOptions,
  type V1Pod,
} from '@kubernetes/client-node';
import { parse } from 'yaml';
import { type KubeSim, startKubeSim } from '../../../e2e/kube-sim/src/index.ts';
import { GROUP, PLURAL, VERSION } from '../api/index.ts';
import { DRAIN_DEADLINE_ANNOTATION, ROLE_LABEL, TEMPLATE_HASH_LABEL } from '../objects/index.ts';
import type { OperatorConfig } from '../operator-config.ts';
import type { GameClusterObject } from './kube-client.ts';
import { Operator } from './operator.ts';
import { FINALIZER } from './reconciler.ts';

const NAMESPACE = 'default';
const NAME = 'demo';
const at = { group: GROUP, version: VERSION, namespace: NAMESPACE, plural: PLURAL };

let sim: KubeSim;
let kubeConfig: KubeConfig;
let core: CoreV1Api;
let custom: CustomObjectsApi;
let policy: PolicyV1Api;
let operator: Operator;
const logs: Record<string, unknown>[] = [];

const config: OperatorConfig = {
  namespace: NAMESPACE,
  leaderElect: false,
  leaseName: 'unused',
  leaseNamespace: NAMESPACE,
  leaseDurationSeconds: 15,
  metricsHost: '127.0.0.1',
  metricsPort: 0,
  resyncSeconds: 2,
  workers: 2,
  dryRun: false,
};

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await read();
    if (done(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${what} not reached in ${timeoutMs} ms; last: ${JSON.stringify(last)?.slice(0, 600)}`);
}

const getCluster = () => custom.getNamespacedCustomObject({ ...at, name: NAME }) as Promise<GameClusterObject>;
const pods = async () =>
  (await core.listNamespacedPod({ namespace: NAMESPACE, labelSelector: `gamecluster.io/cluster=${NAME}` })).items;
const podsOf = (all: V1Pod[], role: string) => all.filter((pod) => pod.metadata?.labels?.[ROLE_LABEL] === role);

/** Plays the kubelet: every pod without a deletion in progress becomes Running and Ready at a loopback IP. */
async function markPodsReady(): Promise<void> {
  let n = 10;
  for (const pod of await pods()) {
    n++;
    if (pod.status?.phase === 'Running' || pod.metadata?.deletionTimestamp) continue;
    await core.patchNamespacedPodStatus(
      {
        namespace: NAMESPACE,
        name: pod.metadata!.name!,
        body: {
          status: {
            phase: 'Running',
            // An address where nothing listens: the nodes' /status stays unknown, so drains end at their deadline.
            podIP: `127.0.200.${n}`,
            conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: new Date() }],
          },
        },
      },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
  }
}

beforeAll(async () => {
  sim = await startKubeSim();
  kubeConfig = new KubeConfig();
  kubeConfig.loadFromFile(sim.kubeconfigPath);
  core = kubeConfig.makeApiClient(CoreV1Api);
  custom = kubeConfig.makeApiClient(CustomObjectsApi);
  policy = kubeConfig.makeApiClient(PolicyV1Api);
  const crd = parse(readFileSync(new URL('../../../crds/gameclusters.gamecluster.io.yaml', import.meta.url), 'utf8'));
  const created = await fetch(`${sim.url}/apis/apiextensions.k8s.io/v1/customresourcedefinitions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(crd),
  });
  expect(created.status).toBe(201);
  await waitFor(
    () => fetch(`${sim.url}/apis/${GROUP}/${VERSION}/namespaces/${NAMESPACE}/${PLURAL}`).then((r) => r.status),
    (status) => status === 200,
    'the GameCluster resource served',
  );
  operator = new Operator({
    config,
    kubeConfig,
    identity: 'operator-test',
    log: (line) => logs.push(line),
    pollIntervalMs: 200,
  });
  await operator.start();
});

afterAll(async () => {
  await operator?.stop();
  await sim?.stop();
});

describe('operator controller on kube-sim', () => {
  it('creates what a new GameCluster needs and reports its status', async () => {
    await custom.createNamespacedCustomObject({
      ...at,
      body: {
        apiVersion: `${GROUP}/${VERSION}`,
        kind: 'GameCluster',
        metadata: { name: NAME },
        spec: {
          image: 'gamecluster/node',
          version: '1.0.0',
          roles: {
            db: { replicas: 1 },
            world: { replicas: 1 },
            match: { replicas: 1 },
            zone: { replicas: 1 },
            gate: { replicas: 1 },
          },
          etcd: { endpoints: ['http://127.0.0.1:2379'] },
          drainTimeoutSeconds: 1,
        },
      },
    });
    const cluster = await waitFor(getCluster, (c) => (c.metadata.finalizers ?? []).includes(FINALIZER), 'finalizer');
    expect(cluster.metadata.finalizers).toContain(FINALIZER);
    const all = await waitFor(pods, (list) => list.length === 5, 'five pods');
    for (const role of ['db', 'world', 'match', 'zone', 'gate']) {
      const [pod] = podsOf(all, role);
      expect(pod?.metadata?.labels?.[TEMPLATE_HASH_LABEL]).toMatch(/^[0-9a-f]{10}$/);
      expect(pod?.metadata?.ownerReferences?.[0]).toMatchObject({ kind: 'GameCluster', name: NAME, controller: true });
      expect(pod?.metadata?.name?.startsWith(`${NAME}-${role}-`)).toBe(true);
    }
    await core.readNamespacedSecret({ namespace: NAMESPACE, name: `${NAME}-keys` });
    await core.readNamespacedConfigMap({ namespace: NAMESPACE, name: `${NAME}-config` });
    const service = await core.readNamespacedService({ namespace: NAMESPACE, name: `${NAME}-gate` });
    expect(service.spec?.ports?.[0]?.port).toBe(7350);
    expect((await policy.listNamespacedPodDisruptionBudget({ namespace: NAMESPACE })).items).toHaveLength(5);
    const withStatus = await waitFor(
      getCluster,
      (c) => c.status?.observedGeneration === c.metadata.generation,
      'status',
    );
    expect(withStatus.status?.conditions?.map((c) => c.type).sort()).toEqual(['Degraded', 'Progressing', 'Ready']);
    const events = await core.listNamespacedEvent({ namespace: NAMESPACE });
    expect(events.items.filter((event) => event.reason === 'PodCreated')).toHaveLength(5);
  });

  it('becomes Ready once every pod is', async () => {
    await markPodsReady();
    const ready = await waitFor(
      getCluster,
      (c) => c.status?.conditions?.find((condition) => condition.type === 'Ready')?.status === 'True',
      'Ready',
    );
    expect(ready.status?.roles?.zone).toMatchObject({ replicas: 1, ready: 1, updated: 1, draining: 0 });
    expect(ready.status?.version).toBe('1.0.0');
  });

  it('adds zone pods when the scale subresource says so', async () => {
    await custom.patchNamespacedCustomObjectScale(
      { ...at, name: NAME, body: { spec: { replicas: 3 } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    await waitFor(
      async () => podsOf(await pods(), 'zone').length,
      (n) => n === 3,
      'three zone pods',
    );
    await markPodsReady();
    await waitFor(getCluster, (c) => c.status?.zoneReplicas === 3, 'status.zoneReplicas 3');
  });

  it('rolls a version change db first, surging before it drains, and deletes drained pods at their deadline', async () => {
    const before = await pods();
    const oldDb = podsOf(before, 'db')[0]!.metadata!.name!;
    const oldHash = podsOf(before, 'db')[0]!.metadata!.labels![TEMPLATE_HASH_LABEL];
    await custom.patchNamespacedCustomObject(
      { ...at, name: NAME, body: { spec: { version: '1.1.0' } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    // A second db pod on the new template appears while the old one is still there (maxSurge 1, maxUnavailable 0).
    const surged = await waitFor(
      async () => podsOf(await pods(), 'db'),
      (db) => db.length === 2,
      'surged db pod',
    );
    expect(surged.some((pod) => pod.metadata?.labels?.[TEMPLATE_HASH_LABEL] !== oldHash)).toBe(true);
    // No other role has moved yet.
    expect(podsOf(await pods(), 'gate')).toHaveLength(1);
    await markPodsReady();
    const draining = await waitFor(
      async () => podsOf(await pods(), 'db').find((pod) => pod.metadata?.name === oldDb),
      (pod) => pod === undefined || pod.metadata?.annotations?.[DRAIN_DEADLINE_ANNOTATION] !== undefined,
      'old db pod draining',
    );
    if (draining !== undefined) expect(draining.metadata?.annotations?.[DRAIN_DEADLINE_ANNOTATION]).toBeDefined();
    // Every role ends on the new version: keep playing the kubelet until the rollout is through.
    await waitFor(
      async () => {
        await markPodsReady();
        return getCluster();
      },
      (c) => c.status?.version === '1.1.0' && c.status?.conditions?.find((x) => x.type === 'Ready')?.status === 'True',
      'rollout to 1.1.0',
      40_000,
    );
    const after = await pods();
    expect(after.map((pod) => pod.metadata?.labels?.[TEMPLATE_HASH_LABEL])).not.toContain(oldHash);
    expect(after).toHaveLength(7);
    const events = await core.listNamespacedEvent({ namespace: NAMESPACE });
    expect(events.items.some((event) => event.reason === 'DrainStarted')).toBe(true);
    expect(events.items.some((event) => event.reason === 'PodDeleted')).toBe(true);
  }, 60_000);

  it('drains every pod before the finalizer lets a deleted GameCluster go', async () => {
    await custom.deleteNamespacedCustomObject({ ...at, name: NAME });
    await waitFor(
      () =>
        getCluster().then(
          () => 'present',
          (error: { code?: number }) => (error.code === 404 ? 'gone' : 'error'),
        ),
      (state) => state === 'gone',
      'GameCluster deleted',
      30_000,
    );
    expect(await pods()).toHaveLength(0);
    const events = await core.listNamespacedEvent({ namespace: NAMESPACE });
    expect(events.items.some((event) => event.reason === 'Finalized')).toBe(true);
    expect(logs.filter((line) => line.msg === 'reconcile failed')).toEqual([]);
  }, 40_000);
});
