// The status a plan writes: role counts, players, version, the zone selector and count, and the three conditions
// with their reasons and transition times.
import { describe, expect, it } from '@jest/globals';
import type { Condition, ConditionType, GameClusterStatus, Role } from '../api/game-cluster.ts';
import { EMPTY_AUTOSCALE_MEMORY } from './autoscale-desired.ts';
import { UNAVAILABLE_GRACE_MS } from './plan-conditions.ts';
import { planGameCluster } from './plan-game-cluster.ts';
import type { ObservedPod } from './plan-types.ts';
import {
  drainingPod,
  pendingPod,
  startedNode,
  steadyPods,
  T0,
  type TestClusterOptions,
  testCluster,
  testHashes,
  testPod,
} from './testing/index.ts';

function status(
  pods: readonly ObservedPod[],
  cluster: TestClusterOptions = {},
  hashes: Partial<Record<Role, string>> = {},
  now = T0,
): GameClusterStatus {
  return planGameCluster({
    cluster: testCluster(cluster),
    templateHashes: testHashes('v1', hashes),
    pods,
    now,
    autoscale: EMPTY_AUTOSCALE_MEMORY,
  }).status;
}

function condition(result: GameClusterStatus, type: ConditionType): Condition {
  const found = result.conditions?.find((c) => c.type === type);
  if (found === undefined) throw new Error(`no ${type} condition`);
  return found;
}

function summary(result: GameClusterStatus): Record<ConditionType, string> {
  return {
    Ready: `${condition(result, 'Ready').status} ${condition(result, 'Ready').reason}`,
    Progressing: `${condition(result, 'Progressing').status} ${condition(result, 'Progressing').reason}`,
    Degraded: `${condition(result, 'Degraded').status} ${condition(result, 'Degraded').reason}`,
  };
}

describe('plan status', () => {
  it('counts each role and the gates players, and names the zone pods for the scale subresource', () => {
    const pods = [
      ...steadyPods().filter((pod) => pod.role !== 'gate' && pod.role !== 'zone'),
      testPod('gate-a', 'gate', { node: startedNode(30) }),
      testPod('gate-b', 'gate', { node: startedNode(12) }),
      testPod('zone-a', 'zone', { node: startedNode(40) }),
      testPod('zone-b', 'zone', { templateHash: 'zone-v0', ready: false }),
      drainingPod(
        'zone-c',
        'zone',
        { startedAt: T0 - 1, deadline: T0 + 1 },
        { node: { lifecycle: 'draining', players: 2, load: 0, drained: false } },
      ),
    ];
    const result = status(pods, { name: 'arena', generation: 7 });
    expect(result.roles?.zone).toEqual({ replicas: 2, ready: 1, updated: 1, draining: 1, players: 42 });
    expect(result.roles?.gate).toEqual({ replicas: 2, ready: 2, updated: 2, draining: 0, players: 42 });
    expect(result.players).toBe(42);
    expect(result.zoneReplicas).toBe(2);
    expect(result.zoneSelector).toBe('gamecluster.io/cluster=arena,gamecluster.io/role=zone');
    expect(result.observedGeneration).toBe(7);
    expect(result.conditions?.every((c) => c.observedGeneration === 7)).toBe(true);
  });

  it('reports the new version only once every role has rolled out and is ready', () => {
    const previous = { version: '1.0.0' };
    const rolling = status(steadyPods(), { version: '1.1.0', status: previous }, { gate: 'gate-v2' });
    expect(rolling.version).toBe('1.0.0');
    const done = status(steadyPods('v2'), { version: '1.1.0', status: previous }, testHashes('v2'));
    expect(done.version).toBe('1.1.0');
    const notReady = steadyPods().map((pod) => (pod.name === 'gate-v10' ? { ...pod, ready: false } : pod));
    expect(status(notReady, { version: '1.1.0', status: previous }).version).toBe('1.0.0');
    expect(status([], {}).version).toBeUndefined();
  });

  const cases: {
    desc: string;
    pods: ObservedPod[];
    cluster?: TestClusterOptions;
    hashes?: Partial<Record<Role, string>>;
    want: Record<ConditionType, string>;
  }[] = [
    {
      desc: 'steady',
      pods: steadyPods(),
      want: { Ready: 'True AllRolesReady', Progressing: 'False UpToDate', Degraded: 'False AsExpected' },
    },
    {
      desc: 'a rollout under way',
      pods: steadyPods(),
      hashes: { zone: 'zone-v2' },
      want: { Ready: 'True AllRolesReady', Progressing: 'True RollingOut', Degraded: 'False AsExpected' },
    },
    {
      desc: 'being created',
      pods: [],
      want: { Ready: 'False RolesNotReady', Progressing: 'True Scaling', Degraded: 'False AsExpected' },
    },
    {
      desc: 'a pod failed',
      pods: [...steadyPods(), testPod('zone-x', 'zone', { phase: 'Failed', ready: false })],
      want: { Ready: 'False PodsFailed', Progressing: 'True Scaling', Degraded: 'True PodsFailed' },
    },
    {
      desc: 'a pod not ready past its grace leaves a role short',
      pods: [
        ...steadyPods().filter((pod) => pod.name !== 'gate-v11'),
        testPod('gate-x', 'gate', { ready: false, createdAt: T0 - UNAVAILABLE_GRACE_MS }),
      ],
      want: { Ready: 'False RolesNotReady', Progressing: 'True Scaling', Degraded: 'True Unavailable' },
    },
    {
      desc: 'a pod still within its grace is only starting',
      pods: [
        ...steadyPods().filter((pod) => pod.name !== 'gate-v11'),
        pendingPod('gate-x', 'gate', { createdAt: T0 - 1000 }),
      ],
      want: { Ready: 'False RolesNotReady', Progressing: 'True Scaling', Degraded: 'False AsExpected' },
    },
    {
      desc: 'being deleted',
      pods: steadyPods(),
      cluster: { deleting: true },
      want: { Ready: 'False Deleting', Progressing: 'True Deleting', Degraded: 'False AsExpected' },
    },
  ];
  it.each(cases)('conditions: $desc', ({ pods, cluster, hashes, want }) => {
    expect(summary(status(pods, cluster, hashes))).toEqual(want);
  });

  it('says which roles roll and which wait', () => {
    const result = status(steadyPods(), {}, { db: 'db-v2', gate: 'gate-v2' });
    expect(condition(result, 'Progressing').message).toBe('rolling db (0/1 updated); waiting: gate');
  });

  it('asks to be planned again when a starting pod would leave its grace', () => {
    const pods = [
      ...steadyPods().filter((pod) => pod.name !== 'gate-v11'),
      pendingPod('gate-x', 'gate', { createdAt: T0 - 1000 }),
    ];
    const plan = planGameCluster({
      cluster: testCluster(),
      templateHashes: testHashes(),
      pods,
      now: T0,
      autoscale: EMPTY_AUTOSCALE_MEMORY,
    });
    expect(plan.requeueAt).toBe(T0 - 1000 + UNAVAILABLE_GRACE_MS);
  });

  it('keeps a condition transition time while its status holds, and takes now when it changes', () => {
    const earlier = '2025-12-31T00:00:00.000Z';
    const previous: Condition[] = [
      {
        type: 'Ready',
        status: 'True',
        reason: 'AllRolesReady',
        message: '',
        lastTransitionTime: earlier,
        observedGeneration: 1,
      },
      {
        type: 'Progressing',
        status: 'True',
        reason: 'Scaling',
        message: '',
        lastTransitionTime: earlier,
        observedGeneration: 1,
      },
    ];
    const result = status(steadyPods(), { status: { conditions: previous } });
    expect(condition(result, 'Ready').lastTransitionTime).toBe(earlier);
    expect(condition(result, 'Progressing').lastTransitionTime).toBe(new Date(T0).toISOString());
    expect(condition(result, 'Degraded').lastTransitionTime).toBe(new Date(T0).toISOString());
  });
});
