// CRDs and custom resources through @kubernetes/client-node over real HTTP: serving after Established, discovery,
// schema defaults and 422 validation (including CEL rules), pruning, status and scale subresources, generation,
// the Table kubectl gets, and CRD deletion removing its instances.

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  ApiextensionsV1Api,
  CustomObjectsApi,
  KubeConfig,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import { type KubeSim, startKubeSim } from './index.ts';
import { WIDGET_CRD, WIDGET_GROUP, WIDGET_PLURAL, WIDGET_VERSION } from './testing/widget-crd.ts';

let sim: KubeSim;
let custom: CustomObjectsApi;
let extensions: ApiextensionsV1Api;

type Widget = {
  apiVersion?: string;
  kind?: string;
  metadata: { name: string; resourceVersion?: string; generation?: number; finalizers?: string[]; uid?: string };
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
};

const at = { group: WIDGET_GROUP, version: WIDGET_VERSION, namespace: 'default', plural: WIDGET_PLURAL };

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

const createWidget = (name: string, spec: Record<string, unknown>, query: { fieldValidation?: string } = {}) =>
  custom.createNamespacedCustomObject({
    ...at,
    body: { apiVersion: `${WIDGET_GROUP}/${WIDGET_VERSION}`, kind: 'Widget', metadata: { name }, spec },
    ...query,
  }) as Promise<Widget>;

const getWidget = (name: string) => custom.getNamespacedCustomObject({ ...at, name }) as Promise<Widget>;

beforeAll(async () => {
  sim = await startKubeSim();
  const kc = new KubeConfig();
  kc.loadFromFile(sim.kubeconfigPath);
  custom = kc.makeApiClient(CustomObjectsApi);
  extensions = kc.makeApiClient(ApiextensionsV1Api);
  // Raw JSON: client-node's typed model would drop `default`, `enum` and the x-kubernetes-* keywords.
  const created = await fetch(`${sim.url}/apis/apiextensions.k8s.io/v1/customresourcedefinitions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(WIDGET_CRD),
  });
  expect(created.status).toBe(201);
  await waitFor(async () => {
    const crd = await extensions.readCustomResourceDefinition({ name: WIDGET_CRD.metadata.name });
    return crd.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True') === true;
  });
});

afterAll(async () => {
  await sim.stop();
});

describe('custom resources over HTTP', () => {
  it('lists the resource and its subresources in discovery once established', async () => {
    const list = (await (await fetch(`${sim.url}/apis/${WIDGET_GROUP}/${WIDGET_VERSION}`)).json()) as {
      resources: { name: string; kind: string; group?: string }[];
    };
    expect(list.resources.map((r) => r.name)).toEqual(['widgets', 'widgets/status', 'widgets/scale']);
    expect(list.resources[2]).toMatchObject({ kind: 'Scale', group: 'autoscaling' });
    const groups = (await (await fetch(`${sim.url}/apis`)).json()) as { groups: { name: string }[] };
    expect(groups.groups.map((g) => g.name)).toContain(WIDGET_GROUP);
  });

  it('applies schema defaults, including inside a defaulted object', async () => {
    const w = await createWidget('w1', { size: 'small' });
    expect(w.spec).toEqual({ size: 'small', replicas: 1, min: 0, max: 10, template: { color: 'blue' } });
    expect(w.metadata.generation).toBe(1);
    expect(w.status).toBeUndefined();
  });

  it('rejects schema violations with 422 Invalid and one cause per field', async () => {
    const { code, body } = await failure(createWidget('bad', { size: 'huge', replicas: -1 }));
    expect(code).toBe(422);
    expect(body.reason).toBe('Invalid');
    const causes = (body.details as { causes: { field: string; reason: string }[] }).causes;
    expect(causes.map((c) => `${c.field} ${c.reason}`).sort()).toEqual([
      'spec.replicas FieldValueInvalid',
      'spec.size FieldValueNotSupported',
    ]);
    expect(body.message).toContain('Widget.test.kube-sim.io "bad" is invalid');
    const missing = await failure(createWidget('bad', {}));
    expect(missing.body.message).toContain('spec.size: Required value');
  });

  it('evaluates CEL rules, and transition rules only on update', async () => {
    const { code, body } = await failure(createWidget('cel', { size: 'small', min: 5, max: 1 }));
    expect(code).toBe(422);
    expect(body.message).toContain('min must not exceed max');
    const w = await getWidget('w1');
    const resized = await failure(
      custom.replaceNamespacedCustomObject({ ...at, name: 'w1', body: { ...w, spec: { ...w.spec, size: 'large' } } }),
    );
    expect(resized.code).toBe(422);
    expect(resized.body.message).toContain('spec.size: Invalid value: "object": size is immutable');
  });

  it('prunes unknown fields, or refuses them under fieldValidation=Strict', async () => {
    const pruned = await createWidget('w2', { size: 'small', nope: 1, extra: { kept: true } });
    expect(pruned.spec?.nope).toBeUndefined();
    expect(pruned.spec?.extra).toEqual({ kept: true });
    const { code, body } = await failure(createWidget('w3', { size: 'small', nope: 1 }, { fieldValidation: 'Strict' }));
    expect(code).toBe(400);
    expect(body.message).toBe('strict decoding error: unknown field "spec.nope"');
  });

  it('requires a resourceVersion on update (422) and answers 409 to a stale one', async () => {
    const w = await getWidget('w1');
    const withoutRv = { ...w, metadata: { ...w.metadata, resourceVersion: undefined } };
    expect((await failure(custom.replaceNamespacedCustomObject({ ...at, name: 'w1', body: withoutRv }))).code).toBe(
      422,
    );
    await custom.replaceNamespacedCustomObject({ ...at, name: 'w1', body: { ...w, spec: { ...w.spec, max: 11 } } });
    const stale = await failure(
      custom.replaceNamespacedCustomObject({ ...at, name: 'w1', body: { ...w, spec: { ...w.spec, max: 12 } } }),
    );
    expect(stale.code).toBe(409);
  });

  it('keeps status and spec apart: status only via /status, generation only on spec changes', async () => {
    const before = await getWidget('w1');
    const statusWrite = (await custom.replaceNamespacedCustomObjectStatus({
      ...at,
      name: 'w1',
      body: {
        ...before,
        spec: { ...before.spec, max: 99 },
        status: { replicas: 1, conditions: [{ type: 'Ready', status: 'True' }] },
      },
    })) as Widget;
    expect(statusWrite.status?.replicas).toBe(1);
    expect(statusWrite.spec?.max).toBe(before.spec?.max);
    expect(statusWrite.metadata.generation).toBe(before.metadata.generation);
    const mainWrite = (await custom.replaceNamespacedCustomObject({
      ...at,
      name: 'w1',
      body: { ...statusWrite, spec: { ...statusWrite.spec, max: 20 }, status: { replicas: 7 } },
    })) as Widget;
    expect(mainWrite.status?.replicas).toBe(1);
    expect(mainWrite.metadata.generation).toBe((before.metadata.generation ?? 0) + 1);
    const noop = (await custom.replaceNamespacedCustomObject({ ...at, name: 'w1', body: mainWrite })) as Widget;
    expect(noop.metadata.resourceVersion).toBe(mainWrite.metadata.resourceVersion);
  });

  it('serves the scale subresource as autoscaling/v1 Scale for GET, PUT and PATCH', async () => {
    await custom.patchNamespacedCustomObjectStatus(
      { ...at, name: 'w1', body: { status: { selector: 'app=w1' } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    const scale = (await custom.getNamespacedCustomObjectScale({ ...at, name: 'w1' })) as {
      kind: string;
      apiVersion: string;
      metadata: { resourceVersion: string };
      spec: { replicas: number };
      status: { replicas: number; selector: string };
    };
    expect(scale).toMatchObject({
      kind: 'Scale',
      apiVersion: 'autoscaling/v1',
      spec: { replicas: 1 },
      status: { replicas: 1, selector: 'app=w1' },
    });
    await custom.replaceNamespacedCustomObjectScale({ ...at, name: 'w1', body: { ...scale, spec: { replicas: 3 } } });
    expect((await getWidget('w1')).spec?.replicas).toBe(3);
    await custom.patchNamespacedCustomObjectScale(
      { ...at, name: 'w1', body: { spec: { replicas: 4 } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    const after = await getWidget('w1');
    expect(after.spec?.replicas).toBe(4);
    const stale = await failure(
      custom.replaceNamespacedCustomObjectScale({ ...at, name: 'w1', body: { ...scale, spec: { replicas: 5 } } }),
    );
    expect(stale.code).toBe(409);
  });

  it('refuses strategic merge patch on a custom resource with 415, as the real server does', async () => {
    const { code } = await failure(
      custom.patchNamespacedCustomObject(
        { ...at, name: 'w1', body: { spec: { max: 30 } } },
        setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch),
      ),
    );
    expect(code).toBe(415);
  });

  it('serves a Table with the printer columns when asked as kubectl asks', async () => {
    const res = await fetch(`${sim.url}/apis/${WIDGET_GROUP}/${WIDGET_VERSION}/namespaces/default/${WIDGET_PLURAL}`, {
      headers: { Accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json' },
    });
    const table = (await res.json()) as {
      kind: string;
      columnDefinitions: { name: string }[];
      rows: { cells: unknown[]; object: { kind: string; metadata: { name: string } } }[];
    };
    expect(table.kind).toBe('Table');
    expect(table.columnDefinitions.map((c) => c.name)).toEqual(['Name', 'Ready', 'Replicas', 'Age']);
    const row = table.rows.find((r) => r.cells[0] === 'w1');
    expect(row?.cells.slice(0, 3)).toEqual(['w1', 'True', 4]);
    expect(row?.cells[3]).toMatch(/^[0-9]+s$/);
    expect(row?.object.kind).toBe('PartialObjectMetadata');
  });

  it('deleting the CRD deletes its instances and stops serving the resource', async () => {
    await extensions.deleteCustomResourceDefinition({ name: WIDGET_CRD.metadata.name });
    await waitFor(async () => (await fetch(`${sim.url}/apis/${WIDGET_GROUP}/${WIDGET_VERSION}`)).status === 404);
    expect(sim.store.list(`${WIDGET_PLURAL}.${WIDGET_GROUP}`)).toEqual([]);
    const { code } = await failure(extensions.readCustomResourceDefinition({ name: WIDGET_CRD.metadata.name }));
    expect(code).toBe(404);
  });
});
