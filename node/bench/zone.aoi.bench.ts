// zone.aoi: bytes sent to clients per tick with the area of interest, against broadcasting every entity's position
// to every player, in the same run (bar: ratio ≤ 0.2). The scene is zone.tick's (1,000 players walking at 20 Hz,
// 500 coins, a 20 x 20 cell map, 3 x 3 cells in view). AOI side: every 'scene.delta' the Scene pushes, encoded as
// the PUSH frame a Session sends (the gate's codec, per-player sequence numbers). Broadcast side: in the same
// ticks, one PUSH per player of `{ s, t, move: [[id, x, y] for every entity] }`, encoded once per tick from the
// scene's real positions and counted once per player. Both count frame bytes, not WebSocket or TCP headers.
import type { ClientPushService } from '../src/actor/actor-context.ts';
import { encodeServerFrame } from '../src/gate/protocol/codec.ts';
import { FrameType } from '../src/gate/protocol/protocol-wire.ts';
import type { MoveTuple, SceneDelta, SceneHandle } from '../src/roles/zone/index.ts';
import { benchOptionsFromArgv } from './harness/options.ts';
import { emitFigure, log } from './harness/report.ts';
import { BENCH_COINS, BENCH_MAP, BENCH_PLAYERS, BENCH_TICK_HZ, sleep, startBenchScene } from './zone/bench-scene.ts';

const options = benchOptionsFromArgv();
const warmUpMs = options.quick ? 2_000 : 4_000;
const measureMs = options.quick ? 5_000 : 20_000;
const BAR_RATIO = 0.2;

let measuring = false;

/** Encodes every push as the PUSH frame its player's Session would send, and counts the bytes. */
class EncodingPushes implements ClientPushService {
  readonly seqs = new Map<string, number>();
  bytes = 0;
  pushes = 0;
  enters = 0;
  moves = 0;
  leaves = 0;

  push(playerIds: readonly string[], event: string, data: unknown): void {
    for (const playerId of playerIds) {
      const seq = (this.seqs.get(playerId) ?? 0) + 1;
      this.seqs.set(playerId, seq);
      const frame = encodeServerFrame({ type: FrameType.Push, seq, event, data });
      if (!measuring) continue;
      this.bytes += frame.length;
      this.pushes++;
      const delta = data as SceneDelta;
      this.enters += delta.enter.length;
      this.moves += delta.move.length;
      this.leaves += delta.leave.length;
    }
  }
}

/** Inside every tick, after the moves: what broadcasting all positions to all players would send. */
const broadcast = { ticks: 0, bytes: 0 };
function countBroadcast(scene: SceneHandle): void {
  if (!measuring) return;
  const move: MoveTuple[] = [];
  for (const entity of scene.entities()) move.push([entity.id, entity.x, entity.y]);
  const players = scene.players().length;
  // A typical sequence number: the frames differ between players only there.
  const frame = encodeServerFrame({
    type: FrameType.Push,
    seq: scene.tick,
    event: 'scene.delta',
    data: { s: scene.id, t: scene.tick, move },
  });
  broadcast.ticks++;
  broadcast.bytes += frame.length * players;
}

const sink = new EncodingPushes();
const bench = await startBenchScene(sink, countBroadcast);
const stopWalking = bench.walk();
log(`zone.aoi: ${BENCH_PLAYERS} players and ${BENCH_COINS} coins joined; warming up ${warmUpMs} ms`);
await sleep(warmUpMs);
measuring = true;
await sleep(measureMs);
measuring = false;
stopWalking();
await bench.stop();

const ticks = broadcast.ticks;
if (ticks < 10) throw new Error(`zone.aoi: only ${ticks} ticks measured`);
const value = sink.bytes / ticks;
const baselineValue = broadcast.bytes / ticks;
log(
  `zone.aoi: ${ticks} ticks; AOI ${Math.round(value)} B/tick in ${Math.round(sink.pushes / ticks)} pushes, ` +
    `broadcast ${Math.round(baselineValue)} B/tick`,
);
emitFigure({
  bench: 'zone.aoi',
  value,
  unit: 'bytes/tick',
  baseline: 'every player gets every entity position each tick (same run, same ticks)',
  baselineValue,
  better: 'lower',
  barRatio: BAR_RATIO,
  barMet: value / baselineValue <= BAR_RATIO,
  players: BENCH_PLAYERS,
  coins: BENCH_COINS,
  map: `${BENCH_MAP.width}x${BENCH_MAP.height}, cell ${BENCH_MAP.cellSize}, viewCells ${BENCH_MAP.viewCells}`,
  tickHz: BENCH_TICK_HZ,
  ticks,
  aoiPushesPerTick: Math.round(sink.pushes / ticks),
  aoiEntersPerTick: Math.round(sink.enters / ticks),
  aoiMovesPerTick: Math.round(sink.moves / ticks),
  aoiLeavesPerTick: Math.round(sink.leaves / ticks),
  aoiBytesPerPush: Math.round(sink.bytes / Math.max(1, sink.pushes)),
  encoding: 'gate PUSH frames (encodeServerFrame), no WebSocket/TCP headers',
});
