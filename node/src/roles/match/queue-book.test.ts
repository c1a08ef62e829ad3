// The queue's bookkeeping: a player in one ticket at a time (waiting or matched), cancel of whole parties, held
// matches released or put back at the front with their wait, and status.
import { describe, expect, it } from '@jest/globals';
import { AlreadyQueuedError } from './errors.ts';
import { QueueBook } from './queue-book.ts';
import type { QueueTicket } from './queue-ticket.ts';

const ticket = (ticketId: string, players: string[], enqueuedAtMs: number): QueueTicket => ({
  ticketId,
  players,
  rating: 1000,
  enqueuedAtMs,
});

describe('QueueBook', () => {
  it('refuses a player already waiting or matched, naming the players and their tickets', () => {
    const book = new QueueBook('duo');
    book.add(ticket('t1', ['a', 'b'], 0));
    expect(() => book.add(ticket('t2', ['c', 'b'], 0))).toThrow(AlreadyQueuedError);
    try {
      book.add(ticket('t2', ['c', 'b'], 0));
    } catch (error) {
      expect((error as AlreadyQueuedError).details).toEqual({ queue: 'duo', players: ['b'], ticketIds: ['t1'] });
    }
    book.hold('m1', [book.waitingTickets()[0]!]);
    expect(() => book.add(ticket('t3', ['a'], 0))).toThrow(AlreadyQueuedError);
    expect(book.cancel('a')).toBe('matched');
    book.release('m1');
    expect(() => book.add(ticket('t3', ['a'], 0))).not.toThrow();
  });

  it('cancels a whole party by any of its players', () => {
    const book = new QueueBook('duo');
    book.add(ticket('t1', ['a', 'b'], 0));
    expect(book.cancel('b')).toMatchObject({ ticketId: 't1', players: ['a', 'b'] });
    expect(book.status(10)).toEqual({ tickets: 0, players: 0, oldestWaitMs: 0 });
    expect(book.cancel('a')).toBeUndefined();
  });

  it('puts a failed match back at the front, oldest first, keeping each wait', () => {
    const book = new QueueBook('duo');
    book.add(ticket('late', ['x'], 300));
    book.add(ticket('t1', ['a'], 200));
    book.add(ticket('t2', ['b'], 100));
    const [, t1, t2] = book.waitingTickets();
    book.hold('m1', [t1!, t2!]);
    expect(book.waitingTickets().map((t) => t.ticketId)).toEqual(['late']);
    expect(book.restore('m1')).toEqual([t1, t2]);
    expect(book.waitingTickets().map((t) => t.ticketId)).toEqual(['t2', 't1', 'late']);
    expect(book.status(1_000)).toEqual({ tickets: 3, players: 3, oldestWaitMs: 900 });
    expect(book.restore('m1')).toBeUndefined();
  });

  it('drops timed-out tickets and hands every waiting ticket over', () => {
    const book = new QueueBook('duo');
    book.add(ticket('t1', ['a'], 0));
    book.add(ticket('t2', ['b', 'c'], 0));
    book.drop([book.waitingTickets()[0]!]);
    expect(book.hasAny(['a'])).toBe(false);
    expect(book.takeWaiting().map((t) => t.ticketId)).toEqual(['t2']);
    expect(book.hasAny(['b', 'c'])).toBe(false);
    expect(book.waitingCount).toBe(0);
  });
});
