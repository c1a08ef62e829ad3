// The in-process cluster provider: a MemoryCluster store shared by the providers of one process, with test hooks
// for lease loss and outages.

// Store
export { MemoryCluster, type MemoryClusterLease, type MemoryClusterOptions } from './memory-cluster.ts';
// Provider
export {
  DEFAULT_MEMORY_LEASE_TTL_MS,
  MemoryClusterProvider,
  type MemoryClusterProviderOptions,
  MIN_MEMORY_LEASE_TTL_MS,
} from './memory-cluster-provider.ts';
export type { MemoryClusterChange, MemoryClusterWatcher } from './memory-cluster-watcher.ts';
