// The ring-buffer mailbox: FIFO across growth and wrap-around.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { Mailbox } from './mailbox.ts';

describe('Mailbox', () => {
  it('is FIFO for any interleaving of pushes and shifts', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constant('shift' as const), fc.integer())), (ops) => {
        const mailbox = new Mailbox<number>();
        const model: number[] = [];
        for (const op of ops) {
          if (op === 'shift') expect(mailbox.shift()).toBe(model.shift());
          else {
            mailbox.push(op);
            model.push(op);
          }
          expect(mailbox.length).toBe(model.length);
          expect(mailbox.peek()).toBe(model[0]);
        }
        expect(mailbox.drain()).toEqual(model);
        expect(mailbox.length).toBe(0);
      }),
    );
  });
});
