// Queue configs, install options and tickets are checked once, with every problem named: table tests of the
// defaults and of each kind of mistake, and the per-system queue registry.
import { describe, expect, it } from '@jest/globals';
import { ActorSystem } from '../../actor/actor-system.ts';
import { InvalidMatchConfigError, InvalidTicketError } from './errors.ts';
import { DEFAULT_FORM_INTERVAL_MS, resolveMatchOptions } from './match-options.ts';
import { type QueueConfig, resolveQueueConfig } from './queue-config.ts';
import { queueConfigOf, registeredQueues, registerQueue } from './queue-registry.ts';
import { checkTicketRequest, isQueueTicket } from './queue-ticket.ts';

const VALID: QueueConfig = {
  teamSize: 2,
  ratingWindow: { initial: 100, growPerSecond: 50, max: 1000 },
  timeoutMs: 60_000,
  roomType: 'arena-room',
};

describe('resolveQueueConfig', () => {
  it('fills the defaults: 2 teams, no room params', () => {
    expect(resolveQueueConfig('duo', VALID)).toEqual({
      name: 'duo',
      teamSize: 2,
      teams: 2,
      matchPlayers: 4,
      ratingWindow: { initial: 100, growPerSecond: 50, max: 1000 },
      timeoutMs: 60_000,
      roomType: 'arena-room',
      roomParams: {},
    });
  });

  const cases: { desc: string; name?: string; config: Record<string, unknown>; want: RegExp }[] = [
    { desc: 'a name with spaces', name: 'my queue', config: {}, want: /name "my queue" must be/ },
    { desc: 'teamSize 0', config: { teamSize: 0 }, want: /teamSize must be a whole number 1-100/ },
    { desc: 'fractional teams', config: { teams: 1.5 }, want: /teams must be a whole number 1-100/ },
    { desc: 'too many players', config: { teamSize: 100, teams: 11 }, want: /teams × teamSize must be at most 1000/ },
    { desc: 'no window', config: { ratingWindow: undefined }, want: /ratingWindow must be/ },
    {
      desc: 'a negative growth',
      config: { ratingWindow: { initial: 1, growPerSecond: -1, max: 5 } },
      want: /growPerSecond must be a finite number ≥ 0/,
    },
    {
      desc: 'max below initial',
      config: { ratingWindow: { initial: 10, growPerSecond: 1, max: 5 } },
      want: /max must be ≥ ratingWindow.initial/,
    },
    { desc: 'timeout 0', config: { timeoutMs: 0 }, want: /timeoutMs must be a whole number of ms/ },
    { desc: 'no room type', config: { roomType: '' }, want: /roomType must be a non-empty string/ },
    { desc: 'room params as an array', config: { roomParams: [] }, want: /roomParams must be a plain object/ },
    {
      desc: 'a reserved room param',
      config: { roomParams: { teams: 3 } },
      want: /roomParams.teams is set by the queue/,
    },
  ];

  it.each(cases)('refuses $desc', ({ name, config, want }) => {
    const attempt = () => resolveQueueConfig(name ?? 'q', { ...VALID, ...config } as QueueConfig);
    expect(attempt).toThrow(InvalidMatchConfigError);
    expect(attempt).toThrow(want);
  });

  it('lists every problem at once', () => {
    const error = (() => {
      try {
        resolveQueueConfig('q', { ...VALID, teamSize: 0, timeoutMs: -1, roomType: '' });
      } catch (e) {
        return e as InvalidMatchConfigError;
      }
    })();
    expect(error?.details?.problems).toHaveLength(3);
  });
});

describe('registerQueue', () => {
  it('keeps queues per ActorSystem and refuses a second registration of a name', () => {
    const a = new ActorSystem();
    const b = new ActorSystem();
    registerQueue(a, 'duo', VALID);
    registerQueue(a, 'trio', { ...VALID, teamSize: 3 });
    expect(registeredQueues(a)).toEqual(['duo', 'trio']);
    expect(queueConfigOf(a, 'trio')?.matchPlayers).toBe(6);
    expect(queueConfigOf(b, 'duo')).toBeUndefined();
    expect(() => registerQueue(a, 'duo', VALID)).toThrow(/already registered/);
    expect(() => registerQueue(b, 'bad', { ...VALID, teamSize: -1 })).toThrow(InvalidMatchConfigError);
    expect(registeredQueues(b)).toEqual([]);
  });
});

describe('resolveMatchOptions', () => {
  it('fills defaults and refuses bad options', () => {
    expect(resolveMatchOptions().formIntervalMs).toBe(DEFAULT_FORM_INTERVAL_MS);
    expect(() => resolveMatchOptions({ formIntervalMs: 0 })).toThrow(/formIntervalMs/);
    expect(() => resolveMatchOptions({ roomOpenTimeoutMs: 1.5 })).toThrow(/roomOpenTimeoutMs/);
    expect(() => resolveMatchOptions({ roomRetryBaseMs: 1000, roomRetryMaxMs: 10 })).toThrow(
      /roomRetryMaxMs must be ≥ roomRetryBaseMs/,
    );
  });
});

describe('checkTicketRequest', () => {
  const config = resolveQueueConfig('duo', VALID);
  const cases: { desc: string; ticket: unknown; want: RegExp }[] = [
    { desc: 'no object', ticket: 'p1', want: /a ticket is/ },
    { desc: 'no players', ticket: { players: [], rating: 1 }, want: /players must be a non-empty array/ },
    { desc: 'a party larger than a team', ticket: { players: ['a', 'b', 'c'], rating: 1 }, want: /party of 3/ },
    { desc: 'a player twice', ticket: { players: ['a', 'a'], rating: 1 }, want: /listed twice/ },
    { desc: 'an empty player id', ticket: { players: [''], rating: 1 }, want: /player ids must be strings/ },
    { desc: 'an infinite rating', ticket: { players: ['a'], rating: Number.POSITIVE_INFINITY }, want: /rating/ },
  ];

  it.each(cases)('refuses $desc', ({ ticket, want }) => {
    expect(() => checkTicketRequest(ticket, config)).toThrow(InvalidTicketError);
    expect(() => checkTicketRequest(ticket, config)).toThrow(want);
  });

  it('copies a good ticket', () => {
    const players = ['a', 'b'];
    const checked = checkTicketRequest({ players, rating: 1200 }, config);
    expect(checked).toEqual({ players: ['a', 'b'], rating: 1200 });
    expect(checked.players).not.toBe(players);
  });

  it('recognises handed-over tickets', () => {
    expect(isQueueTicket({ ticketId: 't', players: ['a'], rating: 1, enqueuedAtMs: 5 })).toBe(true);
    expect(isQueueTicket({ ticketId: 't', players: [], rating: 1, enqueuedAtMs: 5 })).toBe(false);
    expect(isQueueTicket({ ticketId: 't', players: ['a'], rating: 1 })).toBe(false);
  });
});
