// What the runtime counts per kind, on a real ActorSystem: activations and their removal, turn durations sampled
// one in TURN_SAMPLE_EVERY with weights that add up to the turns handled, a slow timed turn not lost to the turns
// that run meanwhile, a hung one recorded and replaced, and ask timeouts and deadlocks counted on the target kind.
import { afterEach, describe, expect, it } from '@jest/globals';
import { Actor } from './actor.ts';
import type { ActorKind } from './actor-kind.ts';
import { ActorSystem } from './actor-system.ts';
import { TURN_SAMPLE_EVERY } from './kind-stats.ts';
import { sleep } from './testing-actors.ts';

class Counter extends Actor {
  total = 0;
  add(amount: number): number {
    this.total += amount;
    return this.total;
  }
  async slowly(ms: number): Promise<void> {
    await sleep(ms);
  }
  hang(): Promise<void> {
    return new Promise(() => {});
  }
}

class Player extends Actor {
  async pay(shopId: string): Promise<string> {
    await sleep(20);
    return this.ctx.ref(Shop, shopId).receipt();
  }
}

class Shop extends Actor {
  async restock(playerId: string): Promise<string> {
    await sleep(20);
    return this.ctx.ref(Player, playerId).pay(this.ctx.id);
  }
  receipt(): string {
    return 'ok';
  }
}

let system: ActorSystem;
afterEach(async () => {
  await system?.stop();
});

function kindOf(name: string): ActorKind {
  return system.kind(name)!;
}

describe('KindStats', () => {
  it('counts activations created and removed', async () => {
    system = new ActorSystem();
    system.register(Counter, { idleTimeoutMs: 0 });
    await Promise.all(['a', 'b', 'c'].map((id) => system.ref(Counter, id).add(1)));
    const stats = kindOf('Counter').stats;
    expect({ activations: stats.activations, deactivations: stats.deactivations }).toEqual({
      activations: 3,
      deactivations: 0,
    });
    await system.localActivation(kindOf('Counter'), 'b')!.deactivateAndWait();
    await system.ref(Counter, 'b').add(1); // activates again
    expect({ activations: stats.activations, deactivations: stats.deactivations }).toEqual({
      activations: 4,
      deactivations: 1,
    });
  });

  it('times one turn in TURN_SAMPLE_EVERY, weighted so the count follows the turns handled', async () => {
    system = new ActorSystem();
    system.register(Counter, { idleTimeoutMs: 0 });
    const turns = 50 * TURN_SAMPLE_EVERY + 10;
    const refs = Array.from({ length: 10 }, (_, i) => system.ref(Counter, `c${i}`));
    for (let i = 0; i < turns - 1; i++) refs[i % 10]!.tell.add(1);
    await refs[0]!.add(0);
    const histogram = kindOf('Counter').stats.turnSeconds;
    expect(histogram.count).toBeLessThanOrEqual(turns);
    expect(histogram.count).toBeGreaterThan(turns - TURN_SAMPLE_EVERY);
    expect(histogram.sum).toBeGreaterThan(0);
    expect(histogram.sum / histogram.count).toBeLessThan(0.01);
  });

  it('keeps a slow timed turn while other turns of the kind run meanwhile', async () => {
    system = new ActorSystem();
    system.register(Counter, { idleTimeoutMs: 0 });
    const slow = system.ref(Counter, 'slow').slowly(60); // the kind's first turn: timed
    for (let i = 0; i < 5 * TURN_SAMPLE_EVERY; i++) await system.ref(Counter, `f${i % 7}`).add(1);
    await slow;
    const histogram = kindOf('Counter').stats.turnSeconds;
    const slowBucket = histogram.bounds.findIndex((bound) => bound >= 0.05);
    expect(histogram.count - histogram.cumulative()[slowBucket - 1]!).toBe(1); // the slow turn is in
    // The turns that ran meanwhile count with the next timed turn.
    for (let i = 0; i < TURN_SAMPLE_EVERY; i++) await system.ref(Counter, `f${i % 7}`).add(1);
    expect(histogram.count).toBeGreaterThan(5 * TURN_SAMPLE_EVERY);
    expect(histogram.count).toBeLessThanOrEqual(6 * TURN_SAMPLE_EVERY + 1);
  });

  it('records a timed turn that never ends as it stands, and samples again', async () => {
    system = new ActorSystem({ stopTimeoutMs: 50 });
    system.register(Counter, { idleTimeoutMs: 0 });
    system.ref(Counter, 'stuck').tell.hang(); // the kind's first turn: timed, never ends
    await sleep(5);
    const histogram = kindOf('Counter').stats.turnSeconds;
    for (let i = 0; i < TURN_SAMPLE_EVERY * TURN_SAMPLE_EVERY; i++) system.ref(Counter, `f${i % 7}`).tell.add(1);
    await system.ref(Counter, 'f0').add(0);
    expect(histogram.count).toBe(0); // still waiting for the stuck turn
    for (let i = 0; i < 3 * TURN_SAMPLE_EVERY; i++) system.ref(Counter, `f${i % 7}`).tell.add(1);
    await system.ref(Counter, 'f0').add(0);
    expect(histogram.count).toBeGreaterThan(TURN_SAMPLE_EVERY * TURN_SAMPLE_EVERY);
    expect(histogram.sum).toBeGreaterThanOrEqual(0.004); // the stuck turn, at the ~5 ms it had run
  });

  it('counts an ask that reached its deadline on the target kind', async () => {
    system = new ActorSystem();
    system.register(Counter, { idleTimeoutMs: 0 });
    const ref = system.ref(Counter, 'busy');
    const busy = ref.slowly(150);
    await expect(ref.withTimeout(30).add(1)).rejects.toMatchObject({ code: 'GC_ERR_ASK_TIMEOUT' });
    await busy;
    expect(kindOf('Counter').stats.askTimeouts).toBe(1);
    await ref.add(1);
    expect(kindOf('Counter').stats.askTimeouts).toBe(1);
  });

  it('counts an ask refused as a deadlock on the kind it was sent to', async () => {
    system = new ActorSystem({ askTimeoutMs: 5000 });
    system.register(Player);
    system.register(Shop);
    const results = await Promise.allSettled([system.ref(Player, 'p').pay('s'), system.ref(Shop, 's').restock('p')]);
    expect(results.some((result) => result.status === 'rejected')).toBe(true);
    expect(kindOf('Player').stats.deadlocks + kindOf('Shop').stats.deadlocks).toBe(1);
  });
});
