// Watches through @kubernetes/client-node over real HTTP: replay from a resourceVersion, 410 Expired after
// compaction, bookmarks, timeoutSeconds, selector transitions, and an informer that sees add/update/delete.

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CoreV1Api, KubeConfig, makeInformer, type V1ConfigMap, Watch } from '@kubernetes/client-node';
import { type KubeSim, startKubeSim } from './index.ts';

let sim: KubeSim;
let kc: KubeConfig;
let core: CoreV1Api;

beforeAll(async () => {
  sim = await startKubeSim({ bookmarkIntervalMs: 100 });
  kc = new KubeConfig();
  kc.loadFromFile(sim.kubeconfigPath);
  core = kc.makeApiClient(CoreV1Api);
});

afterAll(async () => {
  await sim.stop();
});

async function waitFor(check: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

interface Seen {
  type: string;
  name: string;
  rv: string;
  code?: number;
  reason?: string;
}

async function watchConfigMaps(query: Record<string, string | boolean>, seen: Seen[], done?: (err: unknown) => void) {
  return new Watch(kc).watch(
    '/api/v1/namespaces/default/configmaps',
    query,
    (type, object: { metadata?: { name?: string; resourceVersion?: string }; code?: number; reason?: string }) => {
      seen.push({
        type,
        name: object.metadata?.name ?? '',
        rv: object.metadata?.resourceVersion ?? '',
        ...(object.code === undefined ? {} : { code: object.code, reason: object.reason }),
      });
    },
    done ?? (() => {}),
  );
}

const cm = (name: string, labels: Record<string, string> = {}): V1ConfigMap => ({
  metadata: { name, labels },
  data: { k: 'v' },
});

describe('watch over HTTP', () => {
  it('replays the changes after a resourceVersion, in order, then streams new ones', async () => {
    const created = await core.createNamespacedConfigMap({ namespace: 'default', body: cm('w1') });
    const from = created.metadata?.resourceVersion ?? '';
    await core.patchNamespacedConfigMap({
      namespace: 'default',
      name: 'w1',
      body: [{ op: 'add', path: '/data/x', value: '1' }],
    });
    await core.deleteNamespacedConfigMap({ namespace: 'default', name: 'w1' });
    const seen: Seen[] = [];
    const controller = await watchConfigMaps({ resourceVersion: from }, seen);
    await waitFor(() => seen.length >= 2);
    expect(seen.map((s) => `${s.type} ${s.name}`)).toEqual(['MODIFIED w1', 'DELETED w1']);
    expect(Number(seen[1]?.rv)).toBeGreaterThan(Number(seen[0]?.rv));
    await core.createNamespacedConfigMap({ namespace: 'default', body: cm('w2') });
    await waitFor(() => seen.length >= 3);
    expect(seen[2]).toMatchObject({ type: 'ADDED', name: 'w2' });
    controller.abort();
  });

  it('starts with the current objects as ADDED when no resourceVersion is given', async () => {
    const seen: Seen[] = [];
    const controller = await watchConfigMaps({}, seen);
    await waitFor(() => seen.some((s) => s.name === 'w2'));
    expect(seen.find((s) => s.name === 'w2')?.type).toBe('ADDED');
    controller.abort();
  });

  it('answers a compacted resourceVersion with an ERROR event carrying 410 Expired', async () => {
    const created = await core.createNamespacedConfigMap({ namespace: 'default', body: cm('w3') });
    await core.patchNamespacedConfigMap({
      namespace: 'default',
      name: 'w3',
      body: [{ op: 'add', path: '/data/y', value: '2' }],
    });
    sim.compact();
    const seen: Seen[] = [];
    let ended = false;
    await watchConfigMaps({ resourceVersion: created.metadata?.resourceVersion ?? '' }, seen, () => {
      ended = true;
    });
    await waitFor(() => ended);
    expect(seen).toEqual([{ type: 'ERROR', name: '', rv: '', code: 410, reason: 'Expired' }]);
  });

  it('sends bookmarks when allowed, and ends the stream after timeoutSeconds', async () => {
    const seen: Seen[] = [];
    let ended = false;
    const started = Date.now();
    await watchConfigMaps(
      { resourceVersion: String(sim.store.revision), allowWatchBookmarks: true, timeoutSeconds: '1' },
      seen,
      () => {
        ended = true;
      },
    );
    await waitFor(() => ended, 3000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    const bookmarks = seen.filter((s) => s.type === 'BOOKMARK');
    expect(bookmarks.length).toBeGreaterThan(2);
    expect(Number(bookmarks[0]?.rv)).toBe(sim.store.revision);
  });

  it('turns selector transitions into ADDED and DELETED', async () => {
    const seen: Seen[] = [];
    const controller = await watchConfigMaps(
      { labelSelector: 'tier=edge', resourceVersion: String(sim.store.revision) },
      seen,
    );
    await core.createNamespacedConfigMap({ namespace: 'default', body: cm('w4') });
    await core.patchNamespacedConfigMap({
      namespace: 'default',
      name: 'w4',
      body: [{ op: 'add', path: '/metadata/labels/tier', value: 'edge' }],
    });
    await core.patchNamespacedConfigMap({
      namespace: 'default',
      name: 'w4',
      body: [{ op: 'add', path: '/data/z', value: '3' }],
    });
    await core.patchNamespacedConfigMap({
      namespace: 'default',
      name: 'w4',
      body: [{ op: 'remove', path: '/metadata/labels/tier' }],
    });
    await waitFor(() => seen.length >= 3);
    expect(seen.map((s) => s.type)).toEqual(['ADDED', 'MODIFIED', 'DELETED']);
    controller.abort();
  });
});

describe('informer over HTTP', () => {
  it('sees add, update and delete', async () => {
    const events: string[] = [];
    const informer = makeInformer(
      kc,
      '/api/v1/namespaces/default/configmaps',
      () => core.listNamespacedConfigMap({ namespace: 'default', labelSelector: 'app=inf' }),
      'app=inf',
    );
    informer.on('add', (o) => events.push(`add ${o.metadata?.name}`));
    informer.on('update', (o) => events.push(`update ${o.metadata?.name}`));
    informer.on('delete', (o) => events.push(`delete ${o.metadata?.name}`));
    await core.createNamespacedConfigMap({ namespace: 'default', body: cm('before', { app: 'inf' }) });
    await informer.start();
    await waitFor(() => events.includes('add before'));
    await core.createNamespacedConfigMap({ namespace: 'default', body: cm('i1', { app: 'inf' }) });
    await core.patchNamespacedConfigMap({
      namespace: 'default',
      name: 'i1',
      body: [{ op: 'add', path: '/data/n', value: '1' }],
    });
    await core.deleteNamespacedConfigMap({ namespace: 'default', name: 'i1' });
    await waitFor(() => events.includes('delete i1'));
    expect(events).toEqual(['add before', 'add i1', 'update i1', 'delete i1']);
    expect(informer.list().map((o) => o.metadata?.name)).toEqual(['before']);
    await informer.stop();
  });
});
