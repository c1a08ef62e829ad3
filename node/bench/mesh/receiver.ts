// The receiving process of the mesh benchmarks: an ActorSystem with the Counter actors, fed by a MeshTransport
// and by the raw grpc-js baseline server; reports handled messages (credits) to the parent over IPC.
import * as grpc from '@grpc/grpc-js';
import type { ActorRef, Envelope } from '../../src/actor/index.ts';
import { ActorSystem, decodeEnvelope, encodeResponse } from '../../src/actor/index.ts';
import { MeshTransport } from '../../src/cluster/transport/index.ts';
import { toErrorData } from '../../src/errors/index.ts';
import {
  ACTOR_IDS,
  Counter,
  CREDIT_CHUNK,
  type FromReceiver,
  RAW_SERVICE,
  RECEIVER_ID,
  setHandledHook,
  type ToReceiver,
} from './bench-wire.ts';

const send = (message: FromReceiver): void => {
  process.send!(message);
};

const system = new ActorSystem();
system.register(Counter, { idleTimeoutMs: 0 });
const refs = new Map<string, ActorRef<Counter>>(ACTOR_IDS.map((id) => [id, system.ref(Counter, id)]));
const refOf = (id: string): ActorRef<Counter> => {
  let ref = refs.get(id);
  if (ref === undefined) {
    ref = system.ref(Counter, id);
    refs.set(id, ref);
  }
  return ref;
};

let handled = 0;
let target = 0;
let reported = 0;
setHandledHook(() => {
  handled++;
  if (handled - reported >= CREDIT_CHUNK || handled === target) {
    reported = handled;
    send({ type: 'credit', handled });
  }
});

/** Hands a tell to its actor; an ask's result goes back through `reply`. */
function deliver(envelope: Envelope, reply: (ok: boolean, value: unknown) => void): void {
  const ref = refOf(envelope.id);
  if (envelope.requestId === 0) {
    ref.tell.add(envelope.args[0] as number);
    return;
  }
  ref.get().then(
    (value) => reply(true, value),
    (error) => reply(false, toErrorData(error)),
  );
}

const mesh: MeshTransport = new MeshTransport({
  selfId: RECEIVER_ID,
  host: '127.0.0.1',
  port: 0,
  handler: {
    onEnvelope(from, envelope) {
      deliver(envelope, (ok, value) =>
        mesh.respond(from, envelope.requestId, ok ? { ok: true, value } : { ok: false, error: value as never }),
      );
    },
  },
});
const meshAddress = await mesh.listen();

const raw = new grpc.Server();
raw.addService(RAW_SERVICE, {
  Stream(call: grpc.ServerDuplexStream<Buffer, Buffer>) {
    // Response headers right away: until it sees them, a grpc-js client buffers every write for a possible retry
    // and acknowledges it at once, then clears that buffer one slice per message (quadratic): not a fair baseline.
    call.sendMetadata(new grpc.Metadata());
    call.on('data', (frame: Buffer) => deliver(decodeEnvelope(frame), () => {}));
    call.on('end', () => call.end());
  },
  Ask(call: grpc.ServerUnaryCall<Buffer, Buffer>, callback: grpc.sendUnaryData<Buffer>) {
    const envelope = decodeEnvelope(call.request);
    deliver(envelope, (ok, value) =>
      callback(
        null,
        Buffer.from(
          encodeResponse(
            ok
              ? { requestId: envelope.requestId, ok, value }
              : { requestId: envelope.requestId, ok, error: value as never },
          ),
        ),
      ),
    );
  },
});
const rawPort = await new Promise<number>((resolve, reject) =>
  raw.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, port) =>
    error ? reject(error) : resolve(port),
  ),
);

process.on('message', (message: ToReceiver) => {
  switch (message.type) {
    case 'peer':
      mesh.updatePeers([{ id: message.id, address: message.address }]);
      return;
    case 'round':
      // each round starts from a collected heap here too, so no round pays for the garbage of the last one
      (globalThis as { gc?: () => void }).gc?.();
      handled = 0;
      reported = 0;
      target = message.total;
      send({ type: 'ready' });
      return;
    case 'stop':
      void stop();
  }
});

/** Reports the sum held by all Counter actors (what the sender checks against what it sent) and exits. */
async function stop(): Promise<void> {
  setHandledHook(() => {});
  const totals = await Promise.all([...refs.values()].map((ref) => ref.get()));
  send({ type: 'stats', stats: { ...mesh.stats(), actorTotal: totals.reduce((sum, total) => sum + total, 0) } });
  await Promise.all([mesh.close(), system.stop()]);
  raw.forceShutdown();
  process.disconnect();
}

send({ type: 'listening', meshAddress, rawAddress: `127.0.0.1:${rawPort}` });
