// The db role (DESIGN §4): StoreShard actors, hash-placed on db nodes, hold the node's StateStore and turn each
// batch a node sends them into one multi-row statement with the epoch fence inside it. Loads go through the
// shards too: PGlite lives in the db node's process only, a PostgreSQL pool per db node (not per node) bounds the
// database's connections, and a login storm's loads batch like flushes do.
import { Actor } from '../../actor/actor.ts';
import type { ActorSystem } from '../../actor/actor-system.ts';
import { StoreUnavailableError } from '../../state/errors.ts';
import { inStatementsWithoutDuplicates } from '../../state/persistence/state-backend.ts';
import type { LoadRequest, LoadResult, SaveRequest, SaveResult, StateStore } from '../../state/state-store.ts';
import { encodeDocument } from '../../state/stores/document-codec.ts';

const stores = new WeakMap<ActorSystem, StateStore>();

/** Gives the StoreShards of this node their store (db nodes only). */
export function attachShardStore(system: ActorSystem, store: StateStore): void {
  stores.set(system, store);
}

export class StoreShard extends Actor {
  async saveBatch(requests: SaveRequest[]): Promise<SaveResult[]> {
    const store = this._store();
    return inStatementsWithoutDuplicates((batch) => store.save(batch), requests);
  }

  /** Loaded documents go back encoded (see ShardBackend): the mesh's msgpack would turn their Maps into objects. */
  async loadBatch(requests: LoadRequest[]): Promise<LoadResult[]> {
    const store = this._store();
    const results = await inStatementsWithoutDuplicates((batch) => store.load(batch), requests);
    return results.map((result, index) =>
      result.ok && result.doc !== undefined
        ? { ok: true, version: result.version, doc: encodeDocument(requests[index]!, result.doc), encoded: true }
        : result,
    );
  }

  _store(): StateStore {
    const store = stores.get(this.ctx.system);
    if (store === undefined) {
      throw new StoreUnavailableError(
        `StoreShard ${this.ctx.id} runs on a node without a state store: give db nodes a store (--store, ` +
          '--postgres-url) or run the db role on nodes that have one',
      );
    }
    return store;
  }
}

/** Registration options of StoreShard: hash-placed on the db role. */
export const STORE_SHARD_KIND = { name: 'StoreShard', placement: 'hash', roles: ['db'], idleTimeoutMs: 0 } as const;
