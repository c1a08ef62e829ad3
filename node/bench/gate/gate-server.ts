// The gate process of the gate benchmarks: one GameNode with the gate role (memory cluster provider, so it is a
// one-node cluster), the benchmark's limits (GateServerConfig; the CLI has no flags for them) and the bench kinds.
// Calls: memory (after GC), cpu, stats, heapSnapshot, push (the Broadcaster pushes one event to players
// p0..p{count-1}), stop.
import { writeHeapSnapshot } from 'node:v8';
import { MemoryClusterProvider } from '../../src/cluster/memory/index.ts';
import { GameNode } from '../../src/game-node.ts';
import { configFromArgv, serveParent } from '../harness/bench-child-ipc.ts';
import { Broadcaster, registerBenchKinds } from './bench-app.ts';
import {
  BENCH_CLUSTER_KEY,
  type GateServerConfig,
  PUSH_EVENT,
  playerIdOf,
  type ServerInfo,
} from './bench-gate-wire.ts';
import { cpuSeconds, measureMemory } from './process-memory.ts';

const config = configFromArgv<GateServerConfig>();
const logErrorsOnly = (event: string, fields: Record<string, unknown>): void => {
  if (event.endsWith('error')) process.stderr.write(`${JSON.stringify({ event, ...fields })}\n`);
};

const node = new GameNode({
  cluster: {
    name: 'bench-gate',
    roles: ['gate'],
    provider: new MemoryClusterProvider(),
    mesh: { host: config.host, port: 0 },
    log: logErrorsOnly,
  },
  gate: {
    clusterKey: BENCH_CLUSTER_KEY,
    host: config.host,
    port: 0,
    messagesPerSecond: config.messagesPerSecond,
    burst: config.burst,
    maxPendingRequests: config.maxPendingRequests,
    maxConnections: config.maxConnections,
    attemptsPerIpPerMinute: config.attemptsPerIpPerMinute,
    maxBufferedBytes: config.maxBufferedBytes,
    resumeBufferSize: config.resumeBufferSize,
    log: logErrorsOnly,
  },
});
registerBenchKinds(node.system);
await node.start();
const gate = node.gate.gate!;
const broadcaster = node.system.ref(Broadcaster, 'bench');
let playerIds: string[] = [];

serveParent({ url: gate.url } satisfies ServerInfo, {
  memory: () => measureMemory(),
  cpu: () => cpuSeconds(),
  stats: () => gate.stats(),
  /** For finding what a connection costs: `{path}` -> a .heapsnapshot written there. */
  heapSnapshot: ({ path }: { path: string }) => writeHeapSnapshot(path),
  push: ({ count, data }: { count: number; data: unknown }) => {
    if (playerIds.length !== count) playerIds = Array.from({ length: count }, (_, i) => playerIdOf(i));
    broadcaster.tell.broadcast(playerIds, PUSH_EVENT, data);
  },
  stop: () => node.stop(),
});
