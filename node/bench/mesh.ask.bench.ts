// mesh.ask: asks across processes at a fixed offered rate (open loop: asks leave on a schedule whether or not
// earlier ones were answered), each answered by a Counter actor of a real ActorSystem in the receiver process
// (spawned here). Value: asks/s answered; p50Ms/p99Ms: latency from send to answer. Baseline, same run, same
// processes, same schedule: raw grpc-js unary calls carrying the same msgpack-encoded envelope.
import * as grpc from '@grpc/grpc-js';
import { decodeResponse, encodeEnvelope } from '../src/actor/index.ts';
import { MeshTransport, type PendingAsk } from '../src/cluster/transport/index.ts';
import { benchOptionsFromArgv, collectGarbage } from './harness/options.ts';
import { emitFigure, log } from './harness/report.ts';
import { askEnvelopeOf, RAW_SERVICE, RECEIVER_ID, SENDER_ID } from './mesh/bench-wire.ts';
import { ReceiverProcess } from './mesh/receiver-process.ts';

const options = benchOptionsFromArgv();
const OFFERED_PER_S = 10_000;
const seconds = options.quick ? 3 : 6;
const WARM_SECONDS = 1;

/** Latencies of one run and how many asks failed. */
class Run {
  readonly latencies: Float64Array;
  answered = 0;
  failed = 0;
  constructor(capacity: number) {
    this.latencies = new Float64Array(capacity);
  }
  record(sentAt: number): void {
    this.latencies[this.answered++] = performance.now() - sentAt;
  }
}

/** The caller's side of one mesh ask. */
class BenchAsk implements PendingAsk {
  settled = false;
  private readonly run: Run;
  private readonly sentAt: number;
  constructor(run: Run, sentAt: number) {
    this.run = run;
    this.sentAt = sentAt;
  }
  settle(): void {
    this.settled = true;
    this.run.record(this.sentAt);
  }
  fail(): void {
    this.settled = true;
    this.run.failed++;
  }
}

type Send = (run: Run, i: number, sentAt: number) => void;

/**
 * Offers OFFERED_PER_S asks/s for `durationS`: a 1 ms interval sends every ask that is due by then, so a slow
 * answer never delays the next send. Resolves once all were answered (or failed) or 5 s after the last send.
 */
async function offer(
  label: string,
  durationS: number,
  send: Send,
): Promise<{ rate: number; p50Ms: number; p99Ms: number; failed: number }> {
  const total = OFFERED_PER_S * durationS;
  const run = new Run(total);
  await receiver.round(0);
  collectGarbage();
  const start = performance.now();
  let sent = 0;
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const now = performance.now();
      const due = Math.min(total, Math.floor(((now - start) / 1000) * OFFERED_PER_S));
      while (sent < due) send(run, sent++, now);
      if (sent === total) {
        clearInterval(timer);
        resolve();
      }
    }, 1);
  });
  const lastSend = performance.now();
  while (run.answered + run.failed < total && performance.now() - lastSend < 5000) {
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  const elapsedS = (performance.now() - start) / 1000;
  const latencies = run.latencies.subarray(0, run.answered).sort();
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * q))] ?? Number.NaN;
  const unanswered = total - run.answered;
  log(
    `${label}: ${run.answered} answered in ${elapsedS.toFixed(2)} s; latency ms p50 ${at(0.5).toFixed(3)} ` +
      `p90 ${at(0.9).toFixed(3)} p99 ${at(0.99).toFixed(3)} p99.9 ${at(0.999).toFixed(3)} max ${at(1).toFixed(3)}`,
  );
  return { rate: run.answered / elapsedS, p50Ms: at(0.5), p99Ms: at(0.99), failed: unanswered };
}

const receiver = await ReceiverProcess.start();
const transport = new MeshTransport({ selfId: SENDER_ID, host: '127.0.0.1', port: 0, handler: { onEnvelope() {} } });
const senderAddress = await transport.listen();
transport.updatePeers([{ id: RECEIVER_ID, address: receiver.meshAddress }]);
receiver.send({ type: 'peer', id: SENDER_ID, address: senderAddress });
const rawClient = new grpc.Client(receiver.rawAddress, grpc.credentials.createInsecure(), { 'grpc.enable_retries': 0 });
const rawAskPath = RAW_SERVICE.Ask!.path;

const meshSend: Send = (run, i, sentAt) => transport.ask(RECEIVER_ID, askEnvelopeOf(i), 0, new BenchAsk(run, sentAt));
const rawSend: Send = (run, i, sentAt) => {
  rawClient.makeUnaryRequest<Buffer, Buffer>(
    rawAskPath,
    (b) => b,
    (b) => b,
    Buffer.from(encodeEnvelope(askEnvelopeOf(i))),
    (error, response) => {
      if (error || !decodeResponse(response!).ok) run.failed++;
      else run.record(sentAt);
    },
  );
};

await offer('mesh warm-up', WARM_SECONDS, meshSend);
await offer('raw warm-up', WARM_SECONDS, rawSend);
const mesh = await offer('mesh', seconds, meshSend);
const raw = await offer('raw unary', seconds, rawSend);
log(
  `offered ${OFFERED_PER_S} asks/s for ${seconds} s: mesh ${Math.round(mesh.rate)}/s p50 ${mesh.p50Ms.toFixed(3)} ms ` +
    `p99 ${mesh.p99Ms.toFixed(3)} ms (${mesh.failed} failed); raw unary ${Math.round(raw.rate)}/s p50 ` +
    `${raw.p50Ms.toFixed(3)} ms p99 ${raw.p99Ms.toFixed(3)} ms (${raw.failed} failed)`,
);
emitFigure({
  bench: 'mesh.ask',
  value: mesh.rate,
  unit: 'asks/s',
  baseline: 'raw grpc-js unary calls, same msgpack-encoded envelope, same processes and offered rate',
  baselineValue: raw.rate,
  better: 'higher',
  offeredPerS: OFFERED_PER_S,
  seconds,
  p50Ms: Number(mesh.p50Ms.toFixed(4)),
  p99Ms: Number(mesh.p99Ms.toFixed(4)),
  failed: mesh.failed,
  baselineP50Ms: Number(raw.p50Ms.toFixed(4)),
  baselineP99Ms: Number(raw.p99Ms.toFixed(4)),
  baselineFailed: raw.failed,
});

rawClient.close();
await transport.close();
await receiver.stop();
