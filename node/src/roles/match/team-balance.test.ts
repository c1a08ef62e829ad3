// Team splits: sizes that cannot fill the teams, parties that cannot be packed, the most even split, negative
// ratings, and the same split whatever the input order.
import { describe, expect, it } from '@jest/globals';
import type { QueueTicket } from './queue-ticket.ts';
import { balanceTeams } from './team-balance.ts';

let next = 0;
const t = (rating: number, size = 1): QueueTicket => {
  const id = next++;
  return {
    ticketId: `t${id}`,
    players: Array.from({ length: size }, (_, j) => `p${id}.${j}`),
    rating,
    enqueuedAtMs: 0,
  };
};
const totals = (teams: QueueTicket[][]) =>
  teams
    .map((team) => team.reduce((sum, ticket) => sum + ticket.rating * ticket.players.length, 0))
    .sort((a, b) => a - b);

describe('balanceTeams', () => {
  const cases: { desc: string; tickets: QueueTicket[]; teams: number; teamSize: number; want: number[] | null }[] = [
    { desc: 'too few players', tickets: [t(1), t(1), t(1)], teams: 2, teamSize: 2, want: null },
    {
      desc: 'three parties of 2 into teams of 3',
      tickets: [t(1, 2), t(1, 2), t(1, 2)],
      teams: 2,
      teamSize: 3,
      want: null,
    },
    { desc: 'an even 2v2', tickets: [t(1000), t(1100), t(1200), t(1300)], teams: 2, teamSize: 2, want: [2300, 2300] },
    {
      desc: 'a strong party of 2 against two solos',
      tickets: [t(1500, 2), t(1000), t(1200)],
      teams: 2,
      teamSize: 2,
      want: [2200, 3000],
    },
    {
      desc: 'three teams of 2 from six solos',
      tickets: [t(1), t(2), t(3), t(4), t(5), t(6)],
      teams: 3,
      teamSize: 2,
      want: [7, 7, 7],
    },
    { desc: 'negative ratings', tickets: [t(-100), t(-50), t(0), t(50)], teams: 2, teamSize: 2, want: [-50, -50] },
  ];

  it.each(cases)('$desc', ({ tickets, teams, teamSize, want }) => {
    const split = balanceTeams(tickets, teams, teamSize);
    if (want === null) {
      expect(split).toBeNull();
      return;
    }
    expect(split).not.toBeNull();
    expect(totals(split!.teams)).toEqual(want);
    expect(split!.spread).toBe(want[want.length - 1]! - want[0]!);
    for (const team of split!.teams) expect(team.reduce((n, ticket) => n + ticket.players.length, 0)).toBe(teamSize);
  });

  it('gives the same split whatever the input order', () => {
    const tickets = [t(1000, 2), t(1010), t(990), t(1400), t(1600, 3), t(800), t(1234)];
    const split = balanceTeams(tickets, 2, 5);
    expect(balanceTeams([...tickets].reverse(), 2, 5)).toEqual(split);
  });

  it('takes the greedy split when the budget allows no more than its first leaf', () => {
    const tickets = Array.from({ length: 20 }, (_, i) => t(1000 + i * 7));
    const split = balanceTeams(tickets, 4, 5, 21);
    expect(split).not.toBeNull();
    expect(balanceTeams(tickets, 4, 5, 20)).toBeNull();
  });
});
