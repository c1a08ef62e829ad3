// Scenarios of one formation pass: solos and parties into teams, windows that open with waiting, the cap, timeouts
// at their edge, oldest first, balancing, and a pass over thousands of tickets in a bounded time.
import { describe, expect, it } from '@jest/globals';
import { type FormationConfig, formMatches } from './match-queue.ts';
import type { QueueTicket } from './queue-ticket.ts';

const NOW_MS = 1_800_000_000_000;

function config(overrides: Partial<FormationConfig> = {}): FormationConfig {
  const teamSize = overrides.teamSize ?? 2;
  const teams = overrides.teams ?? 2;
  return {
    teamSize,
    teams,
    matchPlayers: teamSize * teams,
    ratingWindow: { initial: 100, growPerSecond: 10, max: 400 },
    timeoutMs: 60_000,
    ...overrides,
  };
}

/** A ticket `id` of `players` (comma-separated) with `rating`, waiting `waitMs`. */
function ticket(id: string, players: string, rating: number, waitMs = 0): QueueTicket {
  return { ticketId: id, players: players.split(','), rating, enqueuedAtMs: NOW_MS - waitMs };
}

const sortedTeams = (teams: readonly (readonly string[])[]) => teams.map((team) => [...team].sort()).sort();

describe('formMatches', () => {
  const cases: {
    desc: string;
    config: FormationConfig;
    tickets: QueueTicket[];
    want: { teams: string[][][]; timedOut?: string[] };
  }[] = [
    {
      desc: '4 solos of one rating make one 2v2',
      config: config(),
      tickets: [ticket('a', 'p1', 1000), ticket('b', 'p2', 1000), ticket('c', 'p3', 1000), ticket('d', 'p4', 1000)],
      want: {
        teams: [
          [
            ['p1', 'p2'],
            ['p3', 'p4'],
          ],
        ],
      },
    },
    {
      desc: 'a party of 2 plays together against 2 solos',
      config: config(),
      tickets: [ticket('s1', 'x', 1000), ticket('party', 'p1,p2', 1000), ticket('s2', 'y', 1000)],
      want: {
        teams: [
          [
            ['p1', 'p2'],
            ['x', 'y'],
          ],
        ],
      },
    },
    {
      desc: 'three parties of 2 never fill two teams of 3',
      config: config({ teamSize: 3 }),
      tickets: [ticket('a', 'p1,p2', 1000), ticket('b', 'p3,p4', 1000), ticket('c', 'p5,p6', 1000)],
      want: { teams: [] },
    },
    {
      desc: 'parties of 2 and 1 fill 3v3 with a party of 2 and a solo per team',
      config: config({ teamSize: 3 }),
      tickets: [
        ticket('a', 'p1,p2', 1000),
        ticket('b', 'p3,p4', 1000),
        ticket('c', 'p5,p6', 1000),
        ticket('d', 's1', 1000),
        ticket('e', 's2', 1000),
      ],
      want: {
        teams: [
          [
            ['p1', 'p2', 's1'],
            ['p3', 'p4', 's2'],
          ],
        ],
      },
    },
    {
      desc: 'balances by rating: 1000+1300 against 1100+1200',
      config: config({ ratingWindow: { initial: 300, growPerSecond: 0, max: 300 } }),
      tickets: [ticket('a', 'a', 1000), ticket('b', 'b', 1100), ticket('c', 'c', 1200), ticket('d', 'd', 1300)],
      want: {
        teams: [
          [
            ['a', 'd'],
            ['b', 'c'],
          ],
        ],
      },
    },
    {
      desc: 'a gap of 150 is outside fresh windows of 100',
      config: config({ teams: 1, teamSize: 2 }),
      tickets: [ticket('a', 'a', 1000), ticket('b', 'b', 1150)],
      want: { teams: [] },
    },
    {
      desc: 'a gap of 150 is inside windows after 5 s of waiting (100 + 10/s × 5)',
      config: config({ teams: 1, teamSize: 2 }),
      tickets: [ticket('a', 'a', 1000, 5_000), ticket('b', 'b', 1150, 5_000)],
      want: { teams: [[['a', 'b']]] },
    },
    {
      desc: 'both windows must reach: an old ticket does not take a fresh one 150 away',
      config: config({ teams: 1, teamSize: 2 }),
      tickets: [ticket('a', 'a', 1000, 50_000), ticket('b', 'b', 1150, 0)],
      want: { teams: [] },
    },
    {
      desc: 'windows stop growing at max',
      config: config({ teams: 1, teamSize: 2 }),
      tickets: [ticket('a', 'a', 1000, 59_000), ticket('b', 'b', 1401, 59_000)],
      want: { teams: [] },
    },
    {
      desc: 'a ticket at exactly timeoutMs still waits; one ms more and it is dropped',
      config: config({ teams: 1, teamSize: 2 }),
      tickets: [ticket('edge', 'a', 1000, 60_000), ticket('late', 'b', 1000, 60_001)],
      want: { teams: [], timedOut: ['late'] },
    },
    {
      desc: 'the oldest tickets are matched first (1v1, three equal solos)',
      config: config({ teams: 2, teamSize: 1 }),
      tickets: [ticket('new', 'n', 1000, 10), ticket('old', 'o', 1000, 3_000), ticket('mid', 'm', 1000, 2_000)],
      want: { teams: [[['m'], ['o']]] },
    },
    {
      desc: 'an anchor takes the nearest ratings: 1000 plays 1010, 1300 plays 1320',
      config: config({ teams: 2, teamSize: 1, ratingWindow: { initial: 400, growPerSecond: 0, max: 400 } }),
      tickets: [
        ticket('a', 'a', 1000, 9),
        ticket('b', 'b', 1300, 8),
        ticket('c', 'c', 1010, 7),
        ticket('d', 'd', 1320, 6),
      ],
      want: {
        teams: [
          [['a'], ['c']],
          [['b'], ['d']],
        ],
      },
    },
  ];

  it.each(cases)('$desc', ({ config, tickets, want }) => {
    const result = formMatches(tickets, config, NOW_MS);
    expect(result.matches.map((m) => sortedTeams(m.teams))).toEqual(want.teams.map(sortedTeams));
    expect(result.timedOut.map((t) => t.ticketId)).toEqual(want.timedOut ?? []);
  });

  it('keeps the waiting tickets in their input order', () => {
    const tickets = [ticket('z', 'z', 3000), ticket('a', 'a', 1000), ticket('m', 'm', 2000)];
    expect(formMatches(tickets, config(), NOW_MS).waiting.map((t) => t.ticketId)).toEqual(['z', 'a', 'm']);
  });

  it('forms a pass over 5000 tickets (solos and parties, 5v5) in well under a second', () => {
    const tickets: QueueTicket[] = [];
    let seed = 42;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    for (let i = 0; i < 5_000; i++) {
      const size = random() < 0.8 ? 1 : 1 + Math.floor(random() * 4);
      const players = Array.from({ length: size }, (_, j) => `p${i}.${j}`).join(',');
      tickets.push(ticket(`t${i}`, players, 800 + Math.round(random() * 1_600), Math.round(random() * 30_000)));
    }
    const started = performance.now();
    const result = formMatches(tickets, config({ teamSize: 5 }), NOW_MS);
    const elapsedMs = performance.now() - started;
    expect(result.matches.length).toBeGreaterThan(500);
    expect(elapsedMs).toBeLessThan(1_000);
  });

  it('bounds a pass that can form nothing (5000 parties of 2 for teams of 3) by its search budget', () => {
    const tickets = Array.from({ length: 5_000 }, (_, i) => ticket(`t${i}`, `a${i},b${i}`, 1000 + (i % 50), i));
    const started = performance.now();
    const result = formMatches(tickets, config({ teamSize: 3 }), NOW_MS);
    expect(result.matches).toHaveLength(0);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
