import { Actor, ActorSystem } from './src/actor/index.ts';

let handled = 0;
let target = 0;
let done = () => {};
class Counter extends Actor {
  total = 0;
  add(x: number) {
    this.total += x;
    if (++handled === target) done();
  }
}
const sys = new ActorSystem();
sys.register(Counter, { idleTimeoutMs: 0 });
const refs = Array.from({ length: 1000 }, (_, i) => sys.ref(Counter, `c${i}`));
for (let r = 0; r < 8; r++) {
  const t = performance.now();
  let enq = 0;
  for (let s = 0; s < 1_000_000; s += 10000) {
    handled = 0;
    target = 10000;
    const p = new Promise<void>((res) => {
      done = res;
    });
    const t1 = performance.now();
    for (let i = 0; i < 10000; i++) refs[i % 1000]!.tell.add(1);
    enq += performance.now() - t1;
    await p;
  }
  console.log(
    'rate',
    (((1e6 / (performance.now() - t)) * 1000) / 1e6).toFixed(2),
    'M/s; enqueue ns/msg',
    ((enq / 1e6) * 1e6).toFixed(0),
  );
}
await sys.stop();
