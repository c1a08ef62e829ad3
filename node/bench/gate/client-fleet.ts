// A client process of gate.ccu and gate.push: holds `count` connections (players first..first+count-1) to one
// server, spread over several loopback source addresses so no address runs out of ephemeral ports, PINGs each
// every pingEveryMs (spread evenly), and counts the PUSH frames each connection receives.
// Calls: connect, awaitPushes {total} (every connection has received `total` pushes), ack, stats, stop.
import type { WebSocket } from 'ws';
import { encodeClientFrame } from '../../src/gate/protocol/index.ts';
import { configFromArgv, serveParent } from '../harness/bench-child-ipc.ts';
import { playerIdOf } from './bench-gate-wire.ts';
import { isErrorFrame, openBenchSockets, readFrame } from './bench-socket.ts';

export interface ClientFleetConfig {
  readonly url: string;
  readonly first: number;
  readonly count: number;
  readonly localAddresses: readonly string[];
  readonly pingEveryMs: number;
  /** Handshakes in flight at once. */
  readonly concurrency: number;
}

export interface ClientFleetStats {
  readonly open: number;
  readonly pushes: number;
  readonly pingsSent: number;
  readonly framesReceived: number;
  readonly errors: number;
  /** Close codes of connections that closed while held. */
  readonly closes: Record<number, number>;
}

const FRAME_PUSH = 19;
/** The heartbeat timer's tick: each tick PINGs the connections whose slot it is. */
const TICK_MS = 100;

const config = configFromArgv<ClientFleetConfig>();
let sockets: WebSocket[] = [];
const pushes = new Uint32Array(config.count);
const lastSeq = new Float64Array(config.count);
const closes: Record<number, number> = {};
let open = 0;
let pingsSent = 0;
let framesReceived = 0;
let errors = 0;
let nonce = 0;
let heartbeat: NodeJS.Timeout | undefined;
/** The awaited push count, and how many connections have it. */
let target = 0;
let reached = 0;
let waiter: { resolve: () => void; reject: (error: Error) => void } | undefined;

function onFrame(socket: number, data: Buffer): void {
  framesReceived++;
  const frame = readFrame(data);
  if (frame[0] === FRAME_PUSH) {
    lastSeq[socket] = frame[1] as number;
    if (++pushes[socket]! === target && ++reached === config.count) {
      waiter?.resolve();
      waiter = undefined;
    }
  } else if (isErrorFrame(frame)) {
    errors++;
  }
}

function onClose(code: number): void {
  open--;
  closes[code] = (closes[code] ?? 0) + 1;
  waiter?.reject(new Error(`a connection closed with ${code} while pushes were awaited`));
  waiter = undefined;
}

function startHeartbeats(): void {
  const slots = Math.max(1, Math.round(config.pingEveryMs / TICK_MS));
  let tick = 0;
  heartbeat = setInterval(() => {
    const slot = tick++ % slots;
    for (let i = slot; i < sockets.length; i += slots) {
      const ws = sockets[i]!;
      if (ws.readyState !== ws.OPEN) continue;
      ws.send(encodeClientFrame({ type: 4, nonce: nonce++ }));
      pingsSent++;
    }
  }, TICK_MS);
}

serveParent(null, {
  connect: async () => {
    const start = performance.now();
    sockets = await openBenchSockets(
      config.url,
      config.first,
      config.count,
      playerIdOf,
      config.localAddresses,
      config.concurrency,
    );
    const seconds = (performance.now() - start) / 1000;
    open = sockets.length;
    sockets.forEach((ws, socket) => {
      ws.on('message', (data: Buffer) => onFrame(socket, data));
      ws.on('close', onClose);
    });
    startHeartbeats();
    return { connected: sockets.length, seconds };
  },
  awaitPushes: ({ total }: { total: number }) =>
    new Promise<void>((resolve, reject) => {
      target = total;
      reached = 0;
      for (let i = 0; i < config.count; i++) if (pushes[i]! >= total) reached++;
      if (reached === config.count) resolve();
      else waiter = { resolve, reject };
    }),
  ack: () => {
    for (let i = 0; i < sockets.length; i++) sockets[i]!.send(encodeClientFrame({ type: 6, lastSeq: lastSeq[i]! }));
  },
  stats: (): ClientFleetStats => ({
    open,
    pushes: pushes.reduce((sum, n) => sum + n, 0),
    pingsSent,
    framesReceived,
    errors,
    closes,
  }),
  stop: () => {
    clearInterval(heartbeat);
    for (const ws of sockets) {
      ws.removeAllListeners('close');
      ws.terminate();
    }
  },
});
