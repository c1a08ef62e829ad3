// zone.tick: how long one tick of a Scene with 1,000 players walking at 20 Hz takes, p99 over the measured ticks
// (bar: ≤ 10 ms). Measured inside the real Scene actor around its whole tick: applying the tick's 1,000 queued
// moves (speed-checked), the rules' onTick, the area-of-interest diff of every player and building its delta, and
// handing each delta to ctx.clients().push. The push path ends in a counting ClientPushService, not the gate's
// Sessions: encoding and sending frames is the gate's work (gate.push measures it). The moves arrive as tells
// through the Scene's mailbox between ticks, as a gate delivers them; their handling is not inside the tick.
// Baseline: the tick period (50 ms), so the ratio is the share of the period the p99 tick uses.
import type { ClientPushService } from '../src/actor/actor-context.ts';
import type { SceneDelta } from '../src/roles/zone/index.ts';
import { benchOptionsFromArgv, collectGarbage } from './harness/options.ts';
import { emitFigure, log } from './harness/report.ts';
import { BENCH_COINS, BENCH_MAP, BENCH_PLAYERS, BENCH_TICK_HZ, sleep, startBenchScene } from './zone/bench-scene.ts';

const options = benchOptionsFromArgv();
const warmUpMs = options.quick ? 2_000 : 4_000;
const measureMs = options.quick ? 8_000 : 40_000;
const BAR_MS = 10;

/** Counts what the Scene hands to the push path, reading only the delta's list lengths. */
class CountingPushes implements ClientPushService {
  pushes = 0;
  entries = 0;

  push(playerIds: readonly string[], event: string, data: unknown): void {
    this.pushes += playerIds.length;
    if (event === 'scene.delta') {
      const delta = data as SceneDelta;
      this.entries += delta.enter.length + delta.move.length + delta.leave.length;
    }
  }
}

const sink = new CountingPushes();
const bench = await startBenchScene(sink);
const stopWalking = bench.walk();
log(`zone.tick: ${BENCH_PLAYERS} players and ${BENCH_COINS} coins joined; warming up ${warmUpMs} ms`);
await sleep(warmUpMs);
collectGarbage();
const startTick = (await bench.scene.stats(true)).tick;
const pushesBefore = sink.pushes;
const entriesBefore = sink.entries;
await sleep(measureMs);
const stats = await bench.scene.stats();
stopWalking();
const ticks = stats.tick - startTick;
await bench.stop();

if (stats.players !== BENCH_PLAYERS || ticks < (measureMs / 1000) * BENCH_TICK_HZ * 0.8) {
  throw new Error(`zone.tick: ${stats.players} players, ${ticks} ticks in ${measureMs} ms: the scene did not keep up`);
}
log(
  `zone.tick: ${ticks} ticks, p50 ${stats.tickMsP50.toFixed(3)} ms, p99 ${stats.tickMsP99.toFixed(3)} ms, ` +
    `max ${stats.tickMsMax.toFixed(3)} ms, ${stats.overruns} overruns`,
);
emitFigure({
  bench: 'zone.tick',
  value: stats.tickMsP99,
  unit: 'ms (tick p99)',
  baseline: `the tick period at ${BENCH_TICK_HZ} Hz`,
  baselineValue: 1000 / BENCH_TICK_HZ,
  better: 'lower',
  barMs: BAR_MS,
  barMet: stats.tickMsP99 <= BAR_MS,
  players: BENCH_PLAYERS,
  coins: BENCH_COINS,
  map: `${BENCH_MAP.width}x${BENCH_MAP.height}, cell ${BENCH_MAP.cellSize}, viewCells ${BENCH_MAP.viewCells}`,
  tickHz: BENCH_TICK_HZ,
  ticks: stats.ticksMeasured,
  p50Ms: stats.tickMsP50,
  maxMs: stats.tickMsMax,
  overruns: stats.overruns,
  deltasPerTick: Math.round((sink.pushes - pushesBefore) / ticks),
  entriesPerTick: Math.round((sink.entries - entriesBefore) / ticks),
  measured: 'Scene tick: moves + onTick + AOI diff + deltas built + ctx.clients().push',
  pushSink: 'counting ClientPushService (no Session encode/send)',
});
