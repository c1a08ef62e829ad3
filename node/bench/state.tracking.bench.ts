// state.tracking: tells/s to 1000 actors whose handler makes a small realistic update of `this.state` (reads two
// fields, then gold += n, stats.moves++, position.x = n) with the state a tracked document, against the same
// actor with a plain-object state, in the same run. Extra: the cost of one read and one write (ns/op) through a
// tracked object and a tracked array against plain ones, and the floor of any Proxy (forwarding traps only),
// which is why plain objects are tracked by compiled accessors rather than by a Proxy.
import { Actor, ActorSystem } from '../src/actor/index.ts';
import { type TrackedDocument, trackDocument } from '../src/state/tracking/index.ts';
import { benchOptionsFromArgv, collectGarbage } from './harness/options.ts';
import { emitFigure, log } from './harness/report.ts';
import { countHandled, naiveTellRound, runtimeTellRound, TELL_ACTORS, TELL_BATCH } from './harness/tell-round.ts';

const options = benchOptionsFromArgv();
const messagesPerRound = options.quick ? 1_000_000 : 4_000_000;
const rounds = options.quick ? 5 : 10;
const opsPerSample = options.quick ? 2_000_000 : 10_000_000;

interface PlayerState {
  name: string;
  level: number;
  gold: number;
  stats: { moves: number; wins: number };
  position: { x: number; y: number };
  inventory: number[];
}

function newPlayerState(): PlayerState {
  return { name: 'ana', level: 3, gold: 0, stats: { moves: 0, wins: 0 }, position: { x: 0, y: 0 }, inventory: [1, 2] };
}

class TrackedPlayer extends Actor<PlayerState> {
  readonly document: TrackedDocument<PlayerState> = trackDocument(newPlayerState());
  override state = this.document.root;

  move(n: number): void {
    if (this.state.level > 0 && this.state.name !== '') {
      this.state.gold += n;
      this.state.stats.moves++;
      this.state.position.x = n;
    }
    countHandled();
  }

  /** Writes the document recorded (the check that tracking really happened). */
  writes(): number {
    return this.document.revision;
  }
}

class PlainPlayer extends Actor<PlayerState> {
  override state = newPlayerState();

  move(n: number): void {
    if (this.state.level > 0 && this.state.name !== '') {
      this.state.gold += n;
      this.state.stats.moves++;
      this.state.position.x = n;
    }
    countHandled();
  }
}

// --- handler throughput through the ActorSystem ---

const system = new ActorSystem();
system.register(TrackedPlayer, { idleTimeoutMs: 0 });
system.register(PlainPlayer, { idleTimeoutMs: 0 });
const tracked = Array.from({ length: TELL_ACTORS }, (_, i) => system.ref(TrackedPlayer, `t${i}`));
const plain = Array.from({ length: TELL_ACTORS }, (_, i) => system.ref(PlainPlayer, `p${i}`));
const trackedRound = () => runtimeTellRound(messagesPerRound, (i) => tracked[i % TELL_ACTORS]!.tell.move(i));
const plainRound = () => naiveTellRound(messagesPerRound, (i) => plain[i % TELL_ACTORS]!.tell.move(i));

await trackedRound();
await plainRound();
let value = 0;
let baselineValue = 0;
for (let i = 0; i < rounds; i++) {
  value = Math.max(value, await trackedRound());
  baselineValue = Math.max(baselineValue, await plainRound());
}
// The tracked side really tracked: three recorded writes per message.
const handled = (rounds + 1) * messagesPerRound;
const writes = (await Promise.all(tracked.map((ref) => ref.writes()))).reduce((a, b) => a + b, 0);
if (writes !== 3 * handled) throw new Error(`tracked actors recorded ${writes} writes for ${handled} messages`);
await system.stop();

// --- one read, one write: tracked vs plain (one copy of each loop per side keeps its call sites monomorphic) ---

const SLOTS = 1024; // distinct objects, so the loop cannot keep one in a register
const trackedDocs = Array.from({ length: SLOTS }, () => trackDocument(newPlayerState()));
const trackedObjects = trackedDocs.map((doc) => doc.root);
const plainObjects = Array.from({ length: SLOTS }, newPlayerState);
// The cheapest traps that still run JS: what any Proxy-per-object design pays before it tracks anything.
const forwarding: ProxyHandler<PlayerState> = {
  get: (target, key) => target[key as keyof PlayerState],
  set: (target, key, value) => {
    (target as unknown as Record<string | symbol, unknown>)[key] = value;
    return true;
  },
};
const proxyObjects = Array.from({ length: SLOTS }, () => new Proxy(newPlayerState(), forwarding));

type Loop = (objects: PlayerState[], ops: number) => number;
// Written out per side on purpose: a shared loop taking a callback would measure the call, not the access.
const MASK = SLOTS - 1;
function readTracked(o: PlayerState[], ops: number): number {
  let total = 0;
  for (let i = 0; i < ops; i++) total += o[i & MASK]!.gold;
  return total;
}
function readPlain(o: PlayerState[], ops: number): number {
  let total = 0;
  for (let i = 0; i < ops; i++) total += o[i & MASK]!.gold;
  return total;
}
function readProxy(o: PlayerState[], ops: number): number {
  let total = 0;
  for (let i = 0; i < ops; i++) total += o[i & MASK]!.gold;
  return total;
}
function writeTracked(o: PlayerState[], ops: number): number {
  for (let i = 0; i < ops; i++) o[i & MASK]!.gold = i;
  return ops;
}
function writePlain(o: PlayerState[], ops: number): number {
  for (let i = 0; i < ops; i++) o[i & MASK]!.gold = i;
  return ops;
}
function writeProxy(o: PlayerState[], ops: number): number {
  for (let i = 0; i < ops; i++) o[i & MASK]!.gold = i;
  return ops;
}
function readTrackedArray(o: PlayerState[], ops: number): number {
  let total = 0;
  for (let i = 0; i < ops; i++) total += o[i & MASK]!.inventory[i & 1]!;
  return total;
}
function readPlainArray(o: PlayerState[], ops: number): number {
  let total = 0;
  for (let i = 0; i < ops; i++) total += o[i & MASK]!.inventory[i & 1]!;
  return total;
}
function writeTrackedArray(o: PlayerState[], ops: number): number {
  for (let i = 0; i < ops; i++) o[i & MASK]!.inventory[i & 1] = i;
  return ops;
}
function writePlainArray(o: PlayerState[], ops: number): number {
  for (let i = 0; i < ops; i++) o[i & MASK]!.inventory[i & 1] = i;
  return ops;
}

let sink = 0; // the loops' results go somewhere observable, so no read can be optimised away

/** Best ns per op over 5 samples, after a warm-up. The array loops also pay the read of `inventory`. */
function nsPerOp(loop: Loop, objects: PlayerState[]): number {
  sink += loop(objects, opsPerSample / 4);
  let best = Number.POSITIVE_INFINITY;
  for (let sample = 0; sample < 5; sample++) {
    collectGarbage();
    const start = performance.now();
    sink += loop(objects, opsPerSample);
    best = Math.min(best, ((performance.now() - start) * 1e6) / opsPerSample);
  }
  return best;
}

const costs = {
  objectReadNs: nsPerOp(readTracked, trackedObjects),
  objectReadNsPlain: nsPerOp(readPlain, plainObjects),
  objectWriteNs: nsPerOp(writeTracked, trackedObjects),
  objectWriteNsPlain: nsPerOp(writePlain, plainObjects),
  arrayReadNs: nsPerOp(readTrackedArray, trackedObjects),
  arrayReadNsPlain: nsPerOp(readPlainArray, plainObjects),
  arrayWriteNs: nsPerOp(writeTrackedArray, trackedObjects),
  arrayWriteNsPlain: nsPerOp(writePlainArray, plainObjects),
  proxyFloorReadNs: nsPerOp(readProxy, proxyObjects),
  proxyFloorWriteNs: nsPerOp(writeProxy, proxyObjects),
};

log(`state.tracking: ${TELL_ACTORS} actors, ${TELL_BATCH} messages in flight, ${handled} per side, best of ${rounds}`);
log(`state.tracking: read/write loops checksum ${sink}`);
emitFigure({
  bench: 'state.tracking',
  value,
  unit: 'msgs/s',
  baseline: 'same actor and handler with a plain-object state',
  baselineValue,
  better: 'higher',
  handler: 'reads level and name; gold += n; stats.moves++; position.x = n',
  actors: TELL_ACTORS,
  inFlight: TELL_BATCH,
  ...Object.fromEntries(Object.entries(costs).map(([name, ns]) => [name, Number(ns.toFixed(2))])),
});
