// planGameCluster with zone autoscaling: zones scale up at once from the players they report, down only after the
// stabilisation window (least-loaded first), and hold when no zone answers.
import { describe, expect, it } from '@jest/globals';
import { EMPTY_AUTOSCALE_MEMORY } from './autoscale-desired.ts';
import { planGameCluster } from './plan-game-cluster.ts';
import { create, planScenario, withRole } from './testing/example-scenarios.ts';
import { startedNode, T0, testCluster, testHashes, testPod } from './testing/index.ts';

describe('planGameCluster with zone autoscaling', () => {
  const autoscaling = {
    enabled: true,
    minReplicas: 1,
    maxReplicas: 6,
    targetPlayersPerPod: 100,
    scaleDownStabilizationSeconds: 60,
  };

  it('scales zones up at once from the players they report', () => {
    const pods = withRole('zone', [
      testPod('zone-a', 'zone', { node: startedNode(260) }),
      testPod('zone-b', 'zone', { node: startedNode(190) }),
    ]);
    const result = planScenario({ pods, cluster: { autoscaling } });
    expect(result.desiredReplicas.zone).toBe(5);
    expect(result.actions).toEqual([create('zone'), create('zone'), create('zone')]);
  });

  it('scales down only after the window, least-loaded zones first', () => {
    const pods = withRole('zone', [
      testPod('zone-a', 'zone', { node: startedNode(10) }),
      testPod('zone-b', 'zone', { node: startedNode(3) }),
      testPod('zone-c', 'zone', { node: startedNode(20) }),
    ]);
    const cluster = testCluster({ autoscaling, replicas: { zone: 3 } });
    const first = planGameCluster({
      cluster,
      templateHashes: testHashes(),
      pods,
      now: T0,
      autoscale: EMPTY_AUTOSCALE_MEMORY,
    });
    expect(first.actions).toEqual([]);
    expect(first.desiredReplicas.zone).toBe(3);
    expect(first.autoscale).toEqual({ lowerSince: T0, lowerPeak: 1 });
    expect(first.requeueAt).toBe(T0 + 60_000);
    const later = planGameCluster({
      cluster,
      templateHashes: testHashes(),
      pods,
      now: T0 + 60_000,
      autoscale: first.autoscale,
    });
    expect(later.desiredReplicas.zone).toBe(1);
    expect(later.actions).toEqual([
      {
        type: 'startDrain',
        pod: 'zone-b',
        role: 'zone',
        reason: 'scaleDown',
        startedAt: T0 + 60_000,
        deadline: T0 + 120_000,
      },
      {
        type: 'startDrain',
        pod: 'zone-a',
        role: 'zone',
        reason: 'scaleDown',
        startedAt: T0 + 60_000,
        deadline: T0 + 120_000,
      },
    ]);
  });

  it('holds when no zone answers', () => {
    const pods = withRole('zone', [
      testPod('zone-a', 'zone', { node: null }),
      testPod('zone-b', 'zone', { node: null }),
    ]);
    const result = planScenario({ pods, cluster: { autoscaling, replicas: { zone: 2 } } });
    expect(result.desiredReplicas.zone).toBe(2);
    expect(result.actions).toEqual([]);
  });
});
