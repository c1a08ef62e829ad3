// The node of a tracked plain object. Reads and writes of its keys run through compiled accessors on its view
// (record-accessors.ts); new keys arrive through the view's prototype (record-view.ts). A `delete` on the view
// removes an accessor and nothing can intercept that, so deletes are applied lazily: when the key is next read
// or assigned, or when the document reconciles (before dirty, revision, takeChanges and snapshot answer).
import { ContainerKind } from './container-kind.ts';
import type { PathKey } from './document-path.ts';
import type { DocumentState } from './document-state.ts';
import { accessorFor } from './record-accessors.ts';
import { TrackedObject } from './record-view.ts';
import { TrackedNode, tagRaw } from './tracked-node.ts';

export class RecordNode extends TrackedNode {
  readonly kind = ContainerKind.Record;
  raw: Record<string, unknown>;
  readonly face: TrackedObject;
  /** Keys of `raw`; the view has one accessor for each unless a `delete` on the view awaits reconciling. */
  keyCount = 0;
  /** In the document's list of plain-object nodes that reconcile() checks. */
  registered = true;

  constructor(doc: DocumentState, raw: Record<string, unknown>, parent: TrackedNode | null, key: PathKey) {
    super(doc, parent, key);
    this.raw = raw;
    this.face = new TrackedObject(this);
    this.defineAccessors();
    tagRaw(raw, this);
  }

  holds(child: TrackedNode): boolean {
    return this.raw[child.key] === child.raw;
  }

  /** A key the view has no accessor for was assigned (first time, or again after a delete). */
  addKey(key: string | symbol, value: unknown): void {
    if (typeof key === 'symbol') {
      throw this.doc.invalidAt(this, String(key), 'cannot use a symbol as a key', 'document keys are strings');
    }
    if (key === '__proto__') {
      throw this.doc.invalidAt(this, key, 'cannot use __proto__ as a key', 'it would change the prototype; rename it');
    }
    const stored = this.doc.adopt(this, key, value);
    // Deleted on the view and assigned again: apply the delete first, so the key moves last as it would in raw.
    if (Object.hasOwn(this.raw, key)) delete this.raw[key];
    else this.keyCount++;
    this.raw[key] = stored;
    Object.defineProperty(this.face, key, accessorFor(key));
    this.recordKey(key);
  }

  /** Applies a delete made on the view (its accessor is gone, `raw` still has the key); reads as undefined. */
  applyDelete(key: string): undefined {
    delete this.raw[key];
    this.keyCount--;
    this.recordKey(key);
    return undefined;
  }

  /** Applies deletes made on the view, and adopts keys defined on it directly (Object.defineProperty). */
  reconcileKeys(): void {
    const view = this.face as unknown as Record<string, unknown>;
    const own = Object.keys(view);
    if (own.length === this.keyCount) return;
    for (const key of Object.keys(this.raw)) if (!Object.hasOwn(view, key)) this.applyDelete(key);
    for (const key of own) {
      if (Object.hasOwn(this.raw, key)) continue;
      const value = view[key];
      delete view[key];
      this.addKey(key, value);
    }
  }

  /** Makes `next` (already adopted) this node's object; the view keeps its identity. */
  replaceContents(next: Record<string, unknown>): void {
    const view = this.face as unknown as Record<string, unknown>;
    const keys = Object.keys(next);
    const current = Object.keys(view);
    // Same keys in the same order (a reload of the same schema): the accessors stay, the view stays fast.
    const sameShape = keys.length === current.length && keys.every((key, i) => key === current[i]);
    this.raw = next;
    tagRaw(next, this);
    if (sameShape) {
      this.keyCount = keys.length;
      return;
    }
    for (const key of current) delete view[key];
    this.defineAccessors();
  }

  private defineAccessors(): void {
    const keys = Object.keys(this.raw);
    for (const key of keys) Object.defineProperty(this.face, key, accessorFor(key));
    this.keyCount = keys.length;
  }
}

export function isRecordNode(node: TrackedNode): node is RecordNode {
  return node.kind === ContainerKind.Record;
}
