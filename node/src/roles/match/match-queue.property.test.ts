// Properties of a formation pass over random queues (sizes, parties, ratings, waits, window settings): no player
// in two matches, every match teams × teamSize with parties whole, every pair of tickets within both windows, timed
// out tickets dropped and never matched, windows widening with wait, and the same result for the same input.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { type FormationConfig, type FormationResult, formMatches } from './match-queue.ts';
import { type RatingWindow, ratingWindowAt } from './queue-config.ts';
import type { QueueTicket } from './queue-ticket.ts';

const NOW_MS = 1_800_000_000_000;

const configArb: fc.Arbitrary<FormationConfig> = fc
  .record({
    teamSize: fc.integer({ min: 1, max: 4 }),
    teams: fc.integer({ min: 1, max: 3 }),
    initial: fc.integer({ min: 0, max: 300 }),
    growPerSecond: fc.double({ min: 0, max: 100, noNaN: true }),
    extra: fc.integer({ min: 0, max: 1_000 }),
    timeoutMs: fc.integer({ min: 1_000, max: 30_000 }),
  })
  .map(({ teamSize, teams, initial, growPerSecond, extra, timeoutMs }) => ({
    teamSize,
    teams,
    matchPlayers: teamSize * teams,
    ratingWindow: { initial, growPerSecond, max: initial + extra },
    timeoutMs,
  }));

/** A queue for `config`: tickets with unique ids and players, ratings often bunched, waits up to 2 × timeout. */
function queueArb(config: FormationConfig): fc.Arbitrary<QueueTicket[]> {
  const ticket = fc.record({
    size: fc.integer({ min: 1, max: config.teamSize }),
    rating: fc.oneof(fc.integer({ min: 1_000, max: 1_150 }), fc.integer({ min: 0, max: 3_000 })),
    waitMs: fc.oneof(
      fc.integer({ min: 0, max: 2 * config.timeoutMs }),
      fc.constantFrom(config.timeoutMs, config.timeoutMs + 1),
    ),
  });
  return fc.array(ticket, { maxLength: 80 }).map((drafts) =>
    drafts.map((draft, i) => ({
      ticketId: `t${String(i).padStart(3, '0')}`,
      players: Array.from({ length: draft.size }, (_, j) => `p${i}.${j}`),
      rating: draft.rating,
      enqueuedAtMs: NOW_MS - draft.waitMs,
    })),
  );
}

const caseArb = configArb.chain((config) => fc.record({ config: fc.constant(config), tickets: queueArb(config) }));

/** The window formula of docs/match.md, written out independently of ratingWindowAt. */
function windowOf(window: RatingWindow, ticket: QueueTicket): number {
  const waitSeconds = Math.max(0, NOW_MS - ticket.enqueuedAtMs) / 1000;
  return Math.min(window.max, window.initial + window.growPerSecond * waitSeconds);
}

const ids = (tickets: readonly QueueTicket[]) => tickets.map((t) => t.ticketId).sort();

describe('formMatches properties', () => {
  it('puts no player in two matches, and every ticket in exactly one of matched, timed out, waiting', () => {
    fc.assert(
      fc.property(caseArb, ({ config, tickets }) => {
        const result = formMatches(tickets, config, NOW_MS);
        const players = result.matches.flatMap((m) => m.teams.flat());
        expect(new Set(players).size).toBe(players.length);
        const matched = result.matches.flatMap((m) => m.tickets);
        const all = [...ids(matched), ...ids(result.timedOut), ...ids(result.waiting)].sort();
        expect(all).toEqual(ids(tickets));
      }),
      { numRuns: 300 },
    );
  });

  it('forms matches of `teams` teams with exactly `teamSize` players, each party whole on one team', () => {
    fc.assert(
      fc.property(caseArb, ({ config, tickets }) => {
        const result = formMatches(tickets, config, NOW_MS);
        for (const match of result.matches) {
          expect(match.teams).toHaveLength(config.teams);
          for (const team of match.teams) expect(team).toHaveLength(config.teamSize);
          expect(match.teams.flat().sort()).toEqual(match.tickets.flatMap((t) => t.players).sort());
          for (const ticket of match.tickets) {
            const team = match.teams.find((members) => members.includes(ticket.players[0]!))!;
            for (const player of ticket.players) expect(team).toContain(player);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('matches only tickets whose rating gap is within both their current windows', () => {
    fc.assert(
      fc.property(caseArb, ({ config, tickets }) => {
        for (const match of formMatches(tickets, config, NOW_MS).matches) {
          for (const a of match.tickets) {
            for (const b of match.tickets) {
              const gap = Math.abs(a.rating - b.rating);
              expect(gap).toBeLessThanOrEqual(windowOf(config.ratingWindow, a));
              expect(gap).toBeLessThanOrEqual(windowOf(config.ratingWindow, b));
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('drops exactly the tickets that waited longer than timeoutMs, and never matches them', () => {
    fc.assert(
      fc.property(caseArb, ({ config, tickets }) => {
        const result = formMatches(tickets, config, NOW_MS);
        const expired = tickets.filter((t) => NOW_MS - t.enqueuedAtMs > config.timeoutMs);
        expect(ids(result.timedOut)).toEqual(ids(expired));
        const matched = new Set(result.matches.flatMap((m) => m.tickets.map((t) => t.ticketId)));
        for (const ticket of expired) expect(matched.has(ticket.ticketId)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('is deterministic: the same tickets in any order at the same time give the same matches', () => {
    fc.assert(
      fc.property(
        caseArb.chain((c) =>
          fc.record({ c: fc.constant(c), order: fc.shuffledSubarray(c.tickets, { minLength: c.tickets.length }) }),
        ),
        ({ c, order }) => {
          const first: FormationResult = formMatches(c.tickets, c.config, NOW_MS);
          const again = formMatches(c.tickets, c.config, NOW_MS);
          const shuffled = formMatches(order, c.config, NOW_MS);
          expect(again).toEqual(first);
          expect(shuffled.matches).toEqual(first.matches);
          expect(ids(shuffled.timedOut)).toEqual(ids(first.timedOut));
          expect(ids(shuffled.waiting)).toEqual(ids(first.waiting));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('matches every full set of solos that accept each other (equal ratings): floor(n / match players) matches', () => {
    fc.assert(
      fc.property(
        configArb,
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 3_000 }),
        (config, n, rating) => {
          const tickets = Array.from({ length: n }, (_, i) => ({
            ticketId: `t${i}`,
            players: [`p${i}`],
            rating,
            enqueuedAtMs: NOW_MS - i,
          }));
          const result = formMatches(tickets, config, NOW_MS);
          expect(result.matches).toHaveLength(Math.floor(n / config.matchPlayers));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('ratingWindowAt properties', () => {
  const windowArb = fc
    .record({
      initial: fc.double({ min: 0, max: 1_000, noNaN: true }),
      growPerSecond: fc.double({ min: 0, max: 1_000, noNaN: true }),
      extra: fc.double({ min: 0, max: 5_000, noNaN: true }),
    })
    .map(({ initial, growPerSecond, extra }) => ({ initial, growPerSecond, max: initial + extra }));

  it('widens monotonically with wait, from initial, never past max', () => {
    fc.assert(
      fc.property(
        windowArb,
        fc.integer({ min: -10_000, max: 10_000_000 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        (window, waitMs, moreMs) => {
          const enqueuedAtMs = NOW_MS - waitMs;
          const now = ratingWindowAt(window, enqueuedAtMs, NOW_MS);
          const later = ratingWindowAt(window, enqueuedAtMs, NOW_MS + moreMs);
          expect(later).toBeGreaterThanOrEqual(now);
          expect(now).toBeGreaterThanOrEqual(window.initial);
          expect(later).toBeLessThanOrEqual(window.max);
        },
      ),
      { numRuns: 500 },
    );
  });
});
