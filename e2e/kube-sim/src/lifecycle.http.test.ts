// Deletion semantics over real HTTP: finalizers hold an object with a deletionTimestamp, owner garbage collection
// (Background, Orphan, Foreground), graceful Pod deletion with and without a kubelet, namespace termination; and the
// bearer-token and authorizer hooks (401, 403).

import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CoreV1Api, KubeConfig, type V1ConfigMap, type V1OwnerReference } from '@kubernetes/client-node';
import { type KubeSim, startKubeSim } from './index.ts';

let sim: KubeSim;
let core: CoreV1Api;

beforeAll(async () => {
  sim = await startKubeSim();
  const kc = new KubeConfig();
  kc.loadFromFile(sim.kubeconfigPath);
  core = kc.makeApiClient(CoreV1Api);
});

afterAll(async () => {
  await sim.stop();
});

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function failure(call: Promise<unknown>): Promise<{ code: number; body: Record<string, unknown> }> {
  try {
    await call;
  } catch (error) {
    const e = error as { code: number; body: string };
    return { code: e.code, body: JSON.parse(e.body) as Record<string, unknown> };
  }
  throw new Error('expected the call to fail');
}

const exists = async (name: string, namespace = 'default'): Promise<boolean> =>
  core.readNamespacedConfigMap({ namespace, name }).then(
    () => true,
    () => false,
  );

async function owner(name: string): Promise<V1OwnerReference> {
  const cm = await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name } } });
  return { apiVersion: 'v1', kind: 'ConfigMap', name, uid: cm.metadata?.uid ?? '', blockOwnerDeletion: true };
}

const dependent = (name: string, refs: V1OwnerReference[]): V1ConfigMap => ({
  metadata: { name, ownerReferences: refs },
});

describe('finalizers', () => {
  it('hold a deleted object with deletionTimestamp until removed, and refuse new ones meanwhile', async () => {
    await core.createNamespacedConfigMap({
      namespace: 'default',
      body: { metadata: { name: 'held', finalizers: ['test/hold'] } },
    });
    await core.deleteNamespacedConfigMap({ namespace: 'default', name: 'held' });
    const held = await core.readNamespacedConfigMap({ namespace: 'default', name: 'held' });
    expect(held.metadata?.deletionTimestamp).toBeInstanceOf(Date);
    const added = await failure(
      core.patchNamespacedConfigMap({
        namespace: 'default',
        name: 'held',
        body: [{ op: 'add', path: '/metadata/finalizers/-', value: 'test/other' }],
      }),
    );
    expect(added.code).toBe(422);
    expect(added.body.message).toContain('no new finalizers can be added if the object is being deleted');
    await core.patchNamespacedConfigMap({
      namespace: 'default',
      name: 'held',
      body: [{ op: 'remove', path: '/metadata/finalizers' }],
    });
    expect(await exists('held')).toBe(false);
  });
});

describe('owner garbage collection', () => {
  it('deletes dependents whose owners are all gone (Background)', async () => {
    const ref = await owner('owner-bg');
    const other = await owner('owner-live');
    await core.createNamespacedConfigMap({ namespace: 'default', body: dependent('dep-bg', [ref]) });
    await core.createNamespacedConfigMap({ namespace: 'default', body: dependent('dep-two', [ref, other]) });
    await core.deleteNamespacedConfigMap({ namespace: 'default', name: 'owner-bg' });
    await waitFor(async () => !(await exists('dep-bg')));
    await waitFor(async () => {
      const two = await core.readNamespacedConfigMap({ namespace: 'default', name: 'dep-two' });
      return two.metadata?.ownerReferences?.length === 1;
    });
    const two = await core.readNamespacedConfigMap({ namespace: 'default', name: 'dep-two' });
    expect(two.metadata?.ownerReferences?.[0]?.name).toBe('owner-live');
  });

  it('keeps dependents and drops their references with Orphan', async () => {
    const ref = await owner('owner-orphan');
    await core.createNamespacedConfigMap({ namespace: 'default', body: dependent('dep-orphan', [ref]) });
    await core.deleteNamespacedConfigMap({ namespace: 'default', name: 'owner-orphan', propagationPolicy: 'Orphan' });
    await waitFor(async () => !(await exists('owner-orphan')));
    const kept = await core.readNamespacedConfigMap({ namespace: 'default', name: 'dep-orphan' });
    expect(kept.metadata?.ownerReferences).toBeUndefined();
  });

  it('keeps the owner until its dependents are gone with Foreground', async () => {
    const ref = await owner('owner-fg');
    await core.createNamespacedConfigMap({
      namespace: 'default',
      body: { metadata: { name: 'dep-fg', ownerReferences: [ref], finalizers: ['test/slow'] } },
    });
    await core.deleteNamespacedConfigMap({ namespace: 'default', name: 'owner-fg', propagationPolicy: 'Foreground' });
    await waitFor(async () => {
      const dep = await core.readNamespacedConfigMap({ namespace: 'default', name: 'dep-fg' });
      return dep.metadata?.deletionTimestamp !== undefined;
    });
    const waiting = await core.readNamespacedConfigMap({ namespace: 'default', name: 'owner-fg' });
    expect(waiting.metadata?.finalizers).toEqual(['foregroundDeletion']);
    await core.patchNamespacedConfigMap({
      namespace: 'default',
      name: 'dep-fg',
      body: [{ op: 'remove', path: '/metadata/finalizers' }],
    });
    await waitFor(async () => !(await exists('owner-fg')));
  });
});

describe('graceful pod deletion', () => {
  const pod = (name: string) => ({
    metadata: { name },
    spec: { nodeName: 'sim-node', containers: [{ name: 'main', image: 'node:24' }] },
  });

  it('leaves the pod Terminating for the kubelet, and deletes it with gracePeriodSeconds=0', async () => {
    sim.setKubeletAttached(true);
    try {
      await core.createNamespacedPod({ namespace: 'default', body: pod('graceful') });
      const deleting = await core.deleteNamespacedPod({ namespace: 'default', name: 'graceful' });
      expect(deleting.metadata?.deletionGracePeriodSeconds).toBe(30);
      const stored = await core.readNamespacedPod({ namespace: 'default', name: 'graceful' });
      expect(stored.metadata?.deletionTimestamp?.getTime()).toBeGreaterThan(Date.now() + 20_000);
      await core.deleteNamespacedPod({ namespace: 'default', name: 'graceful', gracePeriodSeconds: 0 });
      expect((await failure(core.readNamespacedPod({ namespace: 'default', name: 'graceful' }))).code).toBe(404);
    } finally {
      sim.setKubeletAttached(false);
    }
  });

  it('deletes a pod at once when no kubelet is attached', async () => {
    await core.createNamespacedPod({ namespace: 'default', body: pod('quick') });
    await core.deleteNamespacedPod({ namespace: 'default', name: 'quick' });
    expect((await failure(core.readNamespacedPod({ namespace: 'default', name: 'quick' }))).code).toBe(404);
  });
});

describe('namespaces', () => {
  it('creates one, and on delete terminates it with its contents', async () => {
    await core.createNamespace({ body: { metadata: { name: 'games' } } });
    await core.createNamespacedConfigMap({ namespace: 'games', body: { metadata: { name: 'inside' } } });
    const deleting = await core.deleteNamespace({ name: 'games' });
    expect((deleting as { status?: { phase?: string } }).status?.phase).toBe('Terminating');
    await waitFor(async () =>
      core.readNamespace({ name: 'games' }).then(
        () => false,
        () => true,
      ),
    );
    expect(await exists('inside', 'games')).toBe(false);
    expect((await failure(core.deleteNamespace({ name: 'default' }))).code).toBe(403);
  });
});

describe('authentication and authorization hooks', () => {
  it('answers 401 without the token and 403 when the authorizer denies', async () => {
    const secured = await startKubeSim({
      token: 'admin-token',
      users: { 'sa-token': { name: 'system:serviceaccount:games:operator', groups: ['system:serviceaccounts'] } },
      authorizer: ({ user, info }) => ({
        allowed:
          user.name === 'kube-sim:admin' ||
          (info.kind === 'resource' && info.resource === 'configmaps' && info.verb === 'list'),
      }),
    });
    try {
      expect((await fetch(`${secured.url}/api/v1/namespaces/default/pods`)).status).toBe(401);
      const saConfig = await secured.writeKubeconfig(join(secured.kubeconfigPath, '..', 'sa-kubeconfig'), {
        token: 'sa-token',
        userName: 'operator',
      });
      const kc = new KubeConfig();
      kc.loadFromFile(saConfig);
      const asOperator = kc.makeApiClient(CoreV1Api);
      await asOperator.listNamespacedConfigMap({ namespace: 'default' });
      const denied = await failure(asOperator.listNamespacedPod({ namespace: 'default' }));
      expect(denied.code).toBe(403);
      expect(denied.body.message).toBe(
        'pods is forbidden: User "system:serviceaccount:games:operator" cannot list resource "pods" in API group "" in the namespace "default"',
      );
      const admin = new KubeConfig();
      admin.loadFromFile(secured.kubeconfigPath);
      const pods = await admin.makeApiClient(CoreV1Api).listNamespacedPod({ namespace: 'default' });
      expect(pods.items).toEqual([]);
    } finally {
      await secured.stop();
    }
  });
});
