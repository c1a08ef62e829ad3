// actor.tell: one-way messages/s to 1000 actors against the naive baseline (per-actor array queue drained by an
// async loop, one await per message) running the same handler body in the same process. The handler is a plain
// method (most game messages are synchronous state updates: the runtime then needs no microtask per message,
// the naive loop still awaits each). actor.tell.async.bench.ts measures `async` handlers, in its own process.
import { Actor, ActorSystem } from '../src/actor/index.ts';
import { NaiveActor } from './harness/naive-actor.ts';
import { benchOptionsFromArgv } from './harness/options.ts';
import {
  countHandled,
  naiveTellRound,
  reportTellComparison,
  runtimeTellRound,
  TELL_ACTORS,
} from './harness/tell-round.ts';

const options = benchOptionsFromArgv();
const messagesPerRound = options.quick ? 1_000_000 : 4_000_000;
const rounds = options.quick ? 5 : 10;

class Counter extends Actor {
  total = 0;
  add(amount: number): void {
    this.total += amount;
    countHandled();
  }
}

class PlainCounter {
  total = 0;
  add(amount: number): void {
    this.total += amount;
    countHandled();
  }
}

const system = new ActorSystem();
system.register(Counter, { idleTimeoutMs: 0 });
const refs = Array.from({ length: TELL_ACTORS }, (_, i) => system.ref(Counter, `c${i}`));
const naive = Array.from({ length: TELL_ACTORS }, () => new NaiveActor(new PlainCounter()));
const runtimeRound = () => runtimeTellRound(messagesPerRound, (i) => refs[i % TELL_ACTORS]!.tell.add(1));
const naiveRound = () => naiveTellRound(messagesPerRound, (i) => naive[i % TELL_ACTORS]!.tell('add', 1));

await reportTellComparison('actor.tell', 'plain method', rounds, runtimeRound, naiveRound);
await system.stop();
