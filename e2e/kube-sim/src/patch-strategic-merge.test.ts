// Table tests of the strategic merge patch subset, with the directives kubectl's client-side apply emits.

import { describe, expect, it } from '@jest/globals';
import { applyStrategicMergePatch } from './patch-strategic-merge.ts';

const pod = {
  metadata: { name: 'p', finalizers: ['a'], labels: { x: '1' } },
  spec: {
    containers: [
      {
        name: 'main',
        image: 'node:24',
        ports: [{ containerPort: 80 }, { containerPort: 9000 }],
        env: [{ name: 'A', value: '1' }],
        volumeMounts: [{ mountPath: '/data', name: 'd' }],
      },
      { name: 'side', image: 'busybox' },
    ],
    tolerations: [{ key: 't1' }],
  },
};

describe('strategic merge patch', () => {
  it.each([
    {
      desc: 'maps merge and null deletes',
      patch: { metadata: { labels: { x: null, y: '2' } } },
      read: (o: typeof pod) => o.metadata.labels,
      want: { y: '2' },
    },
    {
      desc: 'containers merge by name, keeping fields the patch does not name',
      patch: { spec: { containers: [{ name: 'main', image: 'node:25' }] } },
      read: (o: typeof pod) => o.spec.containers.map((c) => `${c.name}:${c.image}:${c.ports?.length ?? 0}`),
      want: ['main:node:25:2', 'side:busybox:0'],
    },
    {
      desc: 'a new container is appended',
      patch: { spec: { containers: [{ name: 'extra', image: 'x' }] } },
      read: (o: typeof pod) => o.spec.containers.map((c) => c.name),
      want: ['main', 'side', 'extra'],
    },
    {
      desc: 'container ports merge by containerPort',
      patch: { spec: { containers: [{ name: 'main', ports: [{ containerPort: 9000, name: 'admin' }] }] } },
      read: (o: typeof pod) => o.spec.containers[0]?.ports,
      want: [{ containerPort: 80 }, { containerPort: 9000, name: 'admin' }],
    },
    {
      desc: 'env merges by name and $patch: delete removes an item',
      patch: {
        spec: {
          containers: [
            {
              name: 'main',
              env: [
                { name: 'A', $patch: 'delete' },
                { name: 'B', value: '2' },
              ],
            },
          ],
        },
      },
      read: (o: typeof pod) => o.spec.containers[0]?.env,
      want: [{ name: 'B', value: '2' }],
    },
    {
      desc: 'volumeMounts merge by mountPath',
      patch: { spec: { containers: [{ name: 'main', volumeMounts: [{ mountPath: '/data', readOnly: true }] }] } },
      read: (o: typeof pod) => o.spec.containers[0]?.volumeMounts,
      want: [{ mountPath: '/data', name: 'd', readOnly: true }],
    },
    {
      desc: 'lists without a merge key are replaced',
      patch: { spec: { tolerations: [{ key: 't2' }] } },
      read: (o: typeof pod) => o.spec.tolerations,
      want: [{ key: 't2' }],
    },
    {
      desc: 'finalizers are a set: union, and $deleteFromPrimitiveList removes',
      patch: { metadata: { finalizers: ['b'], '$deleteFromPrimitiveList/finalizers': ['a'] } },
      read: (o: typeof pod) => o.metadata.finalizers,
      want: ['b'],
    },
    {
      desc: '$setElementOrder reorders a merged list',
      patch: {
        spec: {
          '$setElementOrder/containers': [{ name: 'side' }, { name: 'main' }],
          containers: [{ name: 'side', image: 'b2' }],
        },
      },
      read: (o: typeof pod) => o.spec.containers.map((c) => `${c.name}:${c.image}`),
      want: ['side:b2', 'main:node:24'],
    },
    {
      desc: '$patch: replace replaces a map',
      patch: { metadata: { labels: { $patch: 'replace', only: 'me' } } },
      read: (o: typeof pod) => o.metadata.labels,
      want: { only: 'me' },
    },
  ])('$desc', ({ patch, read, want }) => {
    const before = structuredClone(pod);
    expect(read(applyStrategicMergePatch(pod, patch) as typeof pod)).toEqual(want);
    expect(pod).toEqual(before);
  });

  it('merges Service ports by port', () => {
    const svc = { spec: { ports: [{ port: 80, targetPort: 8080 }, { port: 9000 }] } };
    const out = applyStrategicMergePatch(svc, { spec: { ports: [{ port: 9000, name: 'admin' }] } });
    expect(out).toEqual({
      spec: {
        ports: [
          { port: 80, targetPort: 8080 },
          { port: 9000, name: 'admin' },
        ],
      },
    });
  });
});
