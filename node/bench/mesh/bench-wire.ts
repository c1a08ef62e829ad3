// What the mesh benchmarks' two processes share: the control messages over the IPC channel, the raw grpc-js
// baseline service (one message per frame, unary for asks), the bench actor and the peer ids.
import type * as grpc from '@grpc/grpc-js';
import type { Envelope } from '../../src/actor/index.ts';
import { Actor } from '../../src/actor/index.ts';

export const SENDER_ID = 'a.bench-sender';
export const RECEIVER_ID = 'b.bench-receiver';
/** Actors the messages spread over, as in the in-process tell benchmark. */
export const BENCH_ACTORS = 1000;
/** The receiver reports progress (credits) after this many handled messages. */
export const CREDIT_CHUNK = 4096;

/** Parent -> receiver. */
export type ToReceiver =
  | { readonly type: 'peer'; readonly id: string; readonly address: string }
  /** Reset the handled count; report credits until `total` messages were handled. */
  | { readonly type: 'round'; readonly total: number }
  | { readonly type: 'stop' };

/** Receiver -> parent. */
export type FromReceiver =
  | { readonly type: 'listening'; readonly meshAddress: string; readonly rawAddress: string }
  | { readonly type: 'ready' }
  | { readonly type: 'credit'; readonly handled: number }
  | { readonly type: 'stats'; readonly stats: unknown };

const passthrough = (frame: Buffer): Buffer => frame;

/** The baseline: raw grpc-js, one msgpack-encoded envelope per gRPC message. */
export const RAW_SERVICE: grpc.ServiceDefinition = {
  Stream: {
    path: '/bench.Raw/Stream',
    requestStream: true,
    responseStream: true,
    requestSerialize: passthrough,
    requestDeserialize: passthrough,
    responseSerialize: passthrough,
    responseDeserialize: passthrough,
  },
  Ask: {
    path: '/bench.Raw/Ask',
    requestStream: false,
    responseStream: false,
    requestSerialize: passthrough,
    requestDeserialize: passthrough,
    responseSerialize: passthrough,
    responseDeserialize: passthrough,
  },
};

/** The actor every delivered message lands in (its handler tells the receiver's credit counter). */
export class Counter extends Actor {
  total = 0;
  add(amount: number): void {
    this.total += amount;
    onHandled();
  }
  get(): number {
    onHandled();
    return this.total;
  }
}

let onHandled: () => void = () => {};

/** Installs what Counter calls once per handled message. */
export function setHandledHook(hook: () => void): void {
  onHandled = hook;
}

export const ACTOR_IDS = Array.from({ length: BENCH_ACTORS }, (_, i) => `counter-${i}`);

export function tellEnvelopeOf(i: number): Envelope {
  return {
    kind: 'Counter',
    id: ACTOR_IDS[i % BENCH_ACTORS]!,
    method: 'add',
    args: [1],
    requestId: 0,
    timeoutMs: 0,
    chain: 0,
    trace: '',
  };
}

export function askEnvelopeOf(i: number): Envelope {
  return {
    kind: 'Counter',
    id: ACTOR_IDS[i % BENCH_ACTORS]!,
    method: 'get',
    args: [],
    requestId: 1,
    timeoutMs: 5000,
    chain: 0,
    trace: '',
  };
}
