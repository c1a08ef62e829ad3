// Example scenarios for the planner's table tests: a cluster built from a few options, the pods, the hashes, and
// builders of the exact actions wanted (a drain started at T0 with the default 60 s timeout).
import type { Role } from '../../api/game-cluster.ts';
import { EMPTY_AUTOSCALE_MEMORY } from '../autoscale-desired.ts';
import { planGameCluster } from '../plan-game-cluster.ts';
import type { DeletePodReason, ObservedPod, Plan, PlanAction, StartDrainReason } from '../plan-types.ts';
import { steadyPods, T0, type TestClusterOptions, testCluster, testHashes } from './fixtures.ts';

export const EXAMPLE_DRAIN_MS = 60_000;

export interface Scenario {
  readonly pods: readonly ObservedPod[];
  readonly cluster?: TestClusterOptions;
  /** Current hashes that differ from `${role}-v1`. */
  readonly hashes?: Partial<Record<Role, string>>;
  readonly now?: number;
}

export function planScenario(scenario: Scenario): Plan {
  return planGameCluster({
    cluster: testCluster(scenario.cluster),
    templateHashes: testHashes('v1', scenario.hashes),
    pods: scenario.pods,
    now: scenario.now ?? T0,
    autoscale: EMPTY_AUTOSCALE_MEMORY,
  });
}

export function create(role: Role, templateHash = `${role}-v1`): PlanAction {
  return { type: 'createPod', role, templateHash };
}

export function drain(pod: string, role: Role, reason: StartDrainReason): PlanAction {
  return { type: 'startDrain', pod, role, reason, startedAt: T0, deadline: T0 + EXAMPLE_DRAIN_MS };
}

export function remove(pod: string, role: Role, reason: DeletePodReason): PlanAction {
  return { type: 'deletePod', pod, role, reason };
}

/** Every role at its test replicas (on v1) except `role`, whose pods are `pods`. */
export function withRole(role: Role, pods: ObservedPod[]): ObservedPod[] {
  return [...steadyPods().filter((pod) => pod.role !== role), ...pods];
}

/** Overrides that put a pod on the role's v2 template. */
export function onV2(role: Role): { templateHash: string } {
  return { templateHash: `${role}-v2` };
}
