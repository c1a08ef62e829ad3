// What this node knows about where directory-placed actors live: entries learned from lookups, claims and its
// own placements, kept current by the provider's watch events, and bounded (oldest first out) so a node that
// talks to millions of actors does not hold the whole directory.
import type { DirectoryEntry } from '../cluster-provider.ts';

/** Epoch of an entry this node guessed (it placed the actor on a member that has not claimed it yet). */
export const TENTATIVE_EPOCH = 0;

export const DEFAULT_DIRECTORY_CACHE_SIZE = 200_000;

export class DirectoryCache {
  private readonly entries = new Map<string, DirectoryEntry>();
  private readonly capacity: number;

  constructor(capacity = DEFAULT_DIRECTORY_CACHE_SIZE) {
    this.capacity = capacity;
  }

  get size(): number {
    return this.entries.size;
  }

  get(kind: string, id: string): DirectoryEntry | undefined {
    return this.entries.get(keyOf(kind, id));
  }

  /** Remembers an entry; a confirmed entry never gives way to an older one or to a guess. */
  set(entry: DirectoryEntry): void {
    const key = keyOf(entry.kind, entry.id);
    const known = this.entries.get(key);
    if (known !== undefined) {
      if (entry.epoch !== TENTATIVE_EPOCH && known.epoch > entry.epoch) return;
      if (entry.epoch === TENTATIVE_EPOCH && known.epoch !== TENTATIVE_EPOCH) return;
      this.entries.delete(key);
    } else if (this.entries.size >= this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(key, entry);
  }

  /** A claim seen in the watch: replaces what is known about that actor (only actors this node cares about). */
  claimed(entry: DirectoryEntry): void {
    if (this.entries.has(keyOf(entry.kind, entry.id))) this.set(entry);
  }

  /** An entry went away: forget it unless a newer claim replaced it already. */
  removed(entry: DirectoryEntry): void {
    const key = keyOf(entry.kind, entry.id);
    const known = this.entries.get(key);
    if (known === undefined) return;
    if (known.epoch === entry.epoch || known.epoch === TENTATIVE_EPOCH) this.entries.delete(key);
  }

  /**
   * Forgets entries pointing at members that are gone, and guesses pointing at members that take no new
   * placements (draining): those actors will be placed elsewhere.
   */
  retainOwners(alive: ReadonlySet<string>, active: ReadonlySet<string>): void {
    for (const [key, entry] of this.entries) {
      if (!alive.has(entry.owner) || (entry.epoch === TENTATIVE_EPOCH && !active.has(entry.owner))) {
        this.entries.delete(key);
      }
    }
  }

  forget(kind: string, id: string): void {
    this.entries.delete(keyOf(kind, id));
  }

  clear(): void {
    this.entries.clear();
  }
}

/** Kind names cannot hold NUL (see kind-options), so the pair is unambiguous. */
export function keyOf(kind: string, id: string): string {
  return `${kind}\u0000${id}`;
}
