// The node of a tracked Set, which is also the handler of the Proxy the actor sees. add, delete and clear record
// the Set's own path; iteration returns faces for object members, and a write inside a member also records the
// Set's path, since a member has no address of its own. has/delete accept a member's face or the member itself.

import { type AnyMethod, collectionMethod, refuseProperty } from './collection-methods.ts';
import { ContainerKind } from './container-kind.ts';
import type { PathKey } from './document-path.ts';
import type { DocumentState } from './document-state.ts';
import { NODE, nodeOfFace, TrackedNode, tagRaw } from './tracked-node.ts';

export class SetNode extends TrackedNode implements ProxyHandler<Set<unknown>> {
  readonly kind = ContainerKind.Set;
  readonly raw: Set<unknown>;
  readonly face: Set<unknown>;

  constructor(doc: DocumentState, raw: Set<unknown>, parent: TrackedNode | null, key: PathKey) {
    super(doc, parent, key);
    this.raw = raw;
    this.face = new Proxy(raw, this);
    tagRaw(raw, this);
  }

  override get addressesMembers(): boolean {
    return false;
  }

  holds(child: TrackedNode): boolean {
    return this.raw.has(child.raw);
  }

  get(target: Set<unknown>, key: string | symbol): unknown {
    if (key === 'size') return target.size;
    const method = setMethods[key as string];
    if (method !== undefined) return method;
    return key === NODE ? this : Reflect.get(target, key, target);
  }

  set(_target: Set<unknown>, key: string | symbol): boolean {
    throw refuseProperty(this, key, 'a Set');
  }

  defineProperty(_target: Set<unknown>, key: string | symbol): boolean {
    throw refuseProperty(this, key, 'a Set');
  }

  deleteProperty(target: Set<unknown>, key: string | symbol): boolean {
    return key === NODE ? false : Reflect.deleteProperty(target, key);
  }

  add(value: unknown): void {
    if (typeof value === 'object' ? value !== null : typeof value === 'function' || typeof value === 'symbol') {
      value = this.doc.adopt(this, 0, value);
    }
    if (this.raw.has(value)) return;
    this.raw.add(value);
    this.recordWhole();
  }

  remove(value: unknown): boolean {
    const removed = this.raw.delete(memberOf(value));
    if (removed) this.recordWhole();
    return removed;
  }

  clear(): void {
    if (this.raw.size === 0) return;
    this.raw.clear();
    this.recordWhole();
  }

  memberFace(value: unknown): unknown {
    return typeof value === 'object' && value !== null ? this.doc.faceFor(this, 0, value) : value;
  }

  *values(): IterableIterator<unknown> {
    for (const value of this.raw) yield this.memberFace(value);
  }

  *entries(): IterableIterator<[unknown, unknown]> {
    for (const value of this.raw) {
      const face = this.memberFace(value);
      yield [face, face];
    }
  }
}

/** The raw member a face stands for (has/delete may be given either). */
function memberOf(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  return nodeOfFace(value)?.raw ?? value;
}

const method = (name: string, apply: (node: SetNode, args: unknown[]) => unknown): AnyMethod =>
  collectionMethod(name, Set.prototype, ContainerKind.Set, apply as (node: TrackedNode, args: unknown[]) => unknown);

const values = method('values', (node) => node.values());

// No prototype: a lookup of any other key ('toString', 'constructor') falls through to the raw collection.
const setMethods: Record<string | symbol, AnyMethod | undefined> = Object.assign(Object.create(null), {
  has: method('has', (node, [value]) => node.raw.has(memberOf(value))),
  add: method('add', (node, [value]) => {
    node.add(value);
    return node.face;
  }),
  delete: method('delete', (node, [value]) => node.remove(value)),
  clear: method('clear', (node) => node.clear()),
  values,
  keys: values,
  [Symbol.iterator]: values,
  entries: method('entries', (node) => node.entries()),
  forEach: method('forEach', (node, [callback, thisArg]) => {
    for (const value of node.values()) (callback as AnyMethod).call(thisArg, value, value, node.face);
  }),
});
