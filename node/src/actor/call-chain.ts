// Allocates call-chain ids: unique per process, and across processes with high probability (a random 21-bit
// prefix above a 32-bit counter, all within a double's exact range) so chains can travel in envelopes.
import { randomInt } from 'node:crypto';

export class CallChainIds {
  private readonly prefix: number;
  private counter: number;

  constructor(prefix: number = randomInt(1, 2 ** 21)) {
    this.prefix = prefix * 2 ** 32;
    this.counter = 0;
  }

  next(): number {
    this.counter = this.counter >= 0xffff_ffff ? 1 : this.counter + 1;
    return this.prefix + this.counter;
  }
}
