// The state one tracked document shares among its nodes: the write counter and dirty flag every write bumps,
// the nodes holding changes, the plain-object nodes whose deletes reconcile() applies, and the one place that
// turns a raw container into its node and face (so reading one object twice gives the same face).
import { InvalidDocumentError } from '../errors.ts';
import { ArrayNode } from './array-node.ts';
import { ContainerKind, containerKindOf, describeValue } from './container-kind.ts';
import { type DocumentPath, formatPath, type PathKey } from './document-path.ts';
import { MapNode } from './map-node.ts';
import { isRecordNode, RecordNode } from './record-node.ts';
import { SetNode } from './set-node.ts';
import { NODE, type Tagged, type TrackedNode } from './tracked-node.ts';
import { adoptValue } from './value-adoption.ts';

interface Location {
  readonly path: PathKey[];
  /** false: the node's own place is unknown or has no address (a Set member); `path` covers it. */
  readonly exact: boolean;
}

export class DocumentState {
  /** Increases on every write. */
  revision = 0;
  /** A write since the last takeChanges(). */
  dirty = false;
  /** Nodes with recorded changes, each once. */
  readonly dirtyNodes: TrackedNode[] = [];
  /** Plain-object nodes still in the document (as of the last reconcile) or not yet checked. */
  private records: RecordNode[] = [];
  readonly root: TrackedNode;

  constructor(initial: object) {
    const raw = adoptValue(this, null, undefined, initial);
    const kind = typeof raw === 'object' && raw !== null ? containerKindOf(raw) : ContainerKind.Invalid;
    if (kind !== ContainerKind.Record && kind !== ContainerKind.Array) {
      throw new InvalidDocumentError(
        `cannot track ${describeValue(initial)}: a document's root is a plain object or an array`,
      );
    }
    this.root = this.createNode(raw as object, kind, null, 0)!;
  }

  /**
   * The face of `value`, read at `key` of `parent`; the value itself for leaves (Date, typed arrays). `moved`
   * false: an element being removed or compared, whose node keeps the place it had.
   */
  faceFor(parent: TrackedNode, key: PathKey, value: object, moved = true): object {
    const known = (value as Tagged)[NODE];
    if (known !== undefined && known.doc === this) {
      // A node's place is where it was last read: moves through the document keep paths right.
      if (moved && (known.parent !== parent || known.key !== key)) {
        known.parent = parent;
        known.key = key;
      }
      return known.face;
    }
    return this.createNode(value, containerKindOf(value), parent, key)?.face ?? value;
  }

  /** What the document stores for `value` assigned at `key` of `parent`; InvalidDocumentError if it cannot. */
  adopt(parent: TrackedNode, key: PathKey, value: unknown): unknown {
    return adoptValue(this, parent, key, value);
  }

  /** Makes `next` the whole document (the root's face keeps its identity) and records the root as changed. */
  replace(next: object): void {
    const raw = adoptValue(this, null, undefined, next);
    const root = this.root;
    if (typeof raw !== 'object' || raw === null || containerKindOf(raw) !== root.kind) {
      throw new InvalidDocumentError(
        `cannot replace the document with ${describeValue(next)}: the new root must be ${root.kind === ContainerKind.Array ? 'an array' : 'a plain object'}, like the one the document was created with`,
      );
    }
    if (raw !== root.raw) {
      if (isRecordNode(root)) root.replaceContents(raw as Record<string, unknown>);
      else (root as ArrayNode).replaceContents(raw as unknown[]);
    }
    root.recordWhole();
  }

  /**
   * Applies deletes made on plain-object views since the last call and forgets views no longer in the document.
   * Called before dirty, revision, takeChanges and snapshot answer; costs one Object.keys per tracked object.
   */
  reconcile(): void {
    const records = this.records;
    let kept = 0;
    for (let i = 0; i < records.length; i++) {
      const node = records[i]!;
      node.reconcileKeys();
      if (this.isAttached(node)) records[kept++] = node;
      else node.registered = false;
    }
    records.length = kept;
  }

  /** Puts plain-object nodes at and below `node` (assigned back into the document) under reconcile() again. */
  reattach(node: TrackedNode): void {
    if (isRecordNode(node) && node.registered) return;
    this.reattachRaw(node.raw, 0);
  }

  /** The changed paths since the last call (not yet collapsed); clears dirty. */
  takeChanges(): DocumentPath[] {
    const paths: DocumentPath[] = [];
    for (const node of this.dirtyNodes) {
      const location = this.locate(node);
      if (location === null) {
        // Written while no longer in the document: nothing the document holds changed.
      } else if (!location.exact || node.changedWhole || node.changedKeys === null) {
        paths.push(location.path);
      } else {
        for (const key of node.changedKeys) paths.push([...location.path, key]);
      }
      node.clearChanges();
    }
    this.dirtyNodes.length = 0;
    this.dirty = false;
    return paths;
  }

  /** An InvalidDocumentError naming the path `parent` / `key` / `below`. */
  invalidAt(
    parent: TrackedNode | null,
    key: PathKey | undefined,
    what: string,
    advice: string,
    below: readonly PathKey[] = [],
  ): InvalidDocumentError {
    const path = [
      ...(parent === null ? [] : (this.locate(parent)?.path ?? [])),
      ...(key === undefined ? [] : [key]),
      ...below,
    ];
    return new InvalidDocumentError(`${what} at ${formatPath(path)}: ${advice}`, { details: { path } });
  }

  private createNode(raw: object, kind: ContainerKind, parent: TrackedNode | null, key: PathKey): TrackedNode | null {
    switch (kind) {
      case ContainerKind.Record: {
        const node = new RecordNode(this, raw as Record<string, unknown>, parent, key);
        this.records.push(node);
        return node;
      }
      case ContainerKind.Array:
        return new ArrayNode(this, raw as unknown[], parent, key);
      case ContainerKind.Map:
        return new MapNode(this, raw as Map<unknown, unknown>, parent, key);
      case ContainerKind.Set:
        return new SetNode(this, raw as Set<unknown>, parent, key);
      default:
        return null;
    }
  }

  /**
   * Where `node` is now: its exact path; or, for a Set member or a node whose place is not known (put back inside
   * a new object, and not read through its new place since), a path that covers it (the Set's, the root). null
   * when a link up to the root no longer holds: the node was removed, and a write to it changed nothing stored
   * (a removal is itself a write, recorded where it happened).
   */
  private locate(node: TrackedNode): Location | null {
    const reversed: PathKey[] = [];
    let exact = true;
    let current = node;
    while (current.parent !== null) {
      const parent = current.parent;
      if (!parent.holds(current)) return null;
      if (parent.addressesMembers) {
        reversed.push(current.key);
      } else {
        reversed.length = 0;
        exact = false;
      }
      current = parent;
    }
    if (current !== this.root) return { path: [], exact: false };
    return { path: reversed.reverse(), exact };
  }

  /** false only when a link up to the root is known to be broken (see locate). */
  private isAttached(node: TrackedNode): boolean {
    let current = node;
    while (current.parent !== null) {
      if (!current.parent.holds(current)) return false;
      current = current.parent;
    }
    return true;
  }

  private reattachRaw(raw: unknown, depth: number): void {
    if (typeof raw !== 'object' || raw === null || depth > 64) return;
    const node = (raw as Tagged)[NODE];
    if (node === undefined || node.doc !== this) return;
    if (isRecordNode(node)) {
      if (!node.registered) {
        node.registered = true;
        node.reconcileKeys();
        this.records.push(node);
      }
      for (const key of Object.keys(node.raw)) this.reattachRaw(node.raw[key], depth + 1);
    } else if (node.kind === ContainerKind.Array) {
      for (const item of node.raw as unknown[]) this.reattachRaw(item, depth + 1);
    } else {
      for (const item of (node.raw as Map<unknown, unknown> | Set<unknown>).values()) this.reattachRaw(item, depth + 1);
    }
  }
}
