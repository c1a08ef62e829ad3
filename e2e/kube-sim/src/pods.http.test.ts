// Pods, ConfigMaps and Leases through @kubernetes/client-node over real HTTP: CRUD, the three patch types, 409 on a
// stale resourceVersion and on an existing name, generateName, selectors, 404 Status details, status subresource.

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CoordinationV1Api,
  CoreV1Api,
  KubeConfig,
  PatchStrategy,
  setHeaderOptions,
  type V1Pod,
} from '@kubernetes/client-node';
import { type KubeSim, startKubeSim } from './index.ts';

let sim: KubeSim;
let core: CoreV1Api;
let coordination: CoordinationV1Api;

beforeAll(async () => {
  sim = await startKubeSim();
  const kc = new KubeConfig();
  kc.loadFromFile(sim.kubeconfigPath);
  core = kc.makeApiClient(CoreV1Api);
  coordination = kc.makeApiClient(CoordinationV1Api);
});

afterAll(async () => {
  await sim.stop();
});

function pod(name: string, labels: Record<string, string> = {}): V1Pod {
  return {
    metadata: { name, labels },
    spec: { containers: [{ name: 'main', image: 'node:24', ports: [{ containerPort: 8080 }] }] },
  };
}

/** The HTTP code and parsed Status body of a failed client-node call. */
async function failure(call: Promise<unknown>): Promise<{ code: number; body: Record<string, unknown> }> {
  try {
    await call;
  } catch (error) {
    const e = error as { code: number; body: string };
    return { code: e.code, body: JSON.parse(e.body) as Record<string, unknown> };
  }
  throw new Error('expected the call to fail');
}

describe('pods over HTTP', () => {
  it('creates with server-set metadata and defaults, then gets and lists', async () => {
    const created = await core.createNamespacedPod({ namespace: 'default', body: pod('p1', { role: 'zone' }) });
    expect(created.metadata?.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.metadata?.generation).toBe(1);
    expect(created.metadata?.creationTimestamp).toBeInstanceOf(Date);
    expect(created.status?.phase).toBe('Pending');
    expect(created.spec?.terminationGracePeriodSeconds).toBe(30);
    expect(created.spec?.containers[0]?.imagePullPolicy).toBe('IfNotPresent');
    const got = await core.readNamespacedPod({ namespace: 'default', name: 'p1' });
    expect(got.metadata?.resourceVersion).toBe(created.metadata?.resourceVersion);
    const list = await core.listNamespacedPod({ namespace: 'default' });
    expect(list.items.map((p) => p.metadata?.name)).toContain('p1');
    expect(Number(list.metadata?.resourceVersion)).toBeGreaterThanOrEqual(Number(created.metadata?.resourceVersion));
  });

  it('answers 409 AlreadyExists for an existing name and fills generateName', async () => {
    const { code, body } = await failure(core.createNamespacedPod({ namespace: 'default', body: pod('p1') }));
    expect(code).toBe(409);
    expect(body).toMatchObject({ kind: 'Status', reason: 'AlreadyExists', details: { name: 'p1', kind: 'pods' } });
    const generated = await core.createNamespacedPod({
      namespace: 'default',
      body: { ...pod(''), metadata: { generateName: 'zone-' } },
    });
    expect(generated.metadata?.name).toMatch(/^zone-[a-z0-9]{5}$/);
  });

  it('answers 404 NotFound with reason and details', async () => {
    const { code, body } = await failure(core.readNamespacedPod({ namespace: 'default', name: 'missing' }));
    expect(code).toBe(404);
    expect(body).toMatchObject({
      reason: 'NotFound',
      message: 'pods "missing" not found',
      details: { name: 'missing', kind: 'pods' },
    });
  });

  it('answers 409 Conflict on an update with a stale resourceVersion', async () => {
    const current = await core.readNamespacedPod({ namespace: 'default', name: 'p1' });
    const first = { ...current, metadata: { ...current.metadata, labels: { role: 'zone', v: '1' } } };
    const updated = await core.replaceNamespacedPod({ namespace: 'default', name: 'p1', body: first });
    expect(Number(updated.metadata?.resourceVersion)).toBeGreaterThan(Number(current.metadata?.resourceVersion));
    const stale = { ...current, metadata: { ...current.metadata, labels: { v: 'stale' } } };
    const { code, body } = await failure(core.replaceNamespacedPod({ namespace: 'default', name: 'p1', body: stale }));
    expect(code).toBe(409);
    expect(body.reason).toBe('Conflict');
    expect(body.message).toContain('the object has been modified');
  });

  it('applies JSON patch, merge patch and strategic merge patch', async () => {
    const jsonPatched = await core.patchNamespacedPod({
      namespace: 'default',
      name: 'p1',
      body: [{ op: 'add', path: '/metadata/annotations', value: { a: '1' } }],
    });
    expect(jsonPatched.metadata?.annotations).toEqual({ a: '1' });
    const merged = await core.patchNamespacedPod(
      { namespace: 'default', name: 'p1', body: { metadata: { labels: { v: null, extra: 'yes' } } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    expect(merged.metadata?.labels).toEqual({ role: 'zone', extra: 'yes' });
    const strategic = await core.patchNamespacedPod(
      {
        namespace: 'default',
        name: 'p1',
        body: { spec: { containers: [{ name: 'main', image: 'node:24.1' }] } },
      },
      setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch),
    );
    expect(strategic.spec?.containers).toHaveLength(1);
    expect(strategic.spec?.containers[0]).toMatchObject({
      name: 'main',
      image: 'node:24.1',
      ports: [{ containerPort: 8080 }],
    });
    expect(strategic.metadata?.generation).toBe(2);
  });

  it('refuses a failed JSON patch test with 422 and leaves the object alone', async () => {
    const before = await core.readNamespacedPod({ namespace: 'default', name: 'p1' });
    const { code } = await failure(
      core.patchNamespacedPod({
        namespace: 'default',
        name: 'p1',
        body: [
          { op: 'test', path: '/metadata/resourceVersion', value: '1' },
          { op: 'add', path: '/metadata/labels/x', value: 'y' },
        ],
      }),
    );
    expect(code).toBe(422);
    const after = await core.readNamespacedPod({ namespace: 'default', name: 'p1' });
    expect(after.metadata?.resourceVersion).toBe(before.metadata?.resourceVersion);
  });

  it('writes status only through /status, and ignores status on the main resource', async () => {
    const current = await core.readNamespacedPod({ namespace: 'default', name: 'p1' });
    const withStatus = await core.replaceNamespacedPodStatus({
      namespace: 'default',
      name: 'p1',
      body: {
        ...current,
        status: { phase: 'Running', podIP: '127.0.0.5' },
        metadata: { ...current.metadata, labels: { ignored: 'yes' } },
      },
    });
    expect(withStatus.status?.phase).toBe('Running');
    expect(withStatus.metadata?.labels?.ignored).toBeUndefined();
    const main = await core.replaceNamespacedPod({
      namespace: 'default',
      name: 'p1',
      body: { ...withStatus, status: { phase: 'Failed' } },
    });
    expect(main.status?.phase).toBe('Running');
  });

  it('refuses a pod spec change other than images (422)', async () => {
    const current = await core.readNamespacedPod({ namespace: 'default', name: 'p1' });
    const changed = structuredClone(current);
    changed.spec!.restartPolicy = 'Never';
    const { code, body } = await failure(
      core.replaceNamespacedPod({ namespace: 'default', name: 'p1', body: changed }),
    );
    expect(code).toBe(422);
    expect(String(body.message)).toContain('pod updates may not change fields');
  });

  it('selects by label and by field', async () => {
    await core.createNamespacedPod({ namespace: 'default', body: pod('gate-1', { role: 'gate', tier: 'edge' }) });
    await core.createNamespacedPod({ namespace: 'default', body: pod('db-1', { role: 'db' }) });
    const names = async (labelSelector?: string, fieldSelector?: string): Promise<string[]> =>
      (await core.listNamespacedPod({ namespace: 'default', labelSelector, fieldSelector })).items
        .map((p) => p.metadata?.name ?? '')
        .sort();
    expect(await names('role=gate')).toEqual(['gate-1']);
    expect(await names('role in (gate,db)')).toEqual(['db-1', 'gate-1']);
    expect(await names('role notin (gate,db),role')).toEqual(['p1']);
    expect(await names('tier')).toEqual(['gate-1']);
    expect(await names('!tier,role,role!=zone')).toEqual(['db-1']);
    expect(await names(undefined, 'metadata.name=db-1')).toEqual(['db-1']);
    expect(await names(undefined, 'status.phase=Running')).toEqual(['p1']);
  });

  it('pages a list with limit and continue', async () => {
    const first = await core.listNamespacedPod({ namespace: 'default', limit: 2 });
    expect(first.items).toHaveLength(2);
    expect(first.metadata?._continue).toBeDefined();
    const rest = await core.listNamespacedPod({
      namespace: 'default',
      limit: 100,
      _continue: first.metadata?._continue,
    });
    const all = await core.listNamespacedPod({ namespace: 'default' });
    expect([...first.items, ...rest.items].map((p) => p.metadata?.name)).toEqual(
      all.items.map((p) => p.metadata?.name),
    );
  });

  it('deletes a pod at once when no kubelet is attached', async () => {
    await core.deleteNamespacedPod({ namespace: 'default', name: 'db-1' });
    const { code } = await failure(core.readNamespacedPod({ namespace: 'default', name: 'db-1' }));
    expect(code).toBe(404);
  });

  it('refuses a pod in a namespace that does not exist (404 namespaces)', async () => {
    const { code, body } = await failure(core.createNamespacedPod({ namespace: 'nowhere', body: pod('x') }));
    expect(code).toBe(404);
    expect(body.message).toBe('namespaces "nowhere" not found');
  });

  it('rejects an invalid name with 422 Invalid', async () => {
    const { code, body } = await failure(
      core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'Bad_Name' } } }),
    );
    expect(code).toBe(422);
    expect(body).toMatchObject({ reason: 'Invalid', details: { causes: [{ field: 'metadata.name' }] } });
  });
});

describe('leases over HTTP', () => {
  it('creates and updates a lease, with 409 for a stale holder', async () => {
    const created = await coordination.createNamespacedLease({
      namespace: 'default',
      body: { metadata: { name: 'operator' }, spec: { holderIdentity: 'a', leaseDurationSeconds: 15 } },
    });
    const renewed = await coordination.replaceNamespacedLease({
      namespace: 'default',
      name: 'operator',
      body: { ...created, spec: { ...created.spec, holderIdentity: 'a', renewTime: new Date() } },
    });
    expect(renewed.spec?.holderIdentity).toBe('a');
    const { code, body } = await failure(
      coordination.replaceNamespacedLease({
        namespace: 'default',
        name: 'operator',
        body: { ...created, spec: { ...created.spec, holderIdentity: 'b' } },
      }),
    );
    expect(code).toBe(409);
    expect(body).toMatchObject({
      reason: 'Conflict',
      details: { name: 'operator', group: 'coordination.k8s.io', kind: 'leases' },
    });
  });
});
