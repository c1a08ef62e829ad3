// Property: messages from one sender to one actor are handled in send order, whatever mix of tells, asks,
// sync and async handlers, and whatever the turn budget.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { Actor } from './actor.ts';
import { ActorSystem } from './actor-system.ts';

class Log extends Actor {
  seen: number[] = [];
  note(n: number): void {
    this.seen.push(n);
  }
  async noteLater(n: number, yields: number): Promise<void> {
    for (let i = 0; i < yields; i++) await Promise.resolve();
    this.seen.push(n);
  }
  all(): number[] {
    return this.seen;
  }
}

const step = fc.record({ ask: fc.boolean(), async: fc.boolean(), yields: fc.integer({ min: 0, max: 3 }) });

describe('message ordering', () => {
  it('one sender to one actor: handled in send order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 60 }), fc.integer({ min: 1, max: 8 }), async (steps, turnBudget) => {
        const system = new ActorSystem({ turnBudget });
        system.register(Log);
        const log = system.ref(Log, 'l');
        const asks: Promise<unknown>[] = [];
        steps.forEach((s, n) => {
          if (s.ask) asks.push(s.async ? log.noteLater(n, s.yields) : log.note(n));
          else if (s.async) log.tell.noteLater(n, s.yields);
          else log.tell.note(n);
        });
        await Promise.all(asks);
        const seen = await log.all();
        await system.stop();
        expect(seen).toEqual(steps.map((_, n) => n));
      }),
      { numRuns: 150 },
    );
  });
});
