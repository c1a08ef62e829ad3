// gate.ccu: memory per idle connection held by ONE gate process (a GameNode with the gate role): 16,000 clients
// in 4 client processes (2 loopback source addresses each) connect with locally signed tokens, get WELCOME and
// send a PING every 5 s; the gate process measures its own memory after GC before the clients connect and after
// they held their connections through a heartbeat period. The figure is V8 heap + external (what JavaScript keeps
// per connection); RSS rides along, but it also counts allocator and heap slack: a bare ws server's RSS alone is
// about 8 KiB per connection. Baseline, same run and method: a bare `ws` server process holding as many
// connections from the same client code (it echoes HELLO and the PINGs).

import { type GateServerConfig, type MemorySnapshot, PING_EVERY_MS, type ServerInfo } from './gate/bench-gate-wire.ts';
import { ClientFleets } from './gate/client-fleets.ts';
import { GATE_SERVER_PROGRAM, RAW_SERVER_PROGRAM } from './gate/server-paths.ts';
import { BenchChild } from './harness/bench-child.ts';
import { benchOptionsFromArgv } from './harness/options.ts';
import { emitFigure, log } from './harness/report.ts';

const options = benchOptionsFromArgv();
const CLIENT_PROCESSES = 4;
const CONNECTIONS_PER_PROCESS = 4_000;
const ADDRESSES_PER_PROCESS = 2;
/** Long enough for every connection to PING at least once (quick) or a few times. */
const holdMs = options.quick ? PING_EVERY_MS + 1_000 : 4 * PING_EVERY_MS;
const HOST = '127.0.0.1';

interface Held {
  readonly connections: number;
  readonly connectSeconds: number;
  readonly before: MemorySnapshot;
  readonly after: MemorySnapshot;
  readonly pingsSent: number;
}

/** Starts `program`, measures it, fills it with connections, holds them, measures again, stops everything. */
async function hold(name: string, program: string, config: unknown, firstAddress: number): Promise<Held> {
  const server = await BenchChild.start<ServerInfo>(name, program, config);
  try {
    const before = await server.call<MemorySnapshot>('memory');
    const { fleets, connectSeconds } = await ClientFleets.connect({
      url: server.info.url,
      processes: CLIENT_PROCESSES,
      connectionsPerProcess: CONNECTIONS_PER_PROCESS,
      addressesPerProcess: ADDRESSES_PER_PROCESS,
      firstAddress,
      pingEveryMs: PING_EVERY_MS,
      concurrency: 64,
    });
    try {
      log(`${name}: ${fleets.connections} connections in ${connectSeconds.toFixed(1)} s; holding ${holdMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, holdMs));
      const stats = await fleets.stats();
      if (stats.open !== fleets.connections || stats.errors > 0) {
        throw new Error(
          `${name}: ${stats.open} of ${fleets.connections} connections open, ${stats.errors} errors, closes ${JSON.stringify(stats.closes)}`,
        );
      }
      const serverStats = await server.call<{ connections: number }>('stats');
      if (serverStats.connections !== fleets.connections) {
        throw new Error(`${name} holds ${serverStats.connections} connections, the clients ${fleets.connections}`);
      }
      const after = await server.call<MemorySnapshot>('memory');
      return { connections: fleets.connections, connectSeconds, before, after, pingsSent: stats.pingsSent };
    } finally {
      await fleets.stop();
    }
  } finally {
    await server.stop();
  }
}

const mib = (bytes: number): string => (bytes / 2 ** 20).toFixed(1);
const perConnection = (held: Held, field: (m: MemorySnapshot) => number): number =>
  (field(held.after) - field(held.before)) / held.connections;
const rss = (m: MemorySnapshot): number => m.rss;
const heapAndExternal = (m: MemorySnapshot): number => m.heapUsed + m.external;

const gateConfig: GateServerConfig = {
  host: HOST,
  maxConnections: 30_000,
  attemptsPerIpPerMinute: 1_000_000,
};
// Separate source addresses per phase: the first phase's closed ports may sit in TIME_WAIT.
const gate = await hold('gate process', GATE_SERVER_PROGRAM, gateConfig, 40);
const raw = await hold('raw ws process', RAW_SERVER_PROGRAM, { host: HOST }, 60);
for (const [name, held] of [
  ['gate', gate],
  ['raw ws', raw],
] as const) {
  log(
    `${name}: rss ${(held.before.rss / 2 ** 20).toFixed(1)} -> ${(held.after.rss / 2 ** 20).toFixed(1)} MiB, ` +
      `heap+external ${mib(heapAndExternal(held.before))} -> ${mib(heapAndExternal(held.after))} MiB ` +
      `(heap total ${mib(held.before.heapTotal)} -> ${mib(held.after.heapTotal)} MiB), ` +
      `${held.pingsSent} pings`,
  );
}

emitFigure({
  bench: 'gate.ccu',
  value: perConnection(gate, heapAndExternal),
  unit: 'bytes/connection',
  baseline: 'bare ws server process holding as many idle connections from the same clients, same measure',
  baselineValue: perConnection(raw, heapAndExternal),
  better: 'lower',
  connections: gate.connections,
  measure: 'V8 heapUsed + external after GC, inside the server process, after minus before the clients connected',
  rssBytesPerConnection: Math.round(perConnection(gate, rss)),
  baselineRssBytesPerConnection: Math.round(perConnection(raw, rss)),
  connectSeconds: Number(gate.connectSeconds.toFixed(2)),
  baselineConnectSeconds: Number(raw.connectSeconds.toFixed(2)),
  clientProcesses: CLIENT_PROCESSES,
  holdMs,
  pingEveryMs: PING_EVERY_MS,
});
process.exit(0);
