// The operator's pure reconcile planner: spec + observed pods + node status + now -> actions and status. The
// controller calls planGameCluster() and applies the result; testing/ holds fixtures, a simulator and the naive
// planner (the benchmark's baseline). Exports are in module order (the import sorter keeps them so).

// The zone autoscaler's decision (planGameCluster calls it; exported for the scale subresource and tests).
export {
  type AutoscaleDecision,
  type AutoscaleInput,
  type AutoscaleMemory,
  type AutoscaleReason,
  autoscaleDesired,
  clampReplicas,
  EMPTY_AUTOSCALE_MEMORY,
  zonesForPlayers,
} from './autoscale-desired.ts';
// The labels on every pod the operator owns.
export { CLUSTER_LABEL, ROLE_LABEL, roleSelector, TEMPLATE_HASH_LABEL } from './labels.ts';
// How long a not-ready pod may be young before a shortfall counts as Degraded.
export { UNAVAILABLE_GRACE_MS } from './plan-conditions.ts';
// The planner and its input and output.
export { planGameCluster } from './plan-game-cluster.ts';
export type {
  CreatePodAction,
  DeletePodAction,
  DeletePodReason,
  NodeView,
  ObservedPod,
  Plan,
  PlanAction,
  PlanInput,
  PodDrain,
  PodPhase,
  StartDrainAction,
  StartDrainReason,
} from './plan-types.ts';
// Rules the controller may share (e.g. whether a pod it is about to drain needs a drain at all).
export { holdsNothing, isNodeDrained, isTerminal } from './pod-facts.ts';
export { effectiveMaxSurge } from './role-plan.ts';
