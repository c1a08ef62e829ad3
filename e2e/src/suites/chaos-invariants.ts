// The invariants the cluster chaos suite checks, as pure functions over what it recorded: activation serving
// intervals reported by the nodes, every ask the driver made, and the faults it injected.

/** One activation of one actor: the interval in which it served calls (ms, wall clock of the same machine). */
export interface ActivationRecord {
  readonly actor: string;
  readonly node: string;
  readonly epoch: number;
  firstServed: number;
  lastServed: number;
}

export interface AskRecord {
  readonly actor: string;
  readonly start: number;
  /** When the ask settled; undefined if it never did. */
  end: number | undefined;
  ok: boolean;
  /** Error code when it failed. */
  code?: string;
  /** Member that served it, when ok. */
  node?: string;
}

export interface FaultRecord {
  readonly kind: 'kill' | 'stop';
  /** Member id of the incarnation hit. */
  readonly member: string;
  readonly at: number;
}

/** Pairs of activations of one actor (different epochs) whose serving intervals overlap. */
export function overlappingActivations(records: Iterable<ActivationRecord>): [ActivationRecord, ActivationRecord][] {
  const byActor = new Map<string, ActivationRecord[]>();
  for (const record of records) {
    if (record.firstServed === 0) continue;
    const list = byActor.get(record.actor);
    if (list === undefined) byActor.set(record.actor, [record]);
    else list.push(record);
  }
  const overlaps: [ActivationRecord, ActivationRecord][] = [];
  for (const list of byActor.values()) {
    list.sort((a, b) => a.firstServed - b.firstServed);
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i]!;
        const b = list[j]!;
        if (b.firstServed > a.lastServed) break;
        if (a.epoch !== b.epoch) overlaps.push([a, b]);
      }
    }
  }
  return overlaps;
}

/** Asks that did not settle within their deadline plus `graceMs` (or never). */
export function hungAsks(asks: Iterable<AskRecord>, timeoutMs: number, graceMs: number, endOfRun: number): AskRecord[] {
  const hung: AskRecord[] = [];
  for (const ask of asks) {
    const end = ask.end ?? endOfRun;
    if (ask.end === undefined || end - ask.start > timeoutMs + graceMs) hung.push(ask);
  }
  return hung;
}

/**
 * For each fault: the actors the hit member served in the `activeWindowMs` before it, and how long until each of
 * them answered again from another member. Returns seconds per fault (Infinity when some actor never did).
 */
export function recoverySeconds(
  fault: FaultRecord,
  activations: Iterable<ActivationRecord>,
  asksByActor: ReadonlyMap<string, readonly AskRecord[]>,
  activeWindowMs: number,
): number {
  const hit = new Set<string>();
  for (const record of activations) {
    if (record.node === fault.member && record.lastServed >= fault.at - activeWindowMs) hit.add(record.actor);
  }
  let worst = 0;
  for (const actor of hit) {
    let recovered = Number.POSITIVE_INFINITY;
    for (const ask of asksByActor.get(actor) ?? []) {
      if (!ask.ok || ask.end === undefined || ask.end < fault.at) continue;
      if (ask.node === fault.member) continue;
      if (ask.end < recovered) recovered = ask.end;
    }
    worst = Math.max(worst, (recovered - fault.at) / 1000);
  }
  return worst;
}

/** Asks grouped by actor (recoverySeconds looks them up per actor). */
export function asksByActor(asks: Iterable<AskRecord>): Map<string, AskRecord[]> {
  const index = new Map<string, AskRecord[]>();
  for (const ask of asks) {
    const list = index.get(ask.actor);
    if (list === undefined) index.set(ask.actor, [ask]);
    else list.push(ask);
  }
  return index;
}
