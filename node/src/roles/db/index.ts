// The db role: StoreShard actors and the backend that sends write-behind to them.

export { DEFAULT_DB_SHARDS, ShardBackend, type ShardBackendOptions, shardOf } from './shard-backend.ts';
export { attachShardStore, STORE_SHARD_KIND, StoreShard } from './store-shard.ts';
