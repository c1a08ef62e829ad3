// The baseline server of the gate benchmarks: a bare `ws` server (same ws settings as the gate: no compression,
// binary frames) that echoes every message back (requests, HELLO, PING) and broadcasts one encoded PUSH frame to
// every socket on request. Calls: memory (after GC), cpu, push, stop.
import { type WebSocket, WebSocketServer } from 'ws';
import { encodeServerFrame } from '../../src/gate/protocol/index.ts';
import { configFromArgv, serveParent } from '../harness/bench-child-ipc.ts';
import { PUSH_EVENT, type ServerInfo } from './bench-gate-wire.ts';
import { cpuSeconds, measureMemory } from './process-memory.ts';

const { host } = configFromArgv<{ host: string }>();
const sockets = new Set<WebSocket>();
const server = new WebSocketServer({
  host,
  port: 0,
  path: '/ws',
  perMessageDeflate: false,
  clientTracking: false,
  skipUTF8Validation: true,
  maxPayload: 65_536,
});
server.on('connection', (ws) => {
  sockets.add(ws);
  ws.on('message', (data, isBinary) => ws.send(data as Buffer, { binary: isBinary }));
  ws.on('close', () => sockets.delete(ws));
  ws.on('error', () => {});
});
await new Promise<void>((resolve) => server.once('listening', () => resolve()));
const address = server.address();
if (address === null || typeof address === 'string') throw new Error(`unexpected listen address ${address}`);
let seq = 0;

serveParent({ url: `ws://${host}:${address.port}/ws` } satisfies ServerInfo, {
  memory: () => measureMemory(),
  cpu: () => cpuSeconds(),
  stats: () => ({ connections: sockets.size }),
  push: ({ data }: { count: number; data: unknown }) => {
    // One frame for everyone: what a hand-written broadcast does.
    const frame = encodeServerFrame({ type: 19, seq: ++seq, event: PUSH_EVENT, data });
    for (const ws of sockets) ws.send(frame);
  },
  stop: async () => {
    for (const ws of sockets) ws.terminate();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  },
});
