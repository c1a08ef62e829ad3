// What the planner sees of a pod: the Kubernetes object (role and template hash from its labels, phase, Ready
// condition, deletion, the drain annotations the controller wrote) joined with its node's last /status. Pods
// without the role or hash label are not the operator's and are left out.
import type { V1Pod } from '@kubernetes/client-node';
import { ROLES, type Role } from '../api/game-cluster.ts';
import type { NodeStatusView } from '../drain/node-admin-client.ts';
import {
  DRAIN_DEADLINE_ANNOTATION,
  DRAIN_STARTED_ANNOTATION,
  ROLE_LABEL,
  TEMPLATE_HASH_LABEL,
} from '../objects/index.ts';
import type { NodeView, ObservedPod, PodPhase } from '../plan/index.ts';

const PHASES: readonly PodPhase[] = ['Pending', 'Running', 'Succeeded', 'Failed'];
const LIFECYCLES: readonly NodeView['lifecycle'][] = ['new', 'started', 'draining', 'stopping', 'drained'];

function timeOf(value: Date | string | undefined): number {
  if (value === undefined) return 0;
  const ms = value instanceof Date ? value.getTime() : Date.parse(value);
  return Number.isFinite(ms) ? ms : 0;
}

/** The node's /status as the planner reads it; for a zone pod its players are the players in its scenes. */
export function nodeViewOf(role: Role, status: NodeStatusView | null): NodeView | null {
  if (status === null) return null;
  const drained = status.drain === 'drained';
  const lifecycle = drained
    ? 'drained'
    : LIFECYCLES.includes(status.lifecycle as NodeView['lifecycle'])
      ? (status.lifecycle as NodeView['lifecycle'])
      : 'new';
  return {
    lifecycle,
    players: role === 'zone' ? status.zonePlayers : status.players,
    load: status.load,
    drained,
  };
}

/** The planner's view of `pod`; null when the pod carries no role or template hash of ours. */
export function observePod(pod: V1Pod, status: NodeStatusView | null): ObservedPod | null {
  const labels = pod.metadata?.labels ?? {};
  const role = labels[ROLE_LABEL] as Role | undefined;
  const templateHash = labels[TEMPLATE_HASH_LABEL];
  if (role === undefined || !ROLES.includes(role) || templateHash === undefined || pod.metadata?.name === undefined) {
    return null;
  }
  const annotations = pod.metadata.annotations ?? {};
  const startedAt = timeOf(annotations[DRAIN_STARTED_ANNOTATION]);
  const deadline = timeOf(annotations[DRAIN_DEADLINE_ANNOTATION]);
  const phase = PHASES.includes(pod.status?.phase as PodPhase) ? (pod.status?.phase as PodPhase) : 'Pending';
  const ready = pod.status?.conditions?.some((condition) => condition.type === 'Ready' && condition.status === 'True');
  return {
    name: pod.metadata.name,
    role,
    templateHash,
    phase,
    ready: ready === true,
    createdAt: timeOf(pod.metadata.creationTimestamp),
    deleting: pod.metadata.deletionTimestamp !== undefined && pod.metadata.deletionTimestamp !== null,
    drain: startedAt > 0 && deadline > 0 ? { startedAt, deadline } : null,
    node: nodeViewOf(role, status),
  };
}
