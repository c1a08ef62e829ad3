// The status conditions, from the grouped pods and what each role wants:
//  Ready       every role has `desired` ready serving pods and no pod failed;
//  Progressing a rollout, a scaling or a drain is under way (or the cluster is being deleted);
//  Degraded    a pod failed, or a role has fewer ready pods than desired − maxUnavailable while one of its pods has
//              been not ready for UNAVAILABLE_GRACE_MS (so a pod that is merely starting does not raise it).
// A condition keeps its previous lastTransitionTime while its status holds, and takes `now` when it changes.
import type { Condition, ConditionType, Role } from '../api/game-cluster.ts';
import { ROLES } from '../api/game-cluster.ts';
import type { RolePods } from './role-pods.ts';

/** How long a serving pod may stay not ready before a shortfall of ready pods counts as Degraded. */
export const UNAVAILABLE_GRACE_MS = 120_000;

export interface RoleView {
  readonly pods: RolePods;
  readonly desired: number;
  /** No old pod left and `desired` ready new pods. */
  readonly rolledOut: boolean;
  /** Every earlier role has rolled out. */
  readonly mayRoll: boolean;
}

export interface ConditionsInput {
  readonly roles: Readonly<Record<Role, RoleView>>;
  readonly deleting: boolean;
  readonly maxUnavailable: number;
  readonly now: number;
  readonly generation: number;
  readonly previous: readonly Condition[] | undefined;
}

export interface ConditionsResult {
  readonly conditions: Condition[];
  /** When a not-ready pod's grace ends and Degraded may turn True with nothing else changing; null if never. */
  readonly requeueAt: number | null;
}

type ConditionBody = Pick<Condition, 'status' | 'reason' | 'message'>;

function ready(view: RoleView): number {
  return view.pods.readyNew + view.pods.readyOld;
}

function serving(view: RoleView): number {
  return view.pods.newPods.length + view.pods.oldPods.length;
}

function settled(view: RoleView): boolean {
  const pods = view.pods;
  return (
    pods.oldRemaining === 0 &&
    serving(view) === view.desired &&
    ready(view) === serving(view) &&
    pods.draining.length + pods.leaving.length + pods.terminal.length === 0
  );
}

function failedMessage(input: ConditionsInput): string | null {
  const parts = ROLES.filter((role) => input.roles[role].pods.failed > 0).map(
    (role) => `${role} ${input.roles[role].pods.failed}`,
  );
  return parts.length === 0 ? null : `failed pods (deleted and replaced): ${parts.join(', ')}`;
}

function readyCondition(input: ConditionsInput, failed: string | null): ConditionBody {
  if (input.deleting) {
    return { status: 'False', reason: 'Deleting', message: 'the GameCluster is being deleted; its pods drain first' };
  }
  if (failed !== null) return { status: 'False', reason: 'PodsFailed', message: failed };
  const short = ROLES.filter((role) => ready(input.roles[role]) < input.roles[role].desired);
  if (short.length > 0) {
    const parts = short.map((role) => `${role} ${ready(input.roles[role])}/${input.roles[role].desired}`);
    return { status: 'False', reason: 'RolesNotReady', message: `ready/wanted: ${parts.join(', ')}` };
  }
  return { status: 'True', reason: 'AllRolesReady', message: 'every role has its replicas ready' };
}

function progressingCondition(input: ConditionsInput): ConditionBody {
  if (input.deleting) {
    let left = 0;
    for (const role of ROLES) left += serving(input.roles[role]) + input.roles[role].pods.draining.length;
    return { status: 'True', reason: 'Deleting', message: `draining ${left} pod(s) before the GameCluster goes` };
  }
  const changed = ROLES.filter((role) => input.roles[role].pods.oldRemaining > 0);
  if (changed.length > 0) {
    const rolling = changed
      .filter((role) => input.roles[role].mayRoll)
      .map((role) => `${role} (${input.roles[role].pods.newPods.length}/${input.roles[role].desired} updated)`);
    const waiting = changed.filter((role) => !input.roles[role].mayRoll);
    const message = [
      rolling.length > 0 ? `rolling ${rolling.join(', ')}` : '',
      waiting.length > 0 ? `waiting: ${waiting.join(', ')}` : '',
    ]
      .filter((part) => part !== '')
      .join('; ');
    return { status: 'True', reason: 'RollingOut', message };
  }
  const moving = ROLES.filter((role) => !settled(input.roles[role]));
  if (moving.length > 0) {
    const parts = moving.map((role) => {
      const view = input.roles[role];
      const draining = view.pods.draining.length + view.pods.leaving.length;
      return `${role} ${ready(view)}/${view.desired} ready, ${serving(view)} serving, ${draining} draining`;
    });
    return { status: 'True', reason: 'Scaling', message: parts.join('; ') };
  }
  return {
    status: 'False',
    reason: 'UpToDate',
    message: 'every role runs its current template with its replicas ready',
  };
}

function degradedCondition(
  input: ConditionsInput,
  failed: string | null,
): ConditionBody & { requeueAt: number | null } {
  if (failed !== null) return { status: 'True', reason: 'PodsFailed', message: failed, requeueAt: null };
  let requeueAt: number | null = null;
  const parts: string[] = [];
  if (!input.deleting) {
    for (const role of ROLES) {
      const view = input.roles[role];
      const needed = Math.max(0, view.desired - input.maxUnavailable);
      if (ready(view) >= needed) continue;
      let overdue = false;
      for (const pod of [...view.pods.newPods, ...view.pods.oldPods]) {
        if (pod.ready) continue;
        const due = pod.createdAt + UNAVAILABLE_GRACE_MS;
        if (input.now >= due) overdue = true;
        else requeueAt = requeueAt === null ? due : Math.min(requeueAt, due);
      }
      if (overdue) parts.push(`${role} ${ready(view)} ready, ${needed} needed`);
    }
  }
  if (parts.length > 0) {
    return {
      status: 'True',
      reason: 'Unavailable',
      message: `too few ready pods for over ${UNAVAILABLE_GRACE_MS / 1000} s: ${parts.join(', ')}`,
      requeueAt: null,
    };
  }
  return { status: 'False', reason: 'AsExpected', message: 'no pod failed and every role has enough ready', requeueAt };
}

function withTransition(type: ConditionType, body: ConditionBody, input: ConditionsInput): Condition {
  const previous = input.previous?.find((condition) => condition.type === type);
  const lastTransitionTime =
    previous !== undefined && previous.status === body.status
      ? previous.lastTransitionTime
      : new Date(input.now).toISOString();
  return {
    type,
    status: body.status,
    reason: body.reason,
    message: body.message,
    lastTransitionTime,
    observedGeneration: input.generation,
  };
}

export function planConditions(input: ConditionsInput): ConditionsResult {
  const failed = failedMessage(input);
  const { requeueAt, ...degraded } = degradedCondition(input, failed);
  return {
    conditions: [
      withTransition('Ready', readyCondition(input, failed), input),
      withTransition('Progressing', progressingCondition(input), input),
      withTransition('Degraded', degraded, input),
    ],
    requeueAt,
  };
}
