// What the planner reads and what it answers: the observed pods (with their node's `/status`), the input of one
// plan and the plan itself. Plain data only, so a plan can be compared, logged and replayed in a test.
import type { GameCluster, GameClusterStatus, Role } from '../api/game-cluster.ts';
import type { AutoscaleMemory } from './autoscale-desired.ts';

export type PodPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed';

/** A node's own account of itself (its admin `GET /status`). */
export interface NodeView {
  readonly lifecycle: 'new' | 'started' | 'draining' | 'stopping' | 'drained';
  /** Players on the node (gate: connections; zone: players in its scenes). */
  readonly players: number;
  readonly load: number;
  /** The node finished its drain: its actors are flushed and gone, its clients handed over. */
  readonly drained: boolean;
}

/** The drain the controller started on a pod, read back from the annotation it wrote then. */
export interface PodDrain {
  readonly startedAt: number;
  /** ms since the epoch; at this time the pod is deleted however far its drain got. */
  readonly deadline: number;
}

/** One pod of the cluster as the controller observed it. */
export interface ObservedPod {
  readonly name: string;
  readonly role: Role;
  readonly templateHash: string;
  readonly phase: PodPhase;
  /** The pod's Ready condition (its readiness probe, `/readyz`). */
  readonly ready: boolean;
  /** ms since the epoch. */
  readonly createdAt: number;
  /** metadata.deletionTimestamp is set: Kubernetes is removing the pod already. */
  readonly deleting: boolean;
  readonly drain: PodDrain | null;
  /** null when the node's admin port did not answer (not started yet, or unreachable). */
  readonly node: NodeView | null;
}

export interface PlanInput {
  /** The GameCluster with every default applied; its status gives the previous version and conditions. */
  readonly cluster: GameCluster;
  /** Hash of each role's current pod template, computed by the caller from the spec. */
  readonly templateHashes: Readonly<Record<Role, string>>;
  readonly pods: readonly ObservedPod[];
  /** ms since the epoch: the planner never reads a clock. */
  readonly now: number;
  /** What the autoscaler remembered from the previous plan (EMPTY_AUTOSCALE_MEMORY the first time). */
  readonly autoscale: AutoscaleMemory;
}

export type StartDrainReason = 'scaleDown' | 'rollout' | 'deleting' | 'adopt';
export type DeletePodReason = 'drained' | 'drainDeadline' | 'failed' | 'exited' | 'neverReady';

export interface CreatePodAction {
  readonly type: 'createPod';
  readonly role: Role;
  readonly templateHash: string;
}

export interface StartDrainAction {
  readonly type: 'startDrain';
  readonly pod: string;
  readonly role: Role;
  readonly reason: StartDrainReason;
  /** The annotation to write (startedAt = the plan's now, deadline = now + drainTimeoutSeconds). */
  readonly startedAt: number;
  readonly deadline: number;
}

export interface DeletePodAction {
  readonly type: 'deletePod';
  readonly pod: string;
  readonly role: Role;
  readonly reason: DeletePodReason;
}

export type PlanAction = CreatePodAction | StartDrainAction | DeletePodAction;

export interface Plan {
  /**
   * In a fixed order: role by role in ROLES order, and within a role in the order its rules run (role-plan.ts):
   * finished pods, drains done or due, adopted drains, pods taken away (whom first: compareForRemoval), creations.
   */
  readonly actions: readonly PlanAction[];
  /** The status to write (conditions carry their previous lastTransitionTime while their status holds). */
  readonly status: GameClusterStatus;
  /** To pass back as `autoscale` in the next plan. */
  readonly autoscale: AutoscaleMemory;
  /** Pods wanted per role; for zone with autoscaling on, the decision to write to the scale subresource. */
  readonly desiredReplicas: Readonly<Record<Role, number>>;
  /**
   * Earliest time (ms) at which this plan would change with nothing new observed (a drain deadline, the end of
   * the scale-down window, a pod's grace before it counts as unavailable); null when only an event can change it.
   */
  readonly requeueAt: number | null;
}
