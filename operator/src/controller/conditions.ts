// Status conditions as Kubernetes expects them: the planner says what each condition is now; this keeps the
// previous lastTransitionTime when a condition's status did not change, so `kubectl get gc` and alerts see
// when the cluster became (un)ready, not when it was last reconciled.
import type { Condition } from '../api/game-cluster.ts';

/** A condition as the planner states it: everything but the transition time. */
export type ConditionState = Omit<Condition, 'lastTransitionTime'>;

export function mergeConditions(
  previous: readonly Condition[] | undefined,
  next: readonly ConditionState[],
  now: Date,
): Condition[] {
  return next.map((condition) => {
    const before = previous?.find((old) => old.type === condition.type);
    const lastTransitionTime =
      before !== undefined && before.status === condition.status ? before.lastTransitionTime : now.toISOString();
    return { ...condition, lastTransitionTime };
  });
}
