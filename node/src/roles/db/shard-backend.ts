// Write-behind's way to the db role: documents map to StoreShards by a hash of kind/id, and the loads and saves
// of one event-loop turn for one shard travel as one ask (one mesh message, one statement on the db node).
// Documents travel encoded (the store's own bytes, Maps kept): the mesh's msgpack would turn a Map into an object.
import type { ActorSystem } from '../../actor/actor-system.ts';
import type { StateBackend } from '../../state/persistence/state-backend.ts';
import { TurnBatcher } from '../../state/persistence/turn-batcher.ts';
import type { DocumentKey, LoadRequest, LoadResult, SaveRequest, SaveResult } from '../../state/state-store.ts';
import { decodeDocument, encodeDocument } from '../../state/stores/document-codec.ts';
import { StoreShard } from './store-shard.ts';

export const DEFAULT_DB_SHARDS = 16;

export interface ShardBackendOptions {
  readonly system: ActorSystem;
  /** Number of StoreShards; every node must use the same number (default: 16). */
  readonly shards?: number;
  /** Deadline of one batch ask (default: the system's). */
  readonly timeoutMs?: number;
}

export class ShardBackend implements StateBackend {
  private readonly loads: TurnBatcher<LoadRequest, LoadResult>[] = [];
  private readonly saves: TurnBatcher<SaveRequest, SaveResult>[] = [];

  constructor(options: ShardBackendOptions) {
    const count = options.shards ?? DEFAULT_DB_SHARDS;
    for (let shard = 0; shard < count; shard++) {
      const ref = () => {
        const base = options.system.ref(StoreShard, String(shard));
        return options.timeoutMs === undefined ? base : base.withTimeout(options.timeoutMs);
      };
      this.loads.push(new TurnBatcher({ run: (batch) => ref().loadBatch(batch) }));
      this.saves.push(new TurnBatcher({ run: (batch) => ref().saveBatch(batch) }));
    }
  }

  async load(request: LoadRequest): Promise<LoadResult> {
    const result = await this.loads[shardOf(request, this.loads.length)]!.submit(request);
    if (!result.ok || result.encoded !== true) return result;
    return { ok: true, version: result.version, doc: decodeDocument(request, result.doc as Uint8Array) };
  }

  save(request: SaveRequest): Promise<SaveResult> {
    let encoded: SaveRequest;
    try {
      encoded =
        request.encoded === true ? request : { ...request, doc: encodeDocument(request, request.doc), encoded: true };
    } catch (error) {
      return Promise.reject(error);
    }
    return this.saves[shardOf(request, this.saves.length)]!.submit(encoded);
  }
}

/** FNV-1a over kind and id: stable across nodes and versions (changing it moves documents between shards). */
export function shardOf(key: DocumentKey, shards: number): number {
  let hash = 0x811c9dc5;
  const text = `${key.kind}/${key.id}`;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % shards;
}
