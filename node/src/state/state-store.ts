// The contract of a state store (DESIGN §3 "State and write-behind"): documents keyed by (kind, id), written in
// batches, every write and every load fenced by the activation epoch so a zombie activation can never overwrite
// newer state. Implementations: PostgreSQL (production), PGlite (embedded default, same SQL), memory (tests).

/** Which actor document. */
export interface DocumentKey {
  readonly kind: string;
  readonly id: string;
}

/**
 * A fenced load: the activation with `epoch` takes the document. The store raises the document's stored epoch
 * to `epoch` (creating an empty row when there is none) in the same statement that reads it, so from then on
 * writes of older activations are rejected, even ones that were still in flight.
 */
export interface LoadRequest extends DocumentKey {
  readonly epoch: number;
}

export type LoadResult =
  /** `doc` is undefined for an actor that never saved anything; `version` is then 0. */
  | {
      readonly ok: true;
      readonly doc: unknown;
      readonly version: number;
      /** `doc` is the bytes encodeDocument made (how the db role's shards ship documents over the mesh). */
      readonly encoded?: boolean;
    }
  /** A newer activation (`storedEpoch`) took the document: the asking activation is a zombie. */
  | { readonly ok: false; readonly reason: 'stale'; readonly storedEpoch: number };

/** One document write: accepted only if (epoch, version) is newer than what is stored. */
export interface SaveRequest extends DocumentKey {
  readonly epoch: number;
  /** Increases with every save of one activation (1, 2, ...); a new activation starts again at 1. */
  readonly version: number;
  /** A plain-data document (msgpack-encodable: objects, arrays, Map, Set, bigint, Date, bytes). */
  readonly doc: unknown;
  /**
   * `doc` is already the bytes encodeDocument made: the db role's shards ship documents encoded, because the
   * mesh's msgpack turns a Map into a plain object and a stored document must keep its Maps.
   */
  readonly encoded?: boolean;
}

export type SaveResult =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: 'stale'; readonly storedEpoch: number; readonly storedVersion: number };

export interface StateStore {
  readonly kind: 'postgres' | 'pglite' | 'memory';
  /**
   * Connects and creates or checks the schema. Rejects with StoreUnavailableError when the database cannot be
   * reached and with StoreSchemaError when its schema is newer than this code understands.
   */
  start(): Promise<void>;
  /** Fenced loads, in one statement for the whole batch; results in request order. */
  load(requests: readonly LoadRequest[]): Promise<LoadResult[]>;
  /**
   * Fenced writes, one multi-row statement for the whole batch (a key appears at most once per batch); results in
   * request order. Rejects (the whole batch, nothing written) with StoreUnavailableError when the database cannot
   * be reached or the statement fails: the caller keeps the documents dirty and retries.
   */
  save(requests: readonly SaveRequest[]): Promise<SaveResult[]>;
  close(): Promise<void>;
}
