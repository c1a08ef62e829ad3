// Tests of the delivery queue: later, in order, never re-entrant, and resilient to a task that throws.
import { DeliveryQueue } from './delivery-queue.ts';

describe('DeliveryQueue', () => {
  it('runs tasks later, in the order they were queued, including tasks queued by tasks', async () => {
    const queue = new DeliveryQueue();
    const ran: string[] = [];
    queue.enqueue(() => {
      ran.push('a');
      queue.enqueue(() => ran.push('c'));
    });
    queue.enqueue(() => ran.push('b'));
    expect(ran).toEqual([]);
    await queue.settled();
    expect(ran).toEqual(['a', 'b', 'c']);
  });

  it('settles after the tasks queued before, not those queued after', async () => {
    const queue = new DeliveryQueue();
    const ran: string[] = [];
    queue.enqueue(() => ran.push('before'));
    const settled = queue.settled().then(() => [...ran]);
    queue.enqueue(() => ran.push('after'));
    expect(await settled).toEqual(['before', 'after']);
    // 'after' ran in the same drain, before the settled continuation; the snapshot shows both.
  });

  it('reports a task that throws and runs the rest', async () => {
    const warnings: unknown[] = [];
    const emitWarning = process.emitWarning;
    process.emitWarning = ((warning: unknown) => warnings.push(warning)) as typeof process.emitWarning;
    try {
      const queue = new DeliveryQueue();
      const ran: string[] = [];
      queue.enqueue(() => {
        throw new Error('boom');
      });
      queue.enqueue(() => ran.push('next'));
      await queue.settled();
      expect(ran).toEqual(['next']);
      expect(String(warnings[0])).toContain('boom');
    } finally {
      process.emitWarning = emitWarning;
    }
  });
});
