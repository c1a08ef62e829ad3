// One tracked container of a document (plain object, array, Map or Set): where it sits in the tree (its parent
// and its key there, as last read or assigned), which of its keys were written since the last takeChanges(), and
// the face (a view or a proxy) the actor reads and writes it through.
import type { ContainerKind } from './container-kind.ts';
import type { PathKey } from './document-path.ts';
import type { DocumentState } from './document-state.ts';

/** A raw container keeps its node under this key, and a face answers it with the same node. */
export const NODE: unique symbol = Symbol('gamecluster.trackedNode');

/** Any object, read for its node. */
export type Tagged = { readonly [NODE]?: TrackedNode | undefined };

/** Past this many distinct written keys a container reports itself as changed rather than each key. */
export const MAX_CHANGED_KEYS = 32;

export abstract class TrackedNode {
  readonly doc: DocumentState;
  abstract readonly kind: ContainerKind;
  /** The container itself: the data the document stores and snapshot() copies. */
  abstract readonly raw: object;
  /** What the actor sees instead of `raw`. */
  abstract readonly face: object;
  /** null for the document root. */
  parent: TrackedNode | null;
  /** Key in the parent; meaningless under a Set, whose members have no address of their own. */
  key: PathKey;
  /** Keys written since the last takeChanges(); null until the first. */
  changedKeys: PathKey[] | null = null;
  /** The container as a whole changed (length, membership, order, or too many keys to list). */
  changedWhole = false;
  /** In the document's list of nodes with changes. */
  listed = false;
  /** The key recorded last (a repeat needs no bookkeeping); undefined after takeChanges(). */
  private lastKey: PathKey | undefined = undefined;

  constructor(doc: DocumentState, parent: TrackedNode | null, key: PathKey) {
    this.doc = doc;
    this.parent = parent;
    this.key = key;
  }

  /** Whether this container currently holds `child` at `child.key` (an array may find it moved and fix the key). */
  abstract holds(child: TrackedNode): boolean;

  /** Whether a change inside a member can be addressed below this container (not in a Set). */
  get addressesMembers(): boolean {
    return true;
  }

  /** Records a write of `key` of this container. Small on purpose: it is inlined into every tracked write. */
  recordKey(key: PathKey): void {
    this.doc.revision++;
    // The common case, a key written again before the next takeChanges(), needs nothing more.
    if (key !== this.lastKey) this.recordNewKey(key);
  }

  private recordNewKey(key: PathKey): void {
    this.doc.dirty = true;
    if (this.changedWhole) return;
    this.lastKey = key;
    const keys = this.changedKeys;
    if (keys === null) {
      this.changedKeys = [key];
      if (!this.listed) this.list();
      return;
    }
    for (let i = 0; i < keys.length; i++) if (keys[i] === key) return;
    if (keys.length < MAX_CHANGED_KEYS) keys.push(key);
    else this.changedWhole = true;
  }

  /** Records a change of the container as a whole. */
  recordWhole(): void {
    const doc = this.doc;
    doc.revision++;
    doc.dirty = true;
    this.changedWhole = true;
    if (!this.listed) this.list();
  }

  /** Forgets recorded changes (takeChanges() read them). */
  clearChanges(): void {
    this.lastKey = undefined;
    this.changedKeys = null;
    this.changedWhole = false;
    this.listed = false;
  }

  private list(): void {
    this.listed = true;
    this.doc.dirtyNodes.push(this);
  }
}

/** The node of a face (view or proxy) of any document, or undefined for anything else. */
export function nodeOfFace(value: object): TrackedNode | undefined {
  const node = (value as Tagged)[NODE];
  return node !== undefined && node.face === value ? node : undefined;
}

/** Attaches `node` to its raw container (non-enumerable: copies, spreads and encoders never see it). */
export function tagRaw(raw: object, node: TrackedNode): void {
  Object.defineProperty(raw, NODE, { value: node, writable: true, configurable: true, enumerable: false });
}
