// Call-chain reentrancy and deadlock detection: A -> B -> A completes; a wait-for cycle across two chains fails
// fast with DeadlockError instead of hanging until the deadline.
import { afterEach, describe, expect, it } from '@jest/globals';
import { Actor } from './actor.ts';
import { ActorSystem } from './actor-system.ts';
import { DeadlockError } from './errors.ts';
import { sleep } from './testing-actors.ts';
import { currentCallChain } from './turn-context.ts';

class Player extends Actor {
  chains: number[] = [];
  async buy(shopId: string): Promise<string> {
    this.chains.push(currentCallChain());
    return this.ctx.ref(Shop, shopId).sell(this.ctx.id);
  }
  async balance(): Promise<number> {
    this.chains.push(currentCallChain());
    return 100;
  }
  async pay(shopId: string): Promise<string> {
    await sleep(20);
    return this.ctx.ref(Shop, shopId).receipt();
  }
  seenChains(): number[] {
    return this.chains;
  }
}

class Shop extends Actor {
  async sell(playerId: string): Promise<string> {
    // Calls back into the Player that is waiting for this answer: the same chain, so it is admitted.
    const money = await this.ctx.ref(Player, playerId).balance();
    return `sold for ${money}`;
  }
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

describe.each([false, true])('reentrancy (forceSerialization: %s)', (forceSerialization) => {
  it('A -> B -> A completes, and the whole exchange carries one chain id', async () => {
    system = new ActorSystem({ forceSerialization, askTimeoutMs: 2000 });
    system.register(Player);
    system.register(Shop);
    await expect(system.ref(Player, 'p').buy('s')).resolves.toBe('sold for 100');
    const chains = await system.ref(Player, 'p').seenChains();
    expect(chains[0]).toBeGreaterThan(0); // the turn allocated a chain when it asked for it...
    expect(chains[1]).toBe(chains[0]); // ...and the call that came back through the Shop carried it
    expect(chains[2]).not.toBe(chains[0]); // a later outside call is a new chain
    expect(currentCallChain()).toBe(0); // outside any turn
  });

  it('deep ping-pong recursion across two actors completes', async () => {
    class Ping extends Actor {
      async ping(peer: string, depth: number): Promise<number> {
        if (depth === 0) return 0;
        return 1 + (await this.ctx.ref(Pong, peer).pong(this.ctx.id, depth - 1));
      }
    }
    class Pong extends Actor {
      async pong(peer: string, depth: number): Promise<number> {
        if (depth === 0) return 0;
        return 1 + (await this.ctx.ref(Ping, peer).ping(this.ctx.id, depth - 1));
      }
    }
    system = new ActorSystem({ forceSerialization, askTimeoutMs: 2000 });
    system.register(Ping);
    system.register(Pong);
    await expect(system.ref(Ping, 'a').ping('b', 50)).resolves.toBe(50);
  });
});

describe('deadlock detection', () => {
  it('a wait-for cycle across two chains fails with DeadlockError long before the deadline', async () => {
    system = new ActorSystem({ askTimeoutMs: 5000 });
    system.register(Player);
    system.register(Shop);
    const started = performance.now();
    // Chain 1: Player p waits 20 ms, then asks Shop s. Chain 2: Shop s waits 20 ms, then asks Player p.
    // Each actor is busy in its own chain waiting for the other: a cycle no deadline should have to break.
    const results = await Promise.allSettled([system.ref(Player, 'p').pay('s'), system.ref(Shop, 's').restock('p')]);
    const errors = results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason);
    expect(errors.length).toBeGreaterThanOrEqual(1);
    expect(errors[0]).toBeInstanceOf(DeadlockError);
    expect((errors[0] as DeadlockError).code).toBe('GC_ERR_DEADLOCK');
    expect((errors[0] as DeadlockError).message).toMatch(/Player\/p|Shop\/s/);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('an ask handed to a new activation (its target deactivated meanwhile) leaves no stale wait edge', async () => {
    class Slow extends Actor {
      override async onDeactivate(): Promise<void> {
        await sleep(10);
      }
      leave(): void {
        this.ctx.deactivate();
      }
      ping(): string {
        return 'pong';
      }
    }
    class Asker extends Actor {
      async askSlow(): Promise<string> {
        const slow = this.ctx.ref(Slow, 's');
        slow.tell.leave();
        await sleep(3); // Slow is now deactivating: the ask below is kept and handed to the next activation
        return slow.ping();
      }
    }
    system = new ActorSystem({ askTimeoutMs: 1000 });
    system.register(Slow);
    system.register(Asker);
    await expect(system.ref(Asker, 'a').askSlow()).resolves.toBe('pong');
    const asker = (system.kind('Asker')!.activations.get('a') as unknown as { waitingOn: unknown }) ?? {};
    expect(asker.waitingOn).toBeNull();
  });

  it('an actor asking itself within its turn is reentrant, not a deadlock', async () => {
    class Recursive extends Actor {
      async sum(n: number): Promise<number> {
        return n === 0 ? 0 : n + (await this.ctx.self(Recursive).sum(n - 1));
      }
    }
    system = new ActorSystem({ askTimeoutMs: 1000 });
    system.register(Recursive);
    await expect(system.ref(Recursive, 'r').sum(10)).resolves.toBe(55);
  });
});
