import { Actor, ActorSystem } from './src/actor/index.ts';
import { countHandled, runtimeTellRound, TELL_ACTORS } from './bench/harness/tell-round.ts';
class Counter extends Actor { total = 0; add(amount: number): void { this.total += amount; countHandled(); } }
const system = new ActorSystem();
system.register(Counter, { idleTimeoutMs: 0 });
const refs = Array.from({ length: TELL_ACTORS }, (_, i) => system.ref(Counter, `c${i}`));
for (let r = 0; r < 8; r++) console.log((await runtimeTellRound(1_000_000, (i) => refs[i % TELL_ACTORS]!.tell.add(1)) / 1e6).toFixed(2));
await system.stop();
