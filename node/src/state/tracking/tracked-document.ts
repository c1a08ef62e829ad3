// trackDocument(): an actor's state as a tracked document (DESIGN §3 "State and write-behind"; seed gonet's
// "a.b = 1 saves and syncs itself"). The actor reads and writes `root` like a plain object; every write marks
// the document dirty and records the changed path, so write-behind knows what to save without comparing.
//
// How it tracks, and what follows from it:
// - Plain objects are views: a compiled getter/setter per key (once optimised, a tracked read costs about what a
//   plain read does; the state.tracking bench prints both) and a prototype that catches new keys. A `delete` on
//   a view cannot be intercepted: it is applied before dirty, revision, takeChanges() or snapshot() answer (and
//   when the key is next used), so those always see it; they cost one Object.keys per tracked object for it.
//   Object.defineProperty of an existing key is not tracked.
// - Arrays, Maps and Sets are Proxies. Index writes record [..., index]; a length change, a mutating method
//   (push, pop, shift, unshift, splice, sort, reverse, fill, copyWithin) and Map/Set set, delete, clear and add
//   record the container's own path, once per call. A write inside a Set member records the Set's path. The
//   array methods run on the raw array (one trap per call); `arr[i]` itself is a keyed Proxy access (~80 ns).
// - Date, typed arrays and Buffers are leaves: stored and copied whole, never tracked inside. Assign a new one
//   (`state.seenAt = new Date()`); `state.seenAt.setTime(...)` or `state.bytes[0] = 1` is not seen.
// - A document is a tree. An object's path is where it was last read or assigned through the document, so a move
//   (assign it elsewhere, delete the old key) keeps paths right. One object at two places at once is not
//   supported: its writes are recorded at one of them. fill() and copyWithin() store copies of objects. An object
//   put inside a new object (`state.a = { inner: state.b }`) reports its writes as the root's until it is read
//   through its new place. A write to an object no longer in the document changes nothing stored: it counts in
//   dirty and revision, and takeChanges() reports no path for it.
// - The document owns the objects it is given or assigned: change them through the document afterwards (a raw
//   object kept and changed behind it is not seen). Faces of another document are copied on assignment. To copy
//   the state use snapshot(): structuredClone() refuses the Proxies of arrays, Maps and Sets.
// - Values that cannot be stored (functions, symbols, symbol keys, class instances other than the containers
//   above, __proto__ keys, Map keys other than strings and numbers, cycles) throw InvalidDocumentError at the
//   assignment, naming the path.

import { copyValue } from './document-copy.ts';
import type { DocumentPath } from './document-path.ts';
import { collapsePaths } from './document-path.ts';
import { DocumentState } from './document-state.ts';

export interface TrackedDocument<T> {
  /** The document as the actor uses it (`this.state`): reads and writes look like a plain object. */
  readonly root: T;
  /** A write since the last takeChanges(). */
  readonly dirty: boolean;
  /** Increases on every write: a cheap way to know "changed since revision X". */
  /**
   * `revision` without first applying `delete`s made on plain objects (one Object.keys per tracked object): O(1),
   * for polling many documents. It only lags behind `revision` by deletes not yet seen.
   */
  readonly writeRevision: number;
  readonly revision: number;
  /** Paths changed since the last call, deduplicated and collapsed (a path under a changed one is dropped). */
  takeChanges(): readonly DocumentPath[];
  /** A deep plain copy (no proxies, nothing shared): safe to encode while the actor keeps writing. */
  snapshot(): T;
  /** Swaps in a whole new document (e.g. after a load) and records the root as changed; `root` stays the same. */
  replace(next: T): void;
}

/** Tracks `initial` (a plain object or an array), which the document owns from now on. */
export function trackDocument<T extends object>(initial: T): TrackedDocument<T> {
  return new DocumentTracker(initial);
}

class DocumentTracker<T extends object> implements TrackedDocument<T> {
  readonly #state: DocumentState;

  constructor(initial: T) {
    this.#state = new DocumentState(initial);
  }

  get root(): T {
    return this.#state.root.face as T;
  }

  get dirty(): boolean {
    this.#state.reconcile();
    return this.#state.dirty;
  }

  get revision(): number {
    this.#state.reconcile();
    return this.#state.revision;
  }

  get writeRevision(): number {
    return this.#state.revision;
  }

  takeChanges(): readonly DocumentPath[] {
    this.#state.reconcile();
    return collapsePaths(this.#state.takeChanges());
  }

  snapshot(): T {
    this.#state.reconcile();
    return copyValue(this.#state.root.raw) as T;
  }

  replace(next: T): void {
    this.#state.replace(next);
  }
}
