// planGameCluster by example, one scenario per rule: create, replace what failed, finish drains (drained, at the
// deadline, never before), adopt nodes that drain on their own, scale down (whom first), delete the cluster; and
// that it is pure. Rollouts: plan-game-cluster-rollout.test.ts; autoscaling: plan-game-cluster-autoscale.test.ts.
import { describe, expect, it } from '@jest/globals';
import type { PlanAction } from './plan-types.ts';
import {
  create,
  drain,
  EXAMPLE_DRAIN_MS,
  onV2,
  planScenario,
  remove,
  type Scenario,
  withRole,
} from './testing/example-scenarios.ts';
import { drainingPod, pendingPod, servingPods, startedNode, steadyPods, T0, testPod } from './testing/index.ts';

describe('planGameCluster', () => {
  const cases: { desc: string; input: Scenario; want: PlanAction[] }[] = [
    {
      desc: 'an empty cluster: every role is created at its replicas, in ROLES order',
      input: { pods: [] },
      want: [
        create('db'),
        create('world'),
        create('world'),
        create('match'),
        create('zone'),
        create('zone'),
        create('gate'),
        create('gate'),
      ],
    },
    { desc: 'steady: nothing to do', input: { pods: steadyPods() }, want: [] },
    {
      desc: 'a failed pod is deleted and replaced at once',
      input: {
        pods: withRole('zone', [
          testPod('zone-a', 'zone'),
          testPod('zone-b', 'zone', { phase: 'Failed', ready: false }),
        ]),
      },
      want: [remove('zone-b', 'zone', 'failed'), create('zone')],
    },
    {
      desc: 'a pod that exited on its own (Succeeded) is deleted as exited; one that was draining as drained',
      input: {
        pods: withRole('gate', [
          testPod('gate-a', 'gate', { phase: 'Succeeded', ready: false }),
          testPod('gate-b', 'gate', {
            phase: 'Succeeded',
            ready: false,
            drain: { startedAt: T0 - 1, deadline: T0 + 1 },
          }),
          testPod('gate-c', 'gate'),
          testPod('gate-d', 'gate'),
        ]),
      },
      want: [remove('gate-a', 'gate', 'exited'), remove('gate-b', 'gate', 'drained')],
    },
    {
      desc: 'a draining pod waits for its node or its deadline',
      input: {
        pods: withRole('zone', [
          ...servingPods('zone', 2),
          drainingPod('zone-x', 'zone', { startedAt: T0 - 10, deadline: T0 + 10 }),
        ]),
      },
      want: [],
    },
    {
      desc: 'a draining pod whose node reports drained is deleted',
      input: {
        pods: withRole('zone', [
          ...servingPods('zone', 2),
          drainingPod(
            'zone-x',
            'zone',
            { startedAt: T0 - 10, deadline: T0 + 10 },
            { node: { lifecycle: 'drained', players: 0, load: 0, drained: true } },
          ),
        ]),
      },
      want: [remove('zone-x', 'zone', 'drained')],
    },
    {
      desc: 'a draining pod is deleted at its deadline however far it got',
      input: {
        pods: withRole('zone', [
          ...servingPods('zone', 2),
          drainingPod('zone-x', 'zone', { startedAt: T0 - 10, deadline: T0 }),
        ]),
      },
      want: [remove('zone-x', 'zone', 'drainDeadline')],
    },
    {
      desc: 'an unreachable draining pod waits for its deadline too',
      input: {
        pods: withRole('zone', [
          ...servingPods('zone', 2),
          drainingPod('zone-x', 'zone', { startedAt: T0 - 10, deadline: T0 + 1 }, { node: null }),
        ]),
      },
      want: [],
    },
    {
      desc: 'a node draining on its own is adopted (its deadline applies) and replaced',
      input: {
        pods: withRole('gate', [
          testPod('gate-a', 'gate'),
          testPod('gate-b', 'gate', {
            ready: false,
            node: { lifecycle: 'draining', players: 3, load: 0, drained: false },
          }),
        ]),
      },
      want: [drain('gate-b', 'gate', 'adopt'), create('gate')],
    },
    {
      desc: 'a node that drained on its own is deleted and replaced',
      input: {
        pods: withRole('gate', [
          testPod('gate-a', 'gate'),
          testPod('gate-b', 'gate', {
            ready: false,
            node: { lifecycle: 'drained', players: 0, load: 0, drained: true },
          }),
        ]),
      },
      want: [remove('gate-b', 'gate', 'drained'), create('gate')],
    },
    {
      desc: 'a pod Kubernetes is deleting is left alone and replaced',
      input: {
        pods: withRole('world', [testPod('world-a', 'world'), testPod('world-b', 'world', { deleting: true })]),
      },
      want: [create('world')],
    },
    {
      desc: 'scale-down drains the least-loaded pods (fewest players), never a draining one',
      input: {
        pods: withRole('zone', [
          testPod('zone-a', 'zone', { node: startedNode(40) }),
          testPod('zone-b', 'zone', { node: startedNode(5) }),
          testPod('zone-c', 'zone', { node: startedNode(30) }),
          testPod('zone-d', 'zone', { node: startedNode(7) }),
          drainingPod('zone-e', 'zone', { startedAt: T0 - 5, deadline: T0 + 5 }),
        ]),
      },
      want: [drain('zone-b', 'zone', 'scaleDown'), drain('zone-d', 'zone', 'scaleDown')],
    },
    {
      desc: 'scale-down: a pod not ready goes before a loaded one; a pod never started is deleted without a drain',
      input: {
        pods: withRole('zone', [
          testPod('zone-a', 'zone', { node: startedNode(40) }),
          testPod('zone-b', 'zone', { node: startedNode(1) }),
          pendingPod('zone-c', 'zone'),
          testPod('zone-d', 'zone', { ready: false, node: { lifecycle: 'new', players: 0, load: 0, drained: false } }),
        ]),
      },
      want: [remove('zone-c', 'zone', 'neverReady'), remove('zone-d', 'zone', 'neverReady')],
    },
    {
      desc: 'scale-down during a rollout takes old pods before new ones',
      input: {
        pods: withRole('zone', [
          testPod('zone-a', 'zone', { node: startedNode(1) }),
          testPod('zone-n', 'zone', { ...onV2('zone'), node: startedNode(0) }),
          testPod('zone-m', 'zone', { ...onV2('zone'), node: startedNode(0) }),
        ]),
        hashes: { zone: 'zone-v2' },
      },
      want: [drain('zone-a', 'zone', 'rollout')],
    },
    {
      desc: 'the GameCluster is being deleted: every pod drains, the never-started are deleted, nothing is created',
      input: {
        pods: [
          testPod('db-a', 'db'),
          pendingPod('zone-a', 'zone'),
          drainingPod('gate-a', 'gate', { startedAt: T0 - 5, deadline: T0 + 5 }),
        ],
        cluster: { deleting: true },
      },
      want: [drain('db-a', 'db', 'deleting'), remove('zone-a', 'zone', 'neverReady')],
    },
  ];

  it.each(cases)('$desc', ({ input, want }) => {
    expect(planScenario(input).actions).toEqual(want);
  });
});

describe('planGameCluster is pure', () => {
  it('gives the same plan for the same pods in any order, and leaves its input alone', () => {
    const pods = withRole('world', [
      testPod('world-a', 'world', { node: startedNode(9) }),
      testPod('world-b', 'world', { node: startedNode(2) }),
      testPod('world-n', 'world', onV2('world')),
    ]);
    const frozen = structuredClone(pods);
    const forward = planScenario({ pods, hashes: { world: 'world-v2' } });
    const backward = planScenario({ pods: [...pods].reverse(), hashes: { world: 'world-v2' } });
    expect(backward).toEqual(forward);
    expect(pods).toEqual(frozen);
  });

  it('asks to be called again at the nearest drain deadline', () => {
    const pods = withRole('zone', [
      ...servingPods('zone', 2),
      drainingPod('zone-x', 'zone', { startedAt: T0 - 10, deadline: T0 + 500 }),
      drainingPod('zone-y', 'zone', { startedAt: T0 - 10, deadline: T0 + 300 }),
    ]);
    expect(planScenario({ pods }).requeueAt).toBe(T0 + 300);
    expect(planScenario({ pods: steadyPods() }).requeueAt).toBeNull();
    const rolling = withRole('world', [
      testPod('world-a', 'world'),
      testPod('world-n', 'world', onV2('world')),
      testPod('world-m', 'world', onV2('world')),
    ]);
    expect(planScenario({ pods: rolling, hashes: { world: 'world-v2' } }).requeueAt).toBe(T0 + EXAMPLE_DRAIN_MS);
  });
});
