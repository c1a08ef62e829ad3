// The node of a tracked Map, which is also the handler of the Proxy the actor sees. A Map's methods need the real
// Map as `this`, so the proxy hands out versions that work on the raw Map: set, delete and clear record the Map's
// own path; get, iteration and forEach return faces for object values, so `map.get(id).hp -= 1` is tracked too.

import { type AnyMethod, collectionMethod, refuseProperty } from './collection-methods.ts';
import { ContainerKind } from './container-kind.ts';
import type { PathKey } from './document-path.ts';
import type { DocumentState } from './document-state.ts';
import { NODE, TrackedNode, tagRaw } from './tracked-node.ts';

export class MapNode extends TrackedNode implements ProxyHandler<Map<unknown, unknown>> {
  readonly kind = ContainerKind.Map;
  readonly raw: Map<unknown, unknown>;
  readonly face: Map<unknown, unknown>;

  constructor(doc: DocumentState, raw: Map<unknown, unknown>, parent: TrackedNode | null, key: PathKey) {
    super(doc, parent, key);
    this.raw = raw;
    this.face = new Proxy(raw, this);
    tagRaw(raw, this);
  }

  holds(child: TrackedNode): boolean {
    return this.raw.get(child.key) === child.raw;
  }

  get(target: Map<unknown, unknown>, key: string | symbol): unknown {
    if (key === 'size') return target.size;
    const method = mapMethods[key as string];
    if (method !== undefined) return method;
    return key === NODE ? this : Reflect.get(target, key, target);
  }

  set(_target: Map<unknown, unknown>, key: string | symbol): boolean {
    throw refuseProperty(this, key, 'a Map');
  }

  defineProperty(_target: Map<unknown, unknown>, key: string | symbol): boolean {
    throw refuseProperty(this, key, 'a Map');
  }

  deleteProperty(target: Map<unknown, unknown>, key: string | symbol): boolean {
    return key === NODE ? false : Reflect.deleteProperty(target, key);
  }

  read(key: unknown): unknown {
    return this.valueFace(this.raw.get(key), key);
  }

  write(key: unknown, value: unknown): void {
    if (typeof key !== 'string' && typeof key !== 'number') {
      throw this.doc.invalidAt(
        this,
        String(key),
        `cannot use ${typeof key === 'object' ? 'an object' : `a ${typeof key}`} as a Map key`,
        'Map keys in a document are strings or numbers',
      );
    }
    if (typeof value === 'object' ? value !== null : typeof value === 'function' || typeof value === 'symbol') {
      value = this.doc.adopt(this, key, value);
    }
    this.raw.set(key, value);
    this.recordWhole();
  }

  remove(key: unknown): boolean {
    const removed = this.raw.delete(key);
    if (removed) this.recordWhole();
    return removed;
  }

  clear(): void {
    if (this.raw.size === 0) return;
    this.raw.clear();
    this.recordWhole();
  }

  valueFace(value: unknown, key: unknown): unknown {
    return typeof value === 'object' && value !== null ? this.doc.faceFor(this, key as PathKey, value) : value;
  }

  *entries(): IterableIterator<[unknown, unknown]> {
    for (const [key, value] of this.raw) yield [key, this.valueFace(value, key)];
  }

  *values(): IterableIterator<unknown> {
    for (const [key, value] of this.raw) yield this.valueFace(value, key);
  }
}

const method = (name: string, apply: (node: MapNode, args: unknown[]) => unknown): AnyMethod =>
  collectionMethod(name, Map.prototype, ContainerKind.Map, apply as (node: TrackedNode, args: unknown[]) => unknown);

const entries = method('entries', (node) => node.entries());

// No prototype: a lookup of any other key ('toString', 'constructor') falls through to the raw collection.
const mapMethods: Record<string | symbol, AnyMethod | undefined> = Object.assign(Object.create(null), {
  get: method('get', (node, [key]) => node.read(key)),
  has: method('has', (node, [key]) => node.raw.has(key)),
  set: method('set', (node, [key, value]) => {
    node.write(key, value);
    return node.face;
  }),
  delete: method('delete', (node, [key]) => node.remove(key)),
  clear: method('clear', (node) => node.clear()),
  keys: method('keys', (node) => node.raw.keys()),
  values: method('values', (node) => node.values()),
  entries,
  [Symbol.iterator]: entries,
  forEach: method('forEach', (node, [callback, thisArg]) => {
    for (const [key, value] of node.entries()) (callback as AnyMethod).call(thisArg, value, key, node.face);
  }),
});
