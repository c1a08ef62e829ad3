// One formation pass over a queue, as a pure function of its tickets, its config and the clock (docs/match.md
// "Formation"): tickets past the timeout leave; then, oldest ticket first, each unmatched ticket (the anchor)
// gathers the nearest-rated tickets that accept it and that it accepts, picks from them a set that fills the match
// and splits into teams (team-balance.ts), and the set becomes a match. Ratings are sorted once; the anchor walks
// outwards from its place in that order, skipping matched tickets through path-compressed links, so a pass over
// thousands of tickets costs about n log n plus a bounded search per anchor.
import { type RatingWindow, type ResolvedQueueConfig, ratingWindowAt } from './queue-config.ts';
import type { QueueTicket } from './queue-ticket.ts';
import { balanceTeams, DEFAULT_BALANCE_BUDGET, type SearchSteps, type TeamSplit } from './team-balance.ts';

export interface FormedMatch {
  /** The match's tickets, team by team. */
  readonly tickets: readonly QueueTicket[];
  /** Player ids per team; a party's players are together and in their ticket's order. */
  readonly teams: readonly (readonly string[])[];
  /** max − min of the teams' rating totals. */
  readonly spread: number;
}

export interface FormationResult {
  readonly matches: readonly FormedMatch[];
  /** Tickets that waited longer than timeoutMs: dropped, never matched. */
  readonly timedOut: readonly QueueTicket[];
  /** Tickets still waiting, in their input order. */
  readonly waiting: readonly QueueTicket[];
}

export interface FormationLimits {
  /** Tickets an anchor looks at, nearest rating first, before it stops looking (default: 512). */
  readonly scanLimit?: number;
  /** Accepted tickets an anchor chooses among (default: 4 × match players + 16). */
  readonly candidateLimit?: number;
  /** Search steps (choosing sets and splitting them into teams) one anchor may spend (default: 10_000). */
  readonly anchorBudget?: number;
  /** Search steps per team split of a candidate set (default: DEFAULT_BALANCE_BUDGET). */
  readonly balanceBudget?: number;
  /** Search steps the whole pass may spend; younger anchors wait for the next pass once it is spent (default: 100_000). */
  readonly passBudget?: number;
}

export const DEFAULT_SCAN_LIMIT = 512;
export const DEFAULT_ANCHOR_BUDGET = 10_000;
export const DEFAULT_PASS_BUDGET = 100_000;

/** The shape of a queue formMatches needs: a resolved config has it. */
export type FormationConfig = Pick<
  ResolvedQueueConfig,
  'teamSize' | 'teams' | 'matchPlayers' | 'ratingWindow' | 'timeoutMs'
>;

/** A ticket has timed out when it has waited longer than timeoutMs at `nowMs`. */
export function hasTimedOut(ticket: QueueTicket, timeoutMs: number, nowMs: number): boolean {
  return nowMs - ticket.enqueuedAtMs > timeoutMs;
}

/** Whether two tickets accept each other at `nowMs`: their rating gap is within both their windows. */
export function acceptEachOther(a: QueueTicket, b: QueueTicket, window: RatingWindow, nowMs: number): boolean {
  const gap = Math.abs(a.rating - b.rating);
  return gap <= ratingWindowAt(window, a.enqueuedAtMs, nowMs) && gap <= ratingWindowAt(window, b.enqueuedAtMs, nowMs);
}

/**
 * Runs one formation pass. Deterministic: the same tickets (in any order), config, limits and `nowMs` give the
 * same result. Ticket ids must be unique, and a player in at most one ticket (the Matchmaker guarantees both).
 */
export function formMatches(
  tickets: readonly QueueTicket[],
  config: FormationConfig,
  nowMs: number,
  limits: FormationLimits = {},
): FormationResult {
  const timedOut: QueueTicket[] = [];
  const live: QueueTicket[] = [];
  for (const ticket of tickets) (hasTimedOut(ticket, config.timeoutMs, nowMs) ? timedOut : live).push(ticket);
  const pass = new FormationPass(live, config, nowMs, limits);
  const matches = pass.run();
  const waiting = live.filter((ticket) => !pass.matched.has(ticket.ticketId));
  return { matches, timedOut, waiting };
}

/** The state of one pass: tickets by rating, their windows, and which are matched. */
class FormationPass {
  readonly matched = new Set<string>();
  private readonly config: FormationConfig;
  private readonly byRating: QueueTicket[];
  private readonly windows: number[];
  /** Links to the nearest unmatched ticket at or right of i (n: none); path-compressed. */
  private readonly right: Int32Array;
  /** Links to the nearest unmatched ticket at or left of i, stored shifted by one (0: none). */
  private readonly left: Int32Array;
  private readonly used: Uint8Array;
  private readonly scanLimit: number;
  private readonly candidateLimit: number;
  private readonly anchorBudget: number;
  private readonly balanceBudget: number;
  /** Search steps spent so far in this pass. */
  private readonly spent: SearchSteps = { steps: 0 };
  private readonly passBudget: number;

  constructor(live: readonly QueueTicket[], config: FormationConfig, nowMs: number, limits: FormationLimits) {
    this.config = config;
    this.byRating = [...live].sort(byRatingThenAge);
    this.windows = this.byRating.map((t) => ratingWindowAt(config.ratingWindow, t.enqueuedAtMs, nowMs));
    const n = this.byRating.length;
    this.right = Int32Array.from({ length: n + 1 }, (_, i) => i);
    this.left = Int32Array.from({ length: n + 1 }, (_, i) => i);
    this.used = new Uint8Array(n);
    this.scanLimit = limits.scanLimit ?? DEFAULT_SCAN_LIMIT;
    this.candidateLimit = limits.candidateLimit ?? 4 * config.matchPlayers + 16;
    this.anchorBudget = limits.anchorBudget ?? DEFAULT_ANCHOR_BUDGET;
    this.balanceBudget = limits.balanceBudget ?? DEFAULT_BALANCE_BUDGET;
    this.passBudget = limits.passBudget ?? DEFAULT_PASS_BUDGET;
  }

  run(): FormedMatch[] {
    const matches: FormedMatch[] = [];
    const anchors = this.byRating.map((_, i) => i).sort((a, b) => byAge(this.byRating[a]!, this.byRating[b]!));
    for (const anchor of anchors) {
      if (this.spent.steps >= this.passBudget) break;
      if (this.used[anchor] === 1) continue;
      const match = this.formAround(anchor);
      if (match === null) continue;
      for (const ticket of match.tickets) this.matched.add(ticket.ticketId);
      matches.push(match);
    }
    return matches;
  }

  /** The match anchored at `anchor`, or null; marks its tickets used. */
  private formAround(anchor: number): FormedMatch | null {
    const candidates = this.candidatesOf(anchor);
    const chosen = this.choose(anchor, candidates);
    if (chosen === null) return null;
    for (const index of chosen.members) this.markUsed(index);
    const teams = chosen.split.teams.map((team) => team.flatMap((ticket) => ticket.players));
    return { tickets: chosen.split.teams.flat(), teams, spread: chosen.split.spread };
  }

  /**
   * Unmatched tickets that accept the anchor and that it accepts, nearest rating first (ties: older, then ticket
   * id): a walk outwards from the anchor's place in rating order, ending past the anchor's window.
   */
  private candidatesOf(anchor: number): number[] {
    const rating = this.byRating[anchor]!.rating;
    const reach = this.windows[anchor]!;
    const out: number[] = [];
    let l = this.prevFree(anchor - 1);
    let r = this.nextFree(anchor + 1);
    let scanned = 0;
    while (out.length < this.candidateLimit && scanned < this.scanLimit) {
      const leftGap = l < 0 ? Number.POSITIVE_INFINITY : rating - this.byRating[l]!.rating;
      const rightGap = r >= this.byRating.length ? Number.POSITIVE_INFINITY : this.byRating[r]!.rating - rating;
      if (leftGap > reach && rightGap > reach) break;
      let pick: number;
      if (leftGap < rightGap || (leftGap === rightGap && byAge(this.byRating[l]!, this.byRating[r]!) <= 0)) {
        pick = l;
        l = this.prevFree(l - 1);
      } else {
        pick = r;
        r = this.nextFree(r + 1);
      }
      scanned++;
      if (Math.abs(this.byRating[pick]!.rating - rating) <= this.windows[pick]!) out.push(pick);
    }
    return out;
  }

  /**
   * A set of the anchor and candidates that fills the match, accepts itself pairwise and splits into teams: a
   * depth-first search over the candidates in order (take, then skip), its steps and its splits' steps charged to
   * the anchor's budget and the pass's.
   */
  private choose(anchor: number, candidates: readonly number[]): { members: number[]; split: TeamSplit } | null {
    const need = this.config.matchPlayers;
    const sizeOf = (i: number) => this.byRating[i]!.players.length;
    // suffix[k]: players in candidates k.. — a branch that cannot reach `need` any more stops at once.
    const suffix = new Array<number>(candidates.length + 1).fill(0);
    for (let k = candidates.length - 1; k >= 0; k--) suffix[k] = suffix[k + 1]! + sizeOf(candidates[k]!);
    const members: number[] = [anchor];
    let players = sizeOf(anchor);
    const limit = this.spent.steps + Math.min(this.anchorBudget, this.passBudget - this.spent.steps);
    const found: { split: TeamSplit | null } = { split: null };

    // true: stop searching (a set was found, or the budget is spent).
    const visit = (k: number): boolean => {
      if (++this.spent.steps > limit) return true;
      if (players === need) {
        const tickets = members.map((i) => this.byRating[i]!);
        const budget = Math.min(this.balanceBudget, limit - this.spent.steps);
        found.split = balanceTeams(tickets, this.config.teams, this.config.teamSize, budget, this.spent);
        return found.split !== null;
      }
      if (k === candidates.length || players + suffix[k]! < need) return false;
      const next = candidates[k]!;
      if (players + sizeOf(next) <= need && this.acceptsAll(next, members)) {
        members.push(next);
        players += sizeOf(next);
        if (visit(k + 1)) return true;
        members.pop();
        players -= sizeOf(next);
      }
      return visit(k + 1);
    };
    visit(0);
    return found.split === null ? null : { members, split: found.split };
  }

  /** Whether ticket i and every ticket of `members` accept each other. */
  private acceptsAll(i: number, members: readonly number[]): boolean {
    const rating = this.byRating[i]!.rating;
    const window = this.windows[i]!;
    for (const m of members) {
      const gap = Math.abs(this.byRating[m]!.rating - rating);
      if (gap > window || gap > this.windows[m]!) return false;
    }
    return true;
  }

  private markUsed(i: number): void {
    this.used[i] = 1;
    this.right[i] = i + 1;
    this.left[i + 1] = i; // left is shifted by one: slot i+1 describes ticket i
  }

  /** The nearest unmatched index ≥ i (n when none). */
  private nextFree(i: number): number {
    const links = this.right;
    let root = i;
    while (links[root] !== root) root = links[root]!;
    while (links[i] !== root) {
      const next = links[i]!;
      links[i] = root;
      i = next;
    }
    return root;
  }

  /** The nearest unmatched index ≤ i (-1 when none). */
  private prevFree(i: number): number {
    const links = this.left;
    let slot = i + 1;
    let root = slot;
    while (links[root] !== root) root = links[root]!;
    while (links[slot] !== root) {
      const next = links[slot]!;
      links[slot] = root;
      slot = next;
    }
    return root - 1;
  }
}

function byAge(a: QueueTicket, b: QueueTicket): number {
  return a.enqueuedAtMs - b.enqueuedAtMs || compareIds(a.ticketId, b.ticketId);
}

function byRatingThenAge(a: QueueTicket, b: QueueTicket): number {
  return a.rating - b.rating || byAge(a, b);
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
