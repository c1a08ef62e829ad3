// The request table: ids, the in-flight limit, timeouts that keep their slot until answered, failing on close.
import { describe, expect, it } from '@jest/globals';
import { AskTimeoutError } from '../actor/errors.ts';
import { ClientQueueFullError, ConnectionLostError, NotConnectedError } from './errors.ts';
import { RequestTable } from './request-table.ts';

describe('RequestTable', () => {
  it('sends at most `limit` at a time, in call order, with fresh ids', async () => {
    const table = new RequestTable(10);
    const answers = ['a', 'b', 'c'].map((route) => table.add(route, [], 1_000));
    const first = table.takeSendable(2);
    expect(first.map((request) => [request.route, request.id])).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
    expect(table.takeSendable(2)).toEqual([]);
    table.settle(1, { ok: true, value: 'A' });
    expect(table.takeSendable(2).map((request) => [request.route, request.id])).toEqual([['c', 3]]);
    table.settle(2, { ok: false, error: new Error('B') });
    table.settle(3, { ok: true, value: 'C' });
    await expect(answers[0]).resolves.toBe('A');
    await expect(answers[1]).rejects.toThrow('B');
    await expect(answers[2]).resolves.toBe('C');
  });

  it('times out, but keeps the slot until the gate answers', async () => {
    const table = new RequestTable(10);
    const answer = table.add('slow', [], 10);
    const [request] = table.takeSendable(1);
    await expect(answer).rejects.toBeInstanceOf(AskTimeoutError);
    expect(table.inFlightCount).toBe(1);
    expect(table.settle(request!.id, { ok: true, value: 'late' })).toBe(true);
    expect(table.inFlightCount).toBe(0);
  });

  it('refuses more waiting requests than its capacity', async () => {
    const table = new RequestTable(1);
    const kept = table.add('a', [], 1_000);
    await expect(table.add('b', [], 1_000)).rejects.toBeInstanceOf(ClientQueueFullError);
    table.failAll(new NotConnectedError('closed'));
    await expect(kept).rejects.toBeInstanceOf(NotConnectedError);
  });

  it('fails in-flight requests when the connection drops, keeping waiting ones', async () => {
    const table = new RequestTable(10);
    const sent = table.add('a', [], 1_000);
    table.takeSendable(1);
    const waiting = table.add('b', [], 1_000);
    table.failInFlight(new ConnectionLostError('dropped'));
    await expect(sent).rejects.toBeInstanceOf(ConnectionLostError);
    expect(table.waitingCount).toBe(1);
    table.failAll(new NotConnectedError('closed'));
    await expect(waiting).rejects.toBeInstanceOf(NotConnectedError);
  });
});
