// gate.echo: requests/s through the gate, client and gate in separate processes: REQUEST player.echo(x) -> gate
// process (a GameNode with the gate role) -> the player's actor -> RESPONSE, pipelined over several connections
// with a window of requests in flight each. Baseline, same run: a bare `ws` server in its own process echoing
// every message, driven by the same client code, connections, window and message sizes.

import { type GateServerConfig, playerIdOf, type ServerInfo } from './gate/bench-gate-wire.ts';
import { openBenchSockets } from './gate/bench-socket.ts';
import { EchoLoad, type EchoRound } from './gate/echo-load.ts';
import { cpuSeconds } from './gate/process-memory.ts';
import { GATE_SERVER_PROGRAM, RAW_SERVER_PROGRAM } from './gate/server-paths.ts';
import { BenchChild } from './harness/bench-child.ts';
import { benchOptionsFromArgv } from './harness/options.ts';
import { emitFigure, log } from './harness/report.ts';

const options = benchOptionsFromArgv();
const CONNECTIONS = 16;
const WINDOW = 64;
const PAYLOAD = 'x'.repeat(64);
const roundMs = options.quick ? 1_500 : 4_000;
const rounds = options.quick ? 3 : 5;
const HOST = '127.0.0.1';

const gateConfig: GateServerConfig = {
  host: HOST,
  // Far above what the load sends: the figure is the gate's throughput, not its rate limits.
  messagesPerSecond: 1_000_000,
  burst: 1_000_000,
  maxPendingRequests: WINDOW * 4,
  attemptsPerIpPerMinute: 1_000_000,
};
const gate = await BenchChild.start<ServerInfo>('gate process', GATE_SERVER_PROGRAM, gateConfig);
const raw = await BenchChild.start<ServerInfo>('raw ws process', RAW_SERVER_PROGRAM, { host: HOST });
const gateLoad = new EchoLoad(await openBenchSockets(gate.info.url, 0, CONNECTIONS, playerIdOf), WINDOW, PAYLOAD);
const rawLoad = new EchoLoad(await openBenchSockets(raw.info.url, 0, CONNECTIONS, playerIdOf), WINDOW, PAYLOAD);

interface Measured extends EchoRound {
  /** Cores the server process used during the round. */
  readonly serverCores: number;
  /** Cores this (client) process used during the round. */
  readonly clientCores: number;
}

async function measured(server: BenchChild<ServerInfo>, load: EchoLoad): Promise<Measured> {
  const cpuBefore = await server.call<number>('cpu');
  const clientBefore = cpuSeconds();
  const start = performance.now();
  const round = await load.round(roundMs);
  const seconds = (performance.now() - start) / 1000;
  const clientCores = (cpuSeconds() - clientBefore) / seconds;
  const cpuAfter = await server.call<number>('cpu');
  return { ...round, serverCores: (cpuAfter - cpuBefore) / seconds, clientCores };
}

// Warm-up (JIT, player activations), then alternate so neither side gets the quieter machine; best of each.
await gateLoad.round(roundMs);
await rawLoad.round(roundMs);
let best: Measured | undefined;
let baseline: Measured | undefined;
for (let r = 0; r < rounds; r++) {
  const g = await measured(gate, gateLoad);
  const b = await measured(raw, rawLoad);
  log(
    `round ${r + 1}: gate ${Math.round(g.rate)} req/s (p50 ${g.p50Ms.toFixed(2)} ms, p99 ${g.p99Ms.toFixed(2)} ms, ` +
      `cores: gate ${g.serverCores.toFixed(2)} client ${g.clientCores.toFixed(2)}), raw ws ${Math.round(b.rate)} req/s ` +
      `(p50 ${b.p50Ms.toFixed(2)} ms, cores: server ${b.serverCores.toFixed(2)} client ${b.clientCores.toFixed(2)})`,
  );
  if (best === undefined || g.rate > best.rate) best = g;
  if (baseline === undefined || b.rate > baseline.rate) baseline = b;
}

emitFigure({
  bench: 'gate.echo',
  value: best!.rate,
  unit: 'requests/s',
  baseline: 'bare ws echo server in its own process, same client code, connections, window and message sizes',
  baselineValue: baseline!.rate,
  better: 'higher',
  p50Ms: round3(best!.p50Ms),
  p99Ms: round3(best!.p99Ms),
  baselineP50Ms: round3(baseline!.p50Ms),
  baselineP99Ms: round3(baseline!.p99Ms),
  gateCores: round3(best!.serverCores),
  baselineCores: round3(baseline!.serverCores),
  clientCores: round3(best!.clientCores),
  baselineClientCores: round3(baseline!.clientCores),
  processes: 3,
  connections: CONNECTIONS,
  window: WINDOW,
  payloadBytes: PAYLOAD.length,
});

await Promise.all([gate.stop(), raw.stop()]);
process.exit(0);

function round3(x: number): number {
  return Number(x.toFixed(3));
}
