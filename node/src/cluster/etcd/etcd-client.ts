// Builds the etcd3 client the provider uses: every unary call carries our deadline, and etcd3's own retry and
// circuit-breaker policies are replaced by a pass-through, so a call fails within callTimeoutMs and the first call
// after etcd returns goes through (the default breaker would refuse calls for 5 s after three failures).
import { Etcd3, type IOptions } from 'etcd3';

type FaultPolicy = NonNullable<NonNullable<IOptions['faultHandling']>['global']>;

const NEVER_ABORTED = new AbortController().signal;

/** Runs the call once, as is: the provider owns deadlines and retries. */
const PASS_THROUGH_POLICY = {
  onSuccess: () => ({ dispose: () => undefined }),
  onFailure: () => ({ dispose: () => undefined }),
  execute: async <T>(fn: (context: { signal: AbortSignal }) => PromiseLike<T> | T, signal?: AbortSignal) =>
    fn({ signal: signal ?? NEVER_ABORTED }),
} as unknown as FaultPolicy;

/** gRPC reconnect backoff (ms): grpc-js defaults to 1 s growing to 120 s, which would delay recovery for minutes. */
const GRPC_CHANNEL_OPTIONS = {
  'grpc.initial_reconnect_backoff_ms': 100,
  'grpc.min_reconnect_backoff_ms': 100,
  'grpc.max_reconnect_backoff_ms': 1_000,
};

export function createEtcdClient(endpoints: readonly string[], callTimeoutMs: number): Etcd3 {
  return new Etcd3({
    hosts: [...endpoints],
    faultHandling: { host: () => PASS_THROUGH_POLICY, global: PASS_THROUGH_POLICY },
    grpcOptions: GRPC_CHANNEL_OPTIONS,
    // Streams (watch, keepalive) get their deadlines where they are opened: a watch must not have one.
    defaultCallOptions: (context) => (context.isStream ? {} : { deadline: Date.now() + callTimeoutMs }),
  });
}
