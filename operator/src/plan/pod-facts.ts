// What the planner asks of one observed pod, each answered in one place so every rule asks it the same way: is it
// finished, has its node drained, does it hold anything a drain would save, and which pod goes first.
import type { ObservedPod } from './plan-types.ts';

/** The pod's containers exited (Failed or Succeeded): nothing runs, it only waits to be deleted. */
export function isTerminal(pod: ObservedPod): boolean {
  return pod.phase === 'Failed' || pod.phase === 'Succeeded';
}

/** Its node says its drain is done: actors flushed and gone, clients handed over. */
export function isNodeDrained(pod: ObservedPod): boolean {
  return pod.node !== null && (pod.node.drained || pod.node.lifecycle === 'drained');
}

/** Its node is draining or stopping without the operator having asked (a preStop hook, or a drain by hand). */
export function isNodeLeaving(pod: ObservedPod): boolean {
  return pod.node !== null && (pod.node.lifecycle === 'draining' || pod.node.lifecycle === 'stopping');
}

/**
 * The pod never started serving, so a drain would save nothing: it is still Pending (no container runs), or its
 * node answers that it has not started. A pod that is merely unreachable may hold actors and is drained instead.
 */
export function holdsNothing(pod: ObservedPod): boolean {
  return pod.phase === 'Pending' || (!pod.ready && pod.node !== null && pod.node.lifecycle === 'new');
}

/** Players the node reported; an unreachable node counts as none (see compareForRemoval for its place). */
export function playersOf(pod: ObservedPod): number {
  return pod.node === null ? 0 : pod.node.players;
}

export function compareNames(a: ObservedPod, b: ObservedPod): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/**
 * Which pod to take away first, when some must go: a pod not ready (it serves no one), then one on an old template
 * (it would have to go anyway), then one whose node did not answer (we know least about it, and it is the likeliest
 * broken), then the fewest players, the lowest load, and the name so that equal pods are ordered all the same.
 */
export function compareForRemoval(currentHash: string): (a: ObservedPod, b: ObservedPod) => number {
  return (a, b) => {
    if (a.ready !== b.ready) return a.ready ? 1 : -1;
    const aOld = a.templateHash !== currentHash;
    if (aOld !== (b.templateHash !== currentHash)) return aOld ? -1 : 1;
    if ((a.node === null) !== (b.node === null)) return a.node === null ? -1 : 1;
    const players = playersOf(a) - playersOf(b);
    if (players !== 0) return players;
    const load = (a.node?.load ?? 0) - (b.node?.load ?? 0);
    if (load !== 0) return load;
    return compareNames(a, b);
  };
}
