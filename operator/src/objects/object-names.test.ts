// Names: a cluster name that gives any owned object a name Kubernetes refuses fails every builder with one
// ObjectNameError listing the problems; settings no pod can run with fail with ObjectSpecError.
import { describe, expect, it } from '@jest/globals';
import type { GameCluster } from '../api/game-cluster.ts';
import {
  gateService,
  MAX_CLUSTER_NAME_LENGTH,
  ObjectNameError,
  ObjectSpecError,
  objectNameProblems,
  podFor,
  podTemplate,
  secret,
} from './index.ts';
import { sampleGameCluster } from './testing-game-cluster.ts';

describe('object names', () => {
  const cases: { desc: string; name: string; ok: boolean }[] = [
    { desc: 'a short name', name: 'arena', ok: true },
    { desc: 'digits and dashes inside', name: 'eu-west-1', ok: true },
    { desc: 'the longest name that fits', name: `a${'b'.repeat(MAX_CLUSTER_NAME_LENGTH - 1)}`, ok: true },
    { desc: 'one character more', name: `a${'b'.repeat(MAX_CLUSTER_NAME_LENGTH)}`, ok: false },
    { desc: 'a leading digit (no Service name)', name: '1arena', ok: false },
    { desc: 'capitals', name: 'Arena', ok: false },
    { desc: 'a dot', name: 'arena.eu', ok: false },
    { desc: 'a trailing dash', name: 'arena-', ok: false },
  ];

  it.each(cases)('$desc: ok=$ok', ({ name, ok }) => {
    const cluster = sampleGameCluster({}, name);
    expect(objectNameProblems(cluster).length === 0).toBe(ok);
    const build = () => [podFor(cluster, 'world'), gateService(cluster), secret(cluster)];
    if (ok) {
      expect(build).not.toThrow();
      expect(`${podFor(cluster, 'world').metadata?.generateName}xxxxx`.length).toBeLessThanOrEqual(63);
    } else expect(build).toThrow(ObjectNameError);
  });

  it('keeps pod names within a DNS label: 51 characters at most', () => {
    expect(MAX_CLUSTER_NAME_LENGTH).toBe(51);
  });

  it('carries a stable code and every problem', () => {
    const error = (() => {
      try {
        podTemplate(sampleGameCluster({}, `9${'x'.repeat(60)}`), 'zone');
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ObjectNameError);
    expect((error as ObjectNameError).code).toBe('GC_ERR_OBJECT_NAME');
    expect((error as ObjectNameError).problems.length).toBeGreaterThanOrEqual(2);
  });
});

describe('unbuildable settings', () => {
  const cases: { desc: string; cluster: GameCluster; message: RegExp }[] = [
    {
      desc: 'postgres without its secretRef',
      cluster: sampleGameCluster({ database: { mode: 'postgres' } }),
      message: /secretRef/,
    },
    { desc: 'no etcd endpoints', cluster: sampleGameCluster({ etcd: { endpoints: [] } }), message: /etcd\.endpoints/ },
    {
      desc: 'a GameCluster without a uid',
      cluster: { ...sampleGameCluster(), metadata: { name: 'arena', namespace: 'games' } },
      message: /metadata\.uid/,
    },
  ];
  it.each(cases)('$desc fails with GC_ERR_OBJECT_SPEC', ({ cluster, message }) => {
    expect(() => podFor(cluster, 'db')).toThrow(ObjectSpecError);
    expect(() => podFor(cluster, 'db')).toThrow(message);
    expect(new ObjectSpecError('x').code).toBe('GC_ERR_OBJECT_SPEC');
  });
});
