// Splits the tickets of one match into teams: every team exactly teamSize players, a party always on one team, and
// the teams' rating totals as close as the search finds. Exact bin packing is NP-hard in general, so the search is a
// branch-and-bound depth-first search with a step budget: its first leaf is the greedy answer (largest, strongest tickets first,
// each to the weakest team with room), later leaves only improve on it.
import type { QueueTicket } from './queue-ticket.ts';

/** Search steps per split before the best split so far is taken (default of balanceTeams' budget). */
export const DEFAULT_BALANCE_BUDGET = 2_000;

/** Where balanceTeams adds the search steps it took, so a caller can charge them to a larger budget. */
export interface SearchSteps {
  steps: number;
}

export interface TeamSplit {
  /** Tickets per team; a team's players are its tickets' players in this order. */
  readonly teams: QueueTicket[][];
  /** max − min over the teams' rating totals (each player counts with their ticket's rating). */
  readonly spread: number;
}

/**
 * The most even split of `tickets` into `teams` teams of `teamSize` players found within `budget` steps, or null
 * when their sizes do not add up to teams × teamSize or no split was found (e.g. parties of 2 into teams of 3).
 * Deterministic: the same tickets give the same split whatever their order.
 */
export function balanceTeams(
  tickets: readonly QueueTicket[],
  teams: number,
  teamSize: number,
  budget = DEFAULT_BALANCE_BUDGET,
  counter?: SearchSteps,
): TeamSplit | null {
  let total = 0;
  for (const ticket of tickets) total += ticket.players.length;
  if (total !== teams * teamSize) return null;
  const order = [...tickets].sort(byLargestStrongest);
  // Ratings counted from the lowest one: every team has teamSize players, so spreads are unchanged, and with no
  // negative weights a team's total only grows as tickets are added, which the bound below relies on.
  let low = Number.POSITIVE_INFINITY;
  for (const ticket of order) low = Math.min(low, ticket.rating);
  const weights = order.map((ticket) => (ticket.rating - low) * ticket.players.length);
  let totalWeight = 0;
  for (const weight of weights) totalWeight += weight;
  const averageTeam = totalWeight / teams;
  const fill = new Array<number>(teams).fill(0);
  const sums = new Array<number>(teams).fill(0);
  const teamOf = new Array<number>(order.length).fill(-1);
  // Written inside visit: a holder, so the compiler does not narrow it to its initial null.
  const best: { teamOf: number[] | null; spread: number } = { teamOf: null, spread: Number.POSITIVE_INFINITY };
  let steps = 0;
  let done = false;

  const visit = (k: number): void => {
    if (++steps > budget) {
      done = true;
      return;
    }
    if (k === order.length) {
      const spread = Math.max(...sums) - Math.min(...sums);
      if (spread < best.spread) {
        best.spread = spread;
        best.teamOf = [...teamOf];
        if (spread === 0) done = true;
      }
      return;
    }
    // Bound: the strongest team only gets stronger and the weakest ends at most at the average, so a branch whose
    // strongest team is already best.spread above the average cannot improve on the best split.
    if (Math.max(...sums) - averageTeam >= best.spread) return;
    const size = order[k]!.players.length;
    const weight = weights[k]!;
    // Weakest team first; teams in the same state (fill and total) lead to the same subtree, so only one is tried.
    const choices: number[] = [];
    for (let t = 0; t < teams; t++) {
      if (fill[t]! + size > teamSize) continue;
      if (choices.some((c) => fill[c] === fill[t] && sums[c] === sums[t])) continue;
      choices.push(t);
    }
    choices.sort((a, b) => sums[a]! - sums[b]! || a - b);
    for (const t of choices) {
      fill[t]! += size;
      sums[t]! += weight;
      teamOf[k] = t;
      visit(k + 1);
      fill[t]! -= size;
      sums[t]! -= weight;
      teamOf[k] = -1;
      if (done) return;
    }
  };
  visit(0);
  if (counter !== undefined) counter.steps += Math.min(steps, budget);
  if (best.teamOf === null) return null;
  const split: QueueTicket[][] = Array.from({ length: teams }, () => []);
  for (let k = 0; k < order.length; k++) split[best.teamOf[k]!]!.push(order[k]!);
  return { teams: split, spread: best.spread };
}

/** Larger parties first (they are the hard part of packing), then higher ratings, then ticket id. */
function byLargestStrongest(a: QueueTicket, b: QueueTicket): number {
  return (
    b.players.length - a.players.length ||
    b.rating - a.rating ||
    (a.ticketId < b.ticketId ? -1 : a.ticketId > b.ticketId ? 1 : 0)
  );
}
