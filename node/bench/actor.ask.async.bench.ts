// actor.ask.async: like actor.ask with handlers declared `async` on both sides: the runtime's turn then also
// pays the handler's promise, its continuation and the activation's context frame. No bar; tracked.
import { Actor, ActorSystem } from '../src/actor/index.ts';
import { ASK_ACTORS, type Ask, compareAskRounds } from './harness/ask-round.ts';
import { NaiveActor } from './harness/naive-actor.ts';
import { benchOptionsFromArgv } from './harness/options.ts';
import { emitFigure, log } from './harness/report.ts';

const options = benchOptionsFromArgv();
const asksPerRound = options.quick ? 500_000 : 1_000_000;
const rounds = options.quick ? 5 : 8;

class AsyncDoubler extends Actor {
  async double(x: number): Promise<number> {
    return x * 2;
  }
}

class PlainAsyncDoubler {
  async double(x: number): Promise<number> {
    return x * 2;
  }
}

const system = new ActorSystem();
system.register(AsyncDoubler, { idleTimeoutMs: 0 });
const refs = Array.from({ length: ASK_ACTORS }, (_, i) => system.ref(AsyncDoubler, `d${i}`));
const naive = Array.from({ length: ASK_ACTORS }, () => new NaiveActor(new PlainAsyncDoubler()));
const runtimeAsk: Ask = (i, x) => refs[i]!.double(x);
const naiveAsk: Ask = (i, x) => naive[i]!.ask('double', x);

const { value, baselineValue } = await compareAskRounds(rounds, asksPerRound, runtimeAsk, naiveAsk);
log(`${asksPerRound} asks per round to ${ASK_ACTORS} actors, ${ASK_ACTORS} in flight, best of ${rounds}`);
emitFigure({
  bench: 'actor.ask.async',
  value,
  unit: 'asks/s',
  baseline: 'naive per-actor array queue, async loop with one await per message, one promise per ask, no deadline',
  baselineValue,
  better: 'higher',
  handler: 'async method',
  actors: ASK_ACTORS,
  inFlight: ASK_ACTORS,
});
await system.stop();
