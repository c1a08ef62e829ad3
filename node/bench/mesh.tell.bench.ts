// mesh.tell: one-way messages/s from this process to a receiver process (spawned here), each delivered into a
// Counter actor of a real ActorSystem there, through MeshTransport (batched frames on one gRPC stream). The
// sender keeps at most WINDOW messages unhandled (the receiver reports progress over IPC), so the figure is what
// the receiver keeps up with, not how fast a queue grows. Baseline, same run, same two processes: raw grpc-js,
// one bidi stream, ONE message per gRPC message (the same envelope encoded by msgpackr), same window.
import { once } from 'node:events';
import * as grpc from '@grpc/grpc-js';
import { encodeEnvelope } from '../src/actor/index.ts';
import { MeshTransport } from '../src/cluster/transport/index.ts';
import { benchOptionsFromArgv, collectGarbage } from './harness/options.ts';
import { emitFigure, log } from './harness/report.ts';
import { BENCH_ACTORS, RAW_SERVICE, RECEIVER_ID, SENDER_ID, tellEnvelopeOf } from './mesh/bench-wire.ts';
import { ReceiverProcess } from './mesh/receiver-process.ts';

const options = benchOptionsFromArgv();
const meshMessages = options.quick ? 1_000_000 : 3_000_000;
const rawMessages = options.quick ? 60_000 : 100_000;
const rounds = options.quick ? 3 : 5;
/** Messages sent but not yet reported handled. */
const WINDOW = 65_536;
/** Messages sent per event-loop turn before yielding (the transport flushes them as frames). */
const BURST = 8192;

const yieldTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

const receiver = await ReceiverProcess.start();
const transport = new MeshTransport({ selfId: SENDER_ID, host: '127.0.0.1', port: 0, handler: { onEnvelope() {} } });
const senderAddress = await transport.listen();
transport.updatePeers([{ id: RECEIVER_ID, address: receiver.meshAddress }]);
receiver.send({ type: 'peer', id: SENDER_ID, address: senderAddress });

const rawClient = new grpc.Client(receiver.rawAddress, grpc.credentials.createInsecure(), {
  'grpc.enable_retries': 0,
});
const rawStream = rawClient.makeBidiStreamRequest<Buffer, Buffer>(
  RAW_SERVICE.Stream!.path,
  (b) => b,
  (b) => b,
);
rawStream.on('data', () => {});
await once(rawStream, 'metadata');

async function meshRound(total: number): Promise<number> {
  await receiver.round(total);
  collectGarbage();
  const start = performance.now();
  let sent = 0;
  while (sent < total) {
    const room = Math.min(total - sent, WINDOW - (sent - receiver.handled), BURST);
    if (room <= 0) {
      await receiver.nextCredit();
      continue;
    }
    for (let i = 0; i < room; i++) transport.tell(RECEIVER_ID, tellEnvelopeOf(sent++), 0);
    await yieldTurn();
  }
  while (receiver.handled < total) await receiver.nextCredit();
  return total / ((performance.now() - start) / 1000);
}

async function rawRound(total: number): Promise<number> {
  await receiver.round(total);
  collectGarbage();
  const start = performance.now();
  let sent = 0;
  while (sent < total) {
    const room = Math.min(total - sent, WINDOW - (sent - receiver.handled), BURST);
    if (room <= 0) {
      await receiver.nextCredit();
      continue;
    }
    for (let i = 0; i < room; i++) {
      if (!rawStream.write(Buffer.from(encodeEnvelope(tellEnvelopeOf(sent++))))) {
        await once(rawStream, 'drain');
      }
    }
    await yieldTurn();
  }
  while (receiver.handled < total) await receiver.nextCredit();
  return total / ((performance.now() - start) / 1000);
}

// warm-up (JIT, connections), then alternate rounds so neither side gets the quieter machine
await meshRound(meshMessages / 4);
await rawRound(rawMessages / 4);
let value = 0;
let baselineValue = 0;
for (let r = 0; r < rounds; r++) {
  const meshRate = await meshRound(meshMessages);
  const rawRate = await rawRound(rawMessages);
  value = Math.max(value, meshRate);
  baselineValue = Math.max(baselineValue, rawRate);
  log(`round ${r + 1}: mesh ${Math.round(meshRate)} msgs/s, raw ${Math.round(rawRate)} msgs/s`);
}
const sentInTotal = (meshMessages + rawMessages) * (rounds + 0.25);
const stats = transport.stats();
log(
  `sender: ${stats.framesSent} frames, ${(stats.envelopesSent / Math.max(1, stats.framesSent)).toFixed(0)} messages/frame, ` +
    `${(stats.bytesSent / Math.max(1, stats.envelopesSent)).toFixed(1)} bytes/message`,
);
emitFigure({
  bench: 'mesh.tell',
  value,
  unit: 'msgs/s',
  baseline: 'raw grpc-js bidi stream, one msgpack-encoded envelope per gRPC message, same processes and window',
  baselineValue,
  better: 'higher',
  processes: 2,
  actors: BENCH_ACTORS,
  window: WINDOW,
  messagesPerFrame: Math.round(stats.envelopesSent / Math.max(1, stats.framesSent)),
  bytesPerMessage: Number((stats.bytesSent / Math.max(1, stats.envelopesSent)).toFixed(1)),
});

rawStream.end();
rawClient.close();
await transport.close();
const { actorTotal } = (await receiver.stop()) as { actorTotal: number };
if (actorTotal !== sentInTotal) throw new Error(`the actors hold ${actorTotal}, ${sentInTotal} were sent`);
