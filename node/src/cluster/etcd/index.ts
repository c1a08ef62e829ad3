// The etcd cluster provider (real clusters) and the harnesses that run a real etcd for tests and benchmarks.

export { type EtcdKeyLayout, etcdKeyLayout, type ParsedClusterKey, parseClusterKey } from './etcd-keys.ts';
// Provider
export { EtcdClusterProvider } from './etcd-provider.ts';
export {
  DEFAULT_LEASE_TTL_MS,
  type EtcdClusterProviderOptions,
  MAX_CALL_TIMEOUT_MS,
  MIN_LEASE_TTL_MS,
  type ResolvedEtcdProviderOptions,
  resolveEtcdProviderOptions,
} from './etcd-provider-options.ts';
// Testing
export { EtcdTestServer, type EtcdTestServerOptions } from './etcd-test-server.ts';
export { type LeaseEvidence, type LeaseVerdict, leaseVerdict } from './lease-verdict.ts';
export { TcpPartitionProxy } from './tcp-partition-proxy.ts';
