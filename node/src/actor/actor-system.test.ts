// The ActorSystem end to end in one process: asks and tells, lifecycle, mailbox bounds, fairness, deadlines,
// typed errors, stop.
import { afterEach, describe, expect, it } from '@jest/globals';
import { GameclusterError } from '../errors/index.ts';
import { Actor } from './actor.ts';
import { ActorSystem } from './actor-system.ts';
import {
  ActivationFailedError,
  ActorHandlerError,
  ActorSystemStoppedError,
  AskTimeoutError,
  InvalidKindError,
  MailboxFullError,
  UnknownActorKindError,
} from './errors.ts';
import { lifecycleLog, Recorder, sleep } from './testing-actors.ts';

class Wallet extends Actor<{ gold: number }> {
  override state = { gold: 0 };
  grant(amount: number): number {
    this.state.gold += amount;
    return this.state.gold;
  }
  async spend(amount: number): Promise<number> {
    if (amount > this.state.gold) throw new InsufficientGoldError(`need ${amount}, have ${this.state.gold}`);
    await sleep(0);
    this.state.gold -= amount;
    return this.state.gold;
  }
  crash(): never {
    throw new TypeError('boom');
  }
  gold(): number {
    return this.state.gold;
  }
  async hang(): Promise<void> {
    await new Promise(() => {});
  }
}

class InsufficientGoldError extends GameclusterError {
  constructor(message: string) {
    super('GAME_ERR_INSUFFICIENT_GOLD', message);
  }
}

let system: ActorSystem;

afterEach(async () => {
  await system?.stop();
});

describe('asks and tells', () => {
  it('asks return the typed result and tells are one-way, in order', async () => {
    system = new ActorSystem();
    system.register(Wallet);
    const wallet = system.ref(Wallet, 'p1');
    wallet.tell.grant(5);
    wallet.tell.grant(7);
    await expect(wallet.spend(2)).resolves.toBe(10);
    await expect(wallet.gold()).resolves.toBe(10);
    expect(wallet.kind).toBe('Wallet');
    expect(wallet.id).toBe('p1');
  });

  it.each([false, true])(
    'passes exactly the arguments given: none, one, several, defaults, rest (serialized: %s)',
    async (forceSerialization) => {
      const seen: unknown[] = [];
      class Echo extends Actor {
        pair(a: number, b = 5): number[] {
          return [a, b];
        }
        all(...xs: unknown[]): unknown[] {
          return xs;
        }
        note(x?: unknown): void {
          seen.push(x);
        }
      }
      system = new ActorSystem({ forceSerialization });
      system.register(Echo);
      const echo = system.ref(Echo, 'e');
      await expect(echo.pair(1)).resolves.toEqual([1, 5]);
      await expect(echo.pair(1, 2)).resolves.toEqual([1, 2]);
      await expect(echo.all()).resolves.toEqual([]);
      await expect(echo.all('x')).resolves.toEqual(['x']);
      await expect(echo.all('x', 2, { y: 3 })).resolves.toEqual(['x', 2, { y: 3 }]);
      echo.tell.note();
      echo.tell.note(undefined);
      echo.tell.note(0);
      echo.tell.all(1, 2);
      await echo.all();
      expect(seen).toEqual([undefined, undefined, 0]);
    },
  );

  it('numeric and bigint ids name the same actor as their string', async () => {
    system = new ActorSystem();
    system.register(Wallet);
    await system.ref(Wallet, 42).grant(1);
    await system.ref(Wallet, 42n).grant(1);
    await expect(system.ref(Wallet, '42').gold()).resolves.toBe(2);
    expect(system.activationCount(Wallet)).toBe(1);
  });

  it('handles thousands of concurrent actors, each seeing only its own messages', async () => {
    system = new ActorSystem();
    system.register(Wallet);
    const ids = Array.from({ length: 5000 }, (_, i) => `w${i}`);
    for (const id of ids) for (let k = 0; k < 4; k++) system.ref(Wallet, id).tell.grant(1);
    const totals = await Promise.all(ids.map((id) => system.ref(Wallet, id).spend(1)));
    expect(totals.every((t) => t === 3)).toBe(true);
    expect(system.activationCount()).toBe(5000);
  });

  it('rejects unknown kinds, bad options and reserved method names with clear errors', () => {
    system = new ActorSystem();
    class NotRegistered extends Actor {
      ping(): void {}
    }
    expect(() => system.ref(NotRegistered, 'x')).toThrow(UnknownActorKindError);
    expect(() => system.register(Wallet, { mailboxCapacity: 0 })).toThrow(/mailboxCapacity/);
    class Reserved extends Actor {
      tell(): void {}
    }
    expect(() => system.register(Reserved)).toThrow(InvalidKindError);
    expect(() => system.register(Wallet, { clientMethods: ['gold', 'nope' as 'gold'] })).toThrow(/nope/);
    system.register(Wallet);
    expect(() => system.register(Wallet)).toThrow(InvalidKindError);
  });
});

describe('errors', () => {
  it('a plain error reaches the caller as ActorHandlerError with a stable code, and the actor lives on', async () => {
    system = new ActorSystem();
    system.register(Wallet);
    const wallet = system.ref(Wallet, 'p1');
    const error = await wallet.crash().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ActorHandlerError);
    expect((error as ActorHandlerError).code).toBe('GC_ERR_HANDLER');
    expect((error as Error).message).toContain('Wallet.crash on p1 failed: boom');
    await expect(wallet.grant(3)).resolves.toBe(3);
  });

  it('a gamecluster error keeps its class and code', async () => {
    system = new ActorSystem();
    system.register(Wallet);
    const error = await system
      .ref(Wallet, 'p1')
      .spend(100)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InsufficientGoldError);
    expect((error as GameclusterError).code).toBe('GAME_ERR_INSUFFICIENT_GOLD');
  });

  it('a failing tell is reported, not thrown at the sender', async () => {
    const reported: string[] = [];
    system = new ActorSystem({ onError: (_error, where) => reported.push(where) });
    system.register(Wallet);
    system.ref(Wallet, 'p1').tell.crash();
    await system.ref(Wallet, 'p1').gold();
    expect(reported).toEqual(['Wallet.crash on p1']);
  });
});

describe('deadlines', () => {
  it('every ask has a deadline: the default, the kind, or per call', async () => {
    system = new ActorSystem({ askTimeoutMs: 60, stopTimeoutMs: 100 });
    system.register(Wallet, { askTimeoutMs: 80 });
    const wallet = system.ref(Wallet, 'p1');
    const started = performance.now();
    await expect(wallet.hang()).rejects.toBeInstanceOf(AskTimeoutError);
    expect(performance.now() - started).toBeGreaterThanOrEqual(75);
    const quick = performance.now();
    const error = await system
      .ref(Wallet, 'p2')
      .withTimeout(20)
      .hang()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AskTimeoutError);
    expect((error as AskTimeoutError).code).toBe('GC_ERR_ASK_TIMEOUT');
    expect(performance.now() - quick).toBeLessThan(75);
  });

  it('an ask that expired while queued is dropped, not handled late', async () => {
    system = new ActorSystem();
    system.register(Recorder);
    const recorder = system.ref(Recorder, 'r');
    const slow = recorder.slowRecord('slow', 80);
    const expired = recorder.withTimeout(20).record('late');
    await expect(expired).rejects.toBeInstanceOf(AskTimeoutError);
    await slow;
    await expect(recorder.seen()).resolves.toEqual(['slow']);
  });
});

describe('mailbox', () => {
  it('a full mailbox rejects asks and throws for tells with MailboxFullError', async () => {
    system = new ActorSystem();
    system.register(Recorder, { mailboxCapacity: 3 });
    const recorder = system.ref(Recorder, 'r');
    const first = recorder.slowRecord('busy', 30);
    await sleep(5);
    const queued = [recorder.record(1), recorder.record(2), recorder.record(3)];
    await expect(recorder.record(4)).rejects.toBeInstanceOf(MailboxFullError);
    expect(() => recorder.tell.record(5)).toThrow(MailboxFullError);
    await Promise.all([first, ...queued]);
    await expect(recorder.seen()).resolves.toEqual(['busy', 1, 2, 3]);
  });

  it('one message at a time: an async handler is never interleaved with the next message', async () => {
    system = new ActorSystem();
    system.register(Recorder);
    const recorder = system.ref(Recorder, 'r');
    await Promise.all([recorder.slowRecord('a', 20), recorder.record('b'), recorder.slowRecord('c', 5)]);
    await expect(recorder.seen()).resolves.toEqual(['a', 'b', 'c']);
  });

  it('a flooded actor yields: other actors and the event loop progress meanwhile', async () => {
    let handled = 0;
    class Busy extends Actor {
      work(): void {
        handled++;
      }
    }
    system = new ActorSystem({ turnBudget: 16, sliceMs: 2 });
    system.register(Busy, { mailboxCapacity: 200_000 });
    system.register(Wallet);
    const busy = system.ref(Busy, 'busy');
    for (let i = 0; i < 200_000; i++) busy.tell.work();
    let handledWhenOtherAnswered = -1;
    let handledAtImmediate = -1;
    setImmediate(() => {
      handledAtImmediate = handled;
    });
    const other = system
      .ref(Wallet, 'other')
      .grant(1)
      .then(() => {
        handledWhenOtherAnswered = handled;
      });
    await other;
    await system.ref(Busy, 'busy').withTimeout(30_000).work();
    expect(handled).toBe(200_001);
    expect(handledWhenOtherAnswered).toBeGreaterThanOrEqual(0);
    expect(handledWhenOtherAnswered).toBeLessThan(200_000);
    expect(handledAtImmediate).toBeGreaterThanOrEqual(0);
    expect(handledAtImmediate).toBeLessThan(200_000);
  });
});

describe('lifecycle', () => {
  it('activates before the first message and deactivates after the idle timeout', async () => {
    lifecycleLog.length = 0;
    system = new ActorSystem();
    system.register(Recorder, { idleTimeoutMs: 60 });
    await system.ref(Recorder, 'a').record(1);
    expect(lifecycleLog).toEqual(['activate a', 'record a 1']);
    await sleep(40);
    expect(system.activationCount()).toBe(1);
    await sleep(90);
    expect(lifecycleLog).toEqual(['activate a', 'record a 1', 'deactivate a']);
    expect(system.activationCount()).toBe(0);
    await system.ref(Recorder, 'a').record(2);
    expect(lifecycleLog.slice(3)).toEqual(['activate a', 'record a 2']);
  });

  it('a message that races with deactivation is not lost: it activates the actor again', async () => {
    lifecycleLog.length = 0;
    system = new ActorSystem();
    system.register(Recorder, { idleTimeoutMs: 0 });
    class Leaver extends Actor {
      leave(): void {
        this.ctx.deactivate();
      }
    }
    system.register(Leaver);
    const recorder = system.ref(Recorder, 'r');
    await recorder.record(1);
    // Deactivate, and send while onDeactivate (async, 1 ms) is running.
    const activation = (system as unknown as { kind(n: string): { activations: Map<string, { deactivate(): void }> } })
      .kind('Recorder')!
      .activations.get('r')!;
    activation.deactivate();
    await sleep(0);
    const late = recorder.record(2);
    await expect(late).resolves.toBe(1);
    expect(lifecycleLog).toEqual(['activate r', 'record r 1', 'deactivate r', 'activate r', 'record r 2']);
    await system.ref(Leaver, 'x').leave();
    await sleep(5);
    expect(system.activationCount(Leaver)).toBe(0);
  });

  it('a failing onActivate fails the waiting messages and the next message retries', async () => {
    let attempts = 0;
    class Fragile extends Actor {
      override onActivate(): void {
        if (++attempts === 1) throw new Error('database down');
      }
      ping(): string {
        return 'pong';
      }
    }
    system = new ActorSystem();
    system.register(Fragile);
    const error = await system
      .ref(Fragile, 'f')
      .ping()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ActivationFailedError);
    expect((error as Error).message).toContain('database down');
    await expect(system.ref(Fragile, 'f').ping()).resolves.toBe('pong');
  });

  it('stop() lets queued work finish, deactivates every actor and refuses new messages', async () => {
    lifecycleLog.length = 0;
    system = new ActorSystem();
    system.register(Recorder);
    const pending = system.ref(Recorder, 'a').slowRecord('x', 20);
    system.ref(Recorder, 'b').tell.record('y');
    await system.stop();
    await expect(pending).resolves.toBe(1);
    expect(lifecycleLog.filter((l) => l.startsWith('deactivate')).sort()).toEqual(['deactivate a', 'deactivate b']);
    expect(system.activationCount()).toBe(0);
    await expect(system.ref(Recorder, 'a').record(1)).rejects.toBeInstanceOf(ActorSystemStoppedError);
    expect(() => system.ref(Recorder, 'a').tell.record(1)).toThrow(ActorSystemStoppedError);
  });
});
