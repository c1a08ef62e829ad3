// Actor timers fire as messages into the actor's own mailbox: never concurrently with a handler, repeating
// without piling up, cancelled on deactivation.
import { afterEach, describe, expect, it } from '@jest/globals';
import { Actor } from './actor.ts';
import type { ActorTimer } from './actor-context.ts';
import { ActorSystem } from './actor-system.ts';
import { sleep } from './testing-actors.ts';

const events: string[] = [];

class Ticker extends Actor {
  ticks = 0;
  timer: ActorTimer | undefined;
  start(repeatMs: number): void {
    this.timer = this.ctx.setTimer(
      repeatMs,
      () => {
        this.ticks++;
        events.push('tick');
      },
      { repeatMs },
    );
  }
  once(delayMs: number): void {
    this.ctx.setTimer(delayMs, () => {
      events.push('once');
    });
  }
  async busy(ms: number): Promise<void> {
    events.push('busy start');
    await sleep(ms);
    events.push('busy end');
  }
  stop(): number {
    this.timer?.cancel();
    return this.ticks;
  }
  count(): number {
    return this.ticks;
  }
  leave(): void {
    this.ctx.deactivate();
  }
}

let system: ActorSystem;
afterEach(async () => {
  await system?.stop();
});

describe('actor timers', () => {
  it('a timer fires as a turn: never inside a running handler', async () => {
    events.length = 0;
    system = new ActorSystem();
    system.register(Ticker);
    const ticker = system.ref(Ticker, 't');
    await ticker.once(10);
    await ticker.busy(60); // the timer comes due while the handler awaits
    await sleep(20);
    expect(events).toEqual(['busy start', 'busy end', 'once']);
  });

  it('repeats until cancelled, and a busy actor skips ticks instead of queueing a burst', async () => {
    events.length = 0;
    system = new ActorSystem();
    system.register(Ticker);
    const ticker = system.ref(Ticker, 't');
    await ticker.start(20);
    await sleep(110);
    const ticks = await ticker.count();
    expect(ticks).toBeGreaterThanOrEqual(3);
    expect(ticks).toBeLessThanOrEqual(6);
    await ticker.busy(100);
    const afterBusy = await ticker.count();
    expect(afterBusy - ticks).toBeLessThanOrEqual(3); // at most one queued firing plus the ones around the edges
    const stopped = await ticker.stop();
    await sleep(60);
    expect(await ticker.count()).toBe(stopped);
  });

  it('timers are cancelled when the actor deactivates', async () => {
    events.length = 0;
    system = new ActorSystem();
    system.register(Ticker);
    const ticker = system.ref(Ticker, 't');
    await ticker.start(10);
    await ticker.leave();
    await sleep(5);
    expect(system.activationCount()).toBe(0);
    const ticksAtLeave = events.length;
    await sleep(50);
    expect(events.length).toBe(ticksAtLeave);
    expect(system.activationCount()).toBe(0); // no timer woke the actor up again
  });
});
