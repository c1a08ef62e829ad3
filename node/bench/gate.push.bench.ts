// gate.push: one event pushed to 5,000 connected clients, deliveries/s = 5,000 / (time from the push call until
// every client received the PUSH frame). The gate process's Broadcaster actor calls ctx.clients(ids).push (one tell
// per player's Session, each numbering and encoding its own frame); the clients sit in 2 client processes that
// report over IPC when all of theirs have the push. Baseline, same run and clients: a bare `ws` server process
// sending one pre-encoded PUSH frame to its 5,000 sockets. Rounds alternate; best of each.

import { type GateServerConfig, PING_EVERY_MS, type ServerInfo } from './gate/bench-gate-wire.ts';
import { ClientFleets } from './gate/client-fleets.ts';
import { GATE_SERVER_PROGRAM, RAW_SERVER_PROGRAM } from './gate/server-paths.ts';
import { BenchChild } from './harness/bench-child.ts';
import { benchOptionsFromArgv } from './harness/options.ts';
import { emitFigure, log } from './harness/report.ts';

const options = benchOptionsFromArgv();
const CLIENTS = 5_000;
const CLIENT_PROCESSES = 2;
const warmRounds = 3;
const rounds = options.quick ? 20 : 50;
/** Between rounds: the ACKs go out and are handled, untimed. */
const PAUSE_MS = 100;
const HOST = '127.0.0.1';
/** A typical small game event (about 60 bytes of msgpack). */
const DATA = { tick: 1, zone: 'forest-3', x: 1024.5, y: -77.25, hp: 930, text: 'boss spawned' };

interface Side {
  readonly name: string;
  readonly server: BenchChild<ServerInfo>;
  readonly fleets: ClientFleets;
  pushed: number;
  readonly roundsMs: number[];
  /** Server CPU ms from just before the push call until every client had it, per timed round. */
  readonly cpuMs: number[];
}

async function startSide(name: string, program: string, config: unknown, firstAddress: number): Promise<Side> {
  const server = await BenchChild.start<ServerInfo>(name, program, config);
  try {
    const { fleets, connectSeconds } = await ClientFleets.connect({
      url: server.info.url,
      processes: CLIENT_PROCESSES,
      connectionsPerProcess: CLIENTS / CLIENT_PROCESSES,
      addressesPerProcess: 1,
      firstAddress,
      pingEveryMs: PING_EVERY_MS,
      concurrency: 64,
    });
    log(`${name}: ${fleets.connections} clients connected in ${connectSeconds.toFixed(1)} s`);
    return { name, server, fleets, pushed: 0, roundsMs: [], cpuMs: [] };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/** One push to every client; records the ms until the last one had it and the server's CPU ms meanwhile. */
async function pushRound(side: Side, timed: boolean): Promise<void> {
  side.pushed++;
  const delivered = side.fleets.awaitPushes(side.pushed);
  const cpuBefore = await side.server.call<number>('cpu');
  const start = performance.now();
  await side.server.call('push', { count: CLIENTS, data: DATA });
  await delivered;
  const ms = performance.now() - start;
  const cpuAfter = await side.server.call<number>('cpu');
  if (timed) {
    side.roundsMs.push(ms);
    side.cpuMs.push((cpuAfter - cpuBefore) * 1000);
  }
  await side.fleets.ack();
  await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
}

const gateConfig: GateServerConfig = { host: HOST, maxConnections: 30_000, attemptsPerIpPerMinute: 1_000_000 };
const sides: Side[] = [];
try {
  sides.push(await startSide('gate process', GATE_SERVER_PROGRAM, gateConfig, 100));
  sides.push(await startSide('raw ws process', RAW_SERVER_PROGRAM, { host: HOST }, 110));
  const [gate, raw] = sides as [Side, Side];
  for (let r = 0; r < warmRounds + rounds; r++) {
    await pushRound(gate, r >= warmRounds);
    await pushRound(raw, r >= warmRounds);
  }
  for (const side of sides) {
    const stats = await side.fleets.stats();
    if (stats.open !== CLIENTS || stats.errors > 0 || stats.pushes !== CLIENTS * side.pushed) {
      throw new Error(`${side.name}: ${JSON.stringify(stats)} after ${side.pushed} pushes`);
    }
    const sorted = [...side.roundsMs].sort((a, b) => a - b);
    log(
      `${side.name}: round ms min ${sorted[0]!.toFixed(1)}, median ${median(sorted).toFixed(1)}, ` +
        `max ${sorted.at(-1)!.toFixed(1)}; server cpu ms per push ${mean(side.cpuMs).toFixed(1)}`,
    );
  }
  emitFigure({
    bench: 'gate.push',
    value: CLIENTS / (Math.min(...gate.roundsMs) / 1000),
    unit: 'deliveries/s',
    baseline: 'bare ws server process sending one pre-encoded PUSH frame to as many sockets, same clients',
    baselineValue: CLIENTS / (Math.min(...raw.roundsMs) / 1000),
    better: 'higher',
    clients: CLIENTS,
    clientProcesses: CLIENT_PROCESSES,
    rounds,
    bestRoundMs: round3(Math.min(...gate.roundsMs)),
    medianRoundMs: round3(median([...gate.roundsMs].sort((a, b) => a - b))),
    baselineBestRoundMs: round3(Math.min(...raw.roundsMs)),
    baselineMedianRoundMs: round3(median([...raw.roundsMs].sort((a, b) => a - b))),
    serverCpuMsPerPush: round3(mean(gate.cpuMs)),
    baselineServerCpuMsPerPush: round3(mean(raw.cpuMs)),
  });
} finally {
  for (const side of sides) {
    await side.fleets.stop();
    await side.server.stop();
  }
}
process.exit(0);

function median(sorted: readonly number[]): number {
  return sorted[Math.floor(sorted.length / 2)]!;
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

function round3(x: number): number {
  return Number(x.toFixed(3));
}
