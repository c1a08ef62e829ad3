// Checks a value assigned into a document and turns it into what the document stores: refuses what cannot be
// stored (functions, symbols, class instances, symbol keys, cycles) naming the path, takes the raw container
// behind a face (a move: the node's place becomes the new one), copies a face of another document, and copies
// frozen containers (the document must be able to tag and change them). It checks the assigned value only.
import type { InvalidDocumentError } from '../errors.ts';
import { ContainerKind, containerKindOf, describeValue } from './container-kind.ts';
import { copyValue, MAX_DOCUMENT_DEPTH } from './document-copy.ts';
import type { PathKey } from './document-path.ts';
import type { DocumentState } from './document-state.ts';
import { NODE, nodeOfFace, type TrackedNode } from './tracked-node.ts';

const DATA = 'a document holds data: plain objects, arrays, Map, Set, Date, typed arrays and primitives';

/** What the document stores for `value` assigned at `key` of `parent` (parent null: `value` becomes the root). */
export function adoptValue(
  doc: DocumentState,
  parent: TrackedNode | null,
  key: PathKey | undefined,
  value: unknown,
): unknown {
  return new Adoption(doc, parent, key).member(value, 0);
}

class Adoption {
  private readonly doc: DocumentState;
  private readonly parent: TrackedNode | null;
  private readonly key: PathKey | undefined;
  /** Where below the assigned value the check is, for messages. */
  private readonly path: PathKey[] = [];

  constructor(doc: DocumentState, parent: TrackedNode | null, key: PathKey | undefined) {
    this.doc = doc;
    this.parent = parent;
    this.key = key;
  }

  member(value: unknown, depth: number): unknown {
    if (typeof value !== 'object' || value === null) {
      if (typeof value === 'function')
        throw this.refuse('cannot store a function', `${DATA}; keep behaviour in the actor class`);
      if (typeof value === 'symbol') throw this.refuse('cannot store a symbol', DATA);
      return value;
    }
    const node = nodeOfFace(value);
    return node === undefined ? this.container(value, depth) : this.face(node, depth === 0);
  }

  private face(node: TrackedNode, assignedItself: boolean): object {
    if (node.doc !== this.doc) {
      node.doc.reconcile();
      return copyValue(node.raw) as object;
    }
    for (let ancestor = this.parent; ancestor !== null; ancestor = ancestor.parent) {
      if (ancestor === node) {
        throw this.refuse('cannot store an object inside itself', 'a document is a tree; store a copy of it instead');
      }
    }
    if (assignedItself && this.parent !== null && this.key !== undefined) {
      node.parent = this.parent;
      node.key = this.key;
    } else {
      // Inside a new object that has no node yet: its place is unknown until it is read through it again, and
      // meanwhile its writes are reported as the root's.
      node.parent = null;
    }
    this.doc.reattach(node);
    return node.raw;
  }

  private container(value: object, depth: number): object {
    if (depth >= MAX_DOCUMENT_DEPTH) {
      throw this.refuse(
        `value nests deeper than ${MAX_DOCUMENT_DEPTH} levels or contains a cycle`,
        'a document is a tree',
      );
    }
    switch (containerKindOf(value)) {
      case ContainerKind.Record:
        return this.record(value as Record<string, unknown>, depth);
      case ContainerKind.Array:
        return this.array(value as unknown[], depth);
      case ContainerKind.Map:
        return this.map(value as Map<unknown, unknown>, depth);
      case ContainerKind.Set:
        return this.set(value as Set<unknown>, depth);
      case ContainerKind.Leaf:
        return value;
      default:
        throw this.refuse(`cannot store ${describeValue(value)}`, `${DATA}; copy its fields into a plain object`);
    }
  }

  private record(value: Record<string, unknown>, depth: number): object {
    const source = Object.isExtensible(value) ? value : { ...value };
    for (const symbol of Object.getOwnPropertySymbols(source)) {
      if (symbol !== NODE) throw this.refuse(`cannot store symbol key ${String(symbol)}`, 'document keys are strings');
    }
    for (const key of Object.keys(source)) {
      this.path.push(key);
      if (key === '__proto__')
        throw this.refuse('cannot store the key __proto__', 'it would change the prototype; rename it');
      const item = source[key];
      const stored = this.member(item, depth + 1);
      if (stored !== item) source[key] = stored;
      this.path.pop();
    }
    return source;
  }

  private array(value: unknown[], depth: number): object {
    const source = Object.isExtensible(value) ? value : Array.from(value);
    for (let i = 0; i < source.length; i++) {
      this.path.push(i);
      const item = source[i];
      const stored = this.member(item, depth + 1);
      if (stored !== item) source[i] = stored;
      this.path.pop();
    }
    return source;
  }

  private map(value: Map<unknown, unknown>, depth: number): object {
    const source = Object.isExtensible(value) ? value : new Map(value);
    for (const [key, item] of source) {
      if (typeof key !== 'string' && typeof key !== 'number') {
        throw this.refuse(
          `cannot use ${describeValue(key)} as a Map key`,
          'Map keys in a document are strings or numbers',
        );
      }
      this.path.push(key);
      const stored = this.member(item, depth + 1);
      if (stored !== item) source.set(key, stored);
      this.path.pop();
    }
    return source;
  }

  private set(value: Set<unknown>, depth: number): object {
    const source = Object.isExtensible(value) ? value : new Set(value);
    const members = [...source];
    let replaced = false;
    for (let i = 0; i < members.length; i++) {
      const stored = this.member(members[i], depth + 1);
      if (stored !== members[i]) {
        members[i] = stored;
        replaced = true;
      }
    }
    if (replaced) {
      // Rebuilt rather than patched, to keep the members' order.
      source.clear();
      for (const member of members) source.add(member);
    }
    return source;
  }

  private refuse(what: string, advice: string): InvalidDocumentError {
    return this.doc.invalidAt(this.parent, this.key, what, advice, this.path);
  }
}
