// planGameCluster by example, rollouts: surge first, drain within maxUnavailable, keep going past busy pods,
// take not-ready old pods at once, and roll role by role in ROLES order (a role whose template did not change does
// not wait; a waiting role still replaces missing pods).
import { describe, expect, it } from '@jest/globals';
import type { PlanAction } from './plan-types.ts';
import { create, drain, onV2, planScenario, remove, type Scenario, withRole } from './testing/example-scenarios.ts';
import { drainingPod, pendingPod, servingPods, startedNode, steadyPods, T0, testPod } from './testing/index.ts';

describe('planGameCluster rollouts', () => {
  const cases: { desc: string; input: Scenario; want: PlanAction[] }[] = [
    {
      desc: 'rollout, maxUnavailable 0: the new pod surges first, no old pod drains yet',
      input: { pods: steadyPods(), hashes: { world: 'world-v2' } },
      want: [create('world', 'world-v2')],
    },
    {
      desc: 'rollout: once the new pod is ready, the least-loaded old pod drains and the next one surges',
      input: {
        pods: withRole('world', [
          testPod('world-a', 'world', { node: startedNode(9) }),
          testPod('world-b', 'world', { node: startedNode(2) }),
          testPod('world-n', 'world', onV2('world')),
        ]),
        hashes: { world: 'world-v2' },
      },
      want: [drain('world-b', 'world', 'rollout'), create('world', 'world-v2')],
    },
    {
      desc: 'rollout while the new pod is not ready: nothing more (maxSurge reached, maxUnavailable 0)',
      input: {
        pods: withRole('world', [...servingPods('world', 2), pendingPod('world-n', 'world', onV2('world'))]),
        hashes: { world: 'world-v2' },
      },
      want: [],
    },
    {
      desc: 'rollout with maxSurge 0, maxUnavailable 1: one old pod drains and one new is created',
      input: { pods: steadyPods(), hashes: { world: 'world-v2' }, cluster: { maxSurge: 0, maxUnavailable: 1 } },
      want: [drain('world-v10', 'world', 'rollout'), create('world', 'world-v2')],
    },
    {
      desc: 'maxSurge 0 and maxUnavailable 0 would never move: one pod surges anyway',
      input: { pods: steadyPods(), hashes: { world: 'world-v2' }, cluster: { maxSurge: 0, maxUnavailable: 0 } },
      want: [create('world', 'world-v2')],
    },
    {
      desc: 'rollout with every old pod busy: draining pods do not count, so it keeps surging',
      input: {
        pods: withRole('world', [
          drainingPod('world-a', 'world', { startedAt: T0 - 5, deadline: T0 + 55 }),
          testPod('world-b', 'world'),
          testPod('world-n', 'world', onV2('world')),
          testPod('world-m', 'world', onV2('world')),
        ]),
        hashes: { world: 'world-v2' },
      },
      want: [drain('world-b', 'world', 'rollout')],
    },
    {
      desc: 'rollout with a busy old pod draining: it takes no surge slot, so the next new pod is created',
      input: {
        pods: withRole('world', [
          drainingPod('world-a', 'world', { startedAt: T0 - 5, deadline: T0 + 55 }),
          testPod('world-b', 'world'),
          testPod('world-n', 'world', onV2('world')),
        ]),
        hashes: { world: 'world-v2' },
      },
      want: [create('world', 'world-v2')],
    },
    {
      desc: 'rollout: old pods not ready go at once (the unreachable first); one that never started is just deleted',
      input: {
        pods: withRole('world', [
          testPod('world-a', 'world', { ready: false }),
          pendingPod('world-b', 'world'),
          testPod('world-c', 'world'),
        ]),
        hashes: { world: 'world-v2' },
      },
      want: [
        remove('world-b', 'world', 'neverReady'),
        drain('world-a', 'world', 'rollout'),
        create('world', 'world-v2'),
        create('world', 'world-v2'),
      ],
    },
    {
      desc: 'rollout order: zone waits while db still rolls',
      input: { pods: steadyPods(), hashes: { db: 'db-v2', zone: 'zone-v2' } },
      want: [create('db', 'db-v2')],
    },
    {
      desc: 'rollout order: a draining old db pod still holds zone back',
      input: {
        pods: withRole('db', [
          testPod('db-n', 'db', onV2('db')),
          drainingPod('db-a', 'db', { startedAt: T0 - 5, deadline: T0 + 5 }),
        ]),
        hashes: { db: 'db-v2', zone: 'zone-v2' },
      },
      want: [],
    },
    {
      desc: 'rollout order: a role whose template did not change does not hold a later one',
      input: { pods: steadyPods(), hashes: { zone: 'zone-v2' } },
      want: [create('zone', 'zone-v2')],
    },
    {
      desc: 'a role waiting for its turn still replaces a missing pod (on the current template)',
      input: { pods: withRole('zone', [testPod('zone-a', 'zone')]), hashes: { db: 'db-v2', zone: 'zone-v2' } },
      want: [create('db', 'db-v2'), create('zone', 'zone-v2')],
    },
    {
      desc: 'a role waiting for its turn scales down its surplus, not-ready pods first',
      input: {
        pods: withRole('zone', [
          testPod('zone-a', 'zone'),
          testPod('zone-b', 'zone'),
          testPod('zone-c', 'zone', { ready: false }),
        ]),
        hashes: { db: 'db-v2', zone: 'zone-v2' },
      },
      want: [create('db', 'db-v2'), drain('zone-c', 'zone', 'scaleDown')],
    },
  ];

  it.each(cases)('$desc', ({ input, want }) => {
    expect(planScenario(input).actions).toEqual(want);
  });
});
