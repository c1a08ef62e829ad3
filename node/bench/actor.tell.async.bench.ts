// actor.tell.async: like actor.tell, with handlers declared `async` on both sides: each message then costs a
// promise and a microtask in the runtime too, so this measures the rest of the path against the naive loop.
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
  async add(amount: number): Promise<void> {
    this.total += amount;
    countHandled();
  }
}

class PlainCounter {
  total = 0;
  async add(amount: number): Promise<void> {
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

await reportTellComparison('actor.tell.async', 'async method', rounds, runtimeRound, naiveRound);
await system.stop();
