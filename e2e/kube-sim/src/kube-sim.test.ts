// The in-process side of kube-sim that a kubelet will use: resource(), an in-process watch on a node's pods that
// replays from a resourceVersion, and graceful deletion finished by the "kubelet" with grace 0.

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type KubeSim, parseFieldSelector, startKubeSim, type WatchEvent } from './index.ts';

let sim: KubeSim;

beforeAll(async () => {
  sim = await startKubeSim({ kubeletAttached: true });
});

afterAll(async () => {
  await sim.stop();
});

const pod = (name: string, nodeName: string) => ({
  metadata: { name },
  spec: { nodeName, terminationGracePeriodSeconds: 5, containers: [{ name: 'main', image: 'node:24' }] },
});

describe('kube-sim in process', () => {
  it('refuses a type that is not served', () => {
    expect(() => sim.resource('example.io/v1', 'things')).toThrow(
      expect.objectContaining({ code: 'GC_ERR_KUBESIM_OPTIONS' }),
    );
  });

  it('watches one node’s pods from a resourceVersion and lets the kubelet finish graceful deletion', () => {
    const pods = sim.resource('v1', 'pods');
    const from = String(sim.store.revision);
    sim.api.create(pods, 'default', pod('on-node', 'node-1'));
    sim.api.create(pods, 'default', pod('elsewhere', 'node-2'));
    const events: WatchEvent[] = [];
    const stop = sim.watch(
      { type: pods, query: { fieldSelector: parseFieldSelector('spec.nodeName=node-1') }, resourceVersion: from },
      (e) => events.push(e),
    );
    expect(events.map((e) => `${e.type} ${e.object.metadata.name}`)).toEqual(['ADDED on-node']);
    const deleting = sim.api.delete(pods, 'default', 'on-node');
    expect(deleting.deleted).toBe(false);
    expect(deleting.object.metadata.deletionGracePeriodSeconds).toBe(5);
    expect(events.at(-1)?.object.metadata.deletionTimestamp).toBeDefined();
    expect(sim.api.delete(pods, 'default', 'on-node', { gracePeriodSeconds: 0 }).deleted).toBe(true);
    expect(events.map((e) => e.type)).toEqual(['ADDED', 'MODIFIED', 'DELETED']);
    stop();
  });
});
