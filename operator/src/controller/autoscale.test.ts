// Zone autoscaling end to end inside one process: the controller on kube-sim (the test double of the Kubernetes
// API) and a real zone node (in-process game nodes on real gRPC and loopback) whose admin port answers for the
// zone pod. Players joining scenes on that node raise its /status zonePlayers; the operator must add zone pods
// within 5 s of the load change (the bar), and after the load is gone and the stabilisation window has
// passed, drain the extra zones away, the not-ready ones first, keeping the serving one.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  PatchStrategy,
  setHeaderOptions,
  type V1Pod,
} from '@kubernetes/client-node';
import { parse } from 'yaml';
import { type KubeSim, startKubeSim } from '../../../e2e/kube-sim/src/index.ts';
import { AdminServer } from '../../../node/src/admin/admin-server.ts';
import { nextTestHost } from '../../../node/src/gate/testing-gate.ts';
import { Scene } from '../../../node/src/roles/zone/scene.ts';
import { startZoneCluster, type ZoneTestCluster } from '../../../node/src/roles/zone/testing-zone.ts';
import { GROUP, PLURAL, VERSION } from '../api/index.ts';
import { ADMIN_PORT, ROLE_LABEL } from '../objects/index.ts';
import type { OperatorConfig } from '../operator-config.ts';
import type { GameClusterObject } from './kube-client.ts';
import { Operator } from './operator.ts';

const NAMESPACE = 'default';
const NAME = 'auto';
const at = { group: GROUP, version: VERSION, namespace: NAMESPACE, plural: PLURAL };
const PLAYERS = 5;

let sim: KubeSim;
let core: CoreV1Api;
let custom: CustomObjectsApi;
let operator: Operator;
let zone: ZoneTestCluster;
let admin: AdminServer;
let zoneHost: string;

const config: OperatorConfig = {
  namespace: NAMESPACE,
  leaderElect: false,
  leaseName: 'unused',
  leaseNamespace: NAMESPACE,
  leaseDurationSeconds: 15,
  metricsHost: '127.0.0.1',
  metricsPort: 0,
  resyncSeconds: 30,
  workers: 1,
  dryRun: false,
};

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await read();
    if (done(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`${what} not reached in ${timeoutMs} ms; last: ${JSON.stringify(last)?.slice(0, 400)}`);
}

const zonePods = async (): Promise<V1Pod[]> =>
  (
    await core.listNamespacedPod({ namespace: NAMESPACE, labelSelector: `gamecluster.io/cluster=${NAME}` })
  ).items.filter((pod) => pod.metadata?.labels?.[ROLE_LABEL] === 'zone' && !pod.metadata?.deletionTimestamp);

const getCluster = () => custom.getNamespacedCustomObject({ ...at, name: NAME }) as Promise<GameClusterObject>;

beforeAll(async () => {
  zone = await startZoneCluster(
    [
      { name: 'front', roles: ['gate', 'db'] },
      { name: 'zone', roles: ['zone'] },
    ],
    { types: { field: { width: 100, height: 100, cellSize: 10, maxSpeed: 10 } } },
  );
  // The zone node's admin port where the operator looks for it: the pod's IP, the admin port pods use.
  zoneHost = nextTestHost();
  admin = new AdminServer(zone.node('zone').node, { host: zoneHost, port: ADMIN_PORT });
  await admin.start();

  sim = await startKubeSim();
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromFile(sim.kubeconfigPath);
  core = kubeConfig.makeApiClient(CoreV1Api);
  custom = kubeConfig.makeApiClient(CustomObjectsApi);
  const crd = parse(readFileSync(new URL('../../../crds/gameclusters.gamecluster.io.yaml', import.meta.url), 'utf8'));
  await fetch(`${sim.url}/apis/apiextensions.k8s.io/v1/customresourcedefinitions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(crd),
  });
  await waitFor(
    () => fetch(`${sim.url}/apis/${GROUP}/${VERSION}/namespaces/${NAMESPACE}/${PLURAL}`).then((r) => r.status),
    (status) => status === 200,
    'the GameCluster resource served',
  );
  operator = new Operator({ config, kubeConfig, identity: 'autoscale-test', log: () => {}, pollIntervalMs: 500 });
  await operator.start();
}, 60_000);

afterAll(async () => {
  await operator?.stop();
  await sim?.stop();
  await admin?.stop();
  await zone?.stop();
}, 60_000);

describe('zone autoscaling', () => {
  it('adds zone pods within 5 s of the players arriving, and drains them away after the window', async () => {
    await custom.createNamespacedCustomObject({
      ...at,
      body: {
        apiVersion: `${GROUP}/${VERSION}`,
        kind: 'GameCluster',
        metadata: { name: NAME },
        spec: {
          image: 'gamecluster/node',
          roles: {
            db: { replicas: 0 },
            world: { replicas: 0 },
            match: { replicas: 0 },
            zone: { replicas: 1 },
            gate: { replicas: 0 },
          },
          zoneAutoscaling: {
            enabled: true,
            minReplicas: 1,
            maxReplicas: 3,
            targetPlayersPerPod: 2,
            scaleDownStabilizationSeconds: 2,
          },
          drainTimeoutSeconds: 1,
        },
      },
    });
    const [first] = await waitFor(zonePods, (pods) => pods.length === 1, 'the first zone pod');
    // Play the kubelet: the pod runs at the zone node's address.
    await core.patchNamespacedPodStatus(
      {
        namespace: NAMESPACE,
        name: first!.metadata!.name!,
        body: {
          status: {
            phase: 'Running',
            podIP: zoneHost,
            conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: new Date() }],
          },
        },
      },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    await waitFor(
      getCluster,
      (c) => c.status?.conditions?.find((x) => x.type === 'Ready')?.status === 'True',
      'the cluster Ready',
    );

    // Players arrive: 5 players at a target of 2 per zone pod want 3 zone pods.
    const front = zone.node('front').node;
    for (let i = 0; i < PLAYERS; i++) {
      await front.system.ref(Scene, `field-${i % 2}`).join(`p${i}`, { type: 'field' }, { bind: false });
    }
    const loadChanged = Date.now();
    await waitFor(zonePods, (pods) => pods.length === 3, 'three zone pods', 5_000);
    const reactionMs = Date.now() - loadChanged;
    expect(reactionMs).toBeLessThan(5_000);
    expect((await getCluster()).spec).toMatchObject({ roles: { zone: { replicas: 3 } } });

    // The players leave: after the 2 s window the extra zones are drained away, the serving one stays.
    const leftAt = Date.now();
    for (let i = 0; i < PLAYERS; i++) await front.system.ref(Scene, `field-${i % 2}`).leave(`p${i}`);
    const left = await waitFor(zonePods, (pods) => pods.length === 1, 'back to one zone pod', 20_000);
    // Not before the lower count has held for the whole window.
    expect(Date.now() - leftAt).toBeGreaterThanOrEqual(2_000);
    expect(left[0]!.metadata!.name).toBe(first!.metadata!.name);
    // The scale-down is written after the pods' deletions in the same reconcile: wait for its Event.
    const reasons = await waitFor(
      async () => (await core.listNamespacedEvent({ namespace: NAMESPACE })).items.map((event) => event.reason),
      (list) => list.includes('ScaledDown'),
      'the ScaledDown event',
    );
    expect(reasons).toContain('ScaledUp');
    expect((await getCluster()).spec).toMatchObject({ roles: { zone: { replicas: 1 } } });
  }, 60_000);
});
