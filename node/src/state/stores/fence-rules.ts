// The fencing rules every store applies, as pure decisions. The SQL stores state the same rules inside their
// statements (state-sql.ts); the memory store calls these; the contract suite holds both to them.

/** What a store holds about one document's fence. */
export interface StoredFence {
  readonly epoch: number;
  /** The last version saved by `epoch`; 0 when that activation has not saved yet. */
  readonly version: number;
}

/** A save is accepted only when (epoch, version) is strictly newer than the stored pair. */
export function isNewerWrite(stored: StoredFence | undefined, epoch: number, version: number): boolean {
  if (stored === undefined) return true;
  return epoch > stored.epoch || (epoch === stored.epoch && version > stored.version);
}

/**
 * The fence after a load by `epoch`, or undefined when a newer activation holds the document (the loader is a
 * zombie). Taking a document with a newer epoch restarts its version at 0, so the new activation's first save
 * (version 1) wins over anything the old one wrote; a reload by the same epoch keeps the version it reached.
 */
export function fenceAfterLoad(stored: StoredFence | undefined, epoch: number): StoredFence | undefined {
  if (stored === undefined) return { epoch, version: 0 };
  if (stored.epoch > epoch) return undefined;
  return stored.epoch === epoch ? stored : { epoch, version: 0 };
}
