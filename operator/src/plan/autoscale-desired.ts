// The zone autoscaler's decision: zone pods wanted for the players the zones report, toward targetPlayersPerPod,
// within [minReplicas, maxReplicas]. Scale-up applies at once (players are waiting); scale-down waits until the
// lower count has been wanted for the whole stabilisation window, and then goes only to the highest count wanted
// during that window (as the HPA does), so a dip does not drain zones that a rebound would need again.
// Pure: the window's start is remembered in AutoscaleMemory, which the caller passes back in.
import type { ZoneAutoscalingSpec } from '../api/game-cluster.ts';

/** The autoscaler's state between plans. */
export interface AutoscaleMemory {
  /** When (ms) the autoscaler first wanted fewer zones than it has; null when it does not. */
  readonly lowerSince: number | null;
  /** The highest lower count wanted since then: where a scale-down goes once the window has passed. */
  readonly lowerPeak: number | null;
}

export const EMPTY_AUTOSCALE_MEMORY: AutoscaleMemory = Object.freeze({ lowerSince: null, lowerPeak: null });

export interface AutoscaleInput {
  readonly autoscaling: ZoneAutoscalingSpec;
  /** The current decision: spec.roles.zone.replicas (the scale subresource). */
  readonly currentReplicas: number;
  /** Players on the zone pods that answered `/status`; null when none answered (the autoscaler then holds). */
  readonly zonePlayers: number | null;
  readonly now: number;
  readonly memory: AutoscaleMemory;
}

export type AutoscaleReason = 'disabled' | 'noData' | 'scaleUp' | 'steady' | 'stabilizing' | 'scaleDown';

export interface AutoscaleDecision {
  readonly desired: number;
  readonly memory: AutoscaleMemory;
  readonly reason: AutoscaleReason;
  /** When the pending scale-down becomes due (ms); null when none is pending. */
  readonly scaleDownAt: number | null;
}

/** `value` within [min, max]; an impossible range (min > max) yields max, the safer of the two for cost. */
export function clampReplicas(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}

/** Zone pods wanted for `players` alone: ceil(players / target), within [min, max]. */
export function zonesForPlayers(players: number, autoscaling: ZoneAutoscalingSpec): number {
  const target = Math.max(1, autoscaling.targetPlayersPerPod);
  return clampReplicas(Math.ceil(Math.max(0, players) / target), autoscaling.minReplicas, autoscaling.maxReplicas);
}

export function autoscaleDesired(input: AutoscaleInput): AutoscaleDecision {
  const { autoscaling, now, memory } = input;
  if (!autoscaling.enabled) {
    return { desired: input.currentReplicas, memory: EMPTY_AUTOSCALE_MEMORY, reason: 'disabled', scaleDownAt: null };
  }
  const current = clampReplicas(input.currentReplicas, autoscaling.minReplicas, autoscaling.maxReplicas);
  const windowMs = Math.max(0, autoscaling.scaleDownStabilizationSeconds) * 1000;
  if (input.zonePlayers === null) {
    // No zone answered: no evidence to scale on, so hold (and keep the window as it was).
    const scaleDownAt = memory.lowerSince === null ? null : memory.lowerSince + windowMs;
    return { desired: current, memory, reason: 'noData', scaleDownAt };
  }
  const wanted = zonesForPlayers(input.zonePlayers, autoscaling);
  if (wanted > current)
    return { desired: wanted, memory: EMPTY_AUTOSCALE_MEMORY, reason: 'scaleUp', scaleDownAt: null };
  if (wanted === current)
    return { desired: current, memory: EMPTY_AUTOSCALE_MEMORY, reason: 'steady', scaleDownAt: null };
  // A window remembered against a larger count is still valid; one whose peak is not below the current count
  // (someone scaled down meanwhile) is not, and starts again.
  const continuing = memory.lowerSince !== null && memory.lowerPeak !== null && memory.lowerPeak < current;
  const lowerSince = continuing ? (memory.lowerSince as number) : now;
  const lowerPeak = continuing ? Math.max(memory.lowerPeak as number, wanted) : wanted;
  if (now - lowerSince >= windowMs) {
    return { desired: lowerPeak, memory: EMPTY_AUTOSCALE_MEMORY, reason: 'scaleDown', scaleDownAt: null };
  }
  return {
    desired: current,
    memory: { lowerSince, lowerPeak },
    reason: 'stabilizing',
    scaleDownAt: lowerSince + windowMs,
  };
}
