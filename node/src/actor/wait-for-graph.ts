// Deadlock detection on the local wait-for graph: an activation waits for every activation it has an
// unanswered ask to. An ask that must queue behind a busy target closes a cycle if the target already waits,
// directly or transitively, for the asker: then no one can ever proceed, so the ask fails with DeadlockError.

export interface WaitNode {
  /** Targets of this activation's unanswered asks (one entry per ask). */
  readonly waitingOn: readonly WaitNode[] | null;
}

/** True if `from` waits, directly or through others, for `to`. */
export function waitsFor(from: WaitNode, to: WaitNode): boolean {
  if (from.waitingOn === null) return false;
  const seen = new Set<WaitNode>([from]);
  const stack: WaitNode[] = [from];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    const targets = node.waitingOn;
    if (targets === null) continue;
    for (const target of targets) {
      if (target === to) return true;
      if (!seen.has(target)) {
        seen.add(target);
        stack.push(target);
      }
    }
  }
  return false;
}

/** The cycle `from -> ... -> to` as a path, for the error message. */
export function waitPath<N extends WaitNode>(from: N, to: N): N[] {
  const parent = new Map<WaitNode, WaitNode>();
  const queue: WaitNode[] = [from];
  parent.set(from, from);
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i]!;
    for (const target of node.waitingOn ?? []) {
      if (parent.has(target)) continue;
      parent.set(target, node);
      if (target === to) {
        const path: WaitNode[] = [to];
        for (let step: WaitNode = to; step !== from; step = parent.get(step)!) path.push(parent.get(step)!);
        return path.reverse() as N[];
      }
      queue.push(target);
    }
  }
  return [from, to];
}
