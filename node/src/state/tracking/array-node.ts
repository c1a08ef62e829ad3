// The node of a tracked array, which is also the handler of the Proxy the actor sees. An index write records
// [..., index]; anything that changes the length or moves elements records the array itself, once per call. The
// proxy hands out its own versions of the built-in methods (array-methods.ts) that work on the raw array
// directly: a push or a forEach costs two traps (the method lookup and the node lookup), not some per element.
import { arrayMethodFor } from './array-methods.ts';
import { ContainerKind } from './container-kind.ts';
import { copyValue } from './document-copy.ts';
import type { PathKey } from './document-path.ts';
import type { DocumentState } from './document-state.ts';
import { NODE, type Tagged, TrackedNode, tagRaw } from './tracked-node.ts';

export class ArrayNode extends TrackedNode implements ProxyHandler<unknown[]> {
  readonly kind = ContainerKind.Array;
  readonly raw: unknown[];
  readonly face: unknown[];

  constructor(doc: DocumentState, raw: unknown[], parent: TrackedNode | null, key: PathKey) {
    super(doc, parent, key);
    this.raw = raw;
    this.face = new Proxy(raw, this);
    tagRaw(raw, this);
  }

  holds(child: TrackedNode): boolean {
    const raw = this.raw;
    if (raw[child.key as number] === child.raw) return true;
    // Elements move (splice, sort, shift...) without their nodes hearing of it: find it and fix its key.
    const index = raw.indexOf(child.raw);
    if (index < 0) return false;
    child.key = index;
    return true;
  }

  get(target: unknown[], key: string | symbol): unknown {
    const value = (target as unknown as Record<string | symbol, unknown>)[key];
    if (typeof value === 'object') {
      if (value === null || typeof key === 'symbol') return value;
      const index = +key;
      if (!(index >= 0)) return value; // not an element: __proto__ is Array.prototype, never a document object
      const child = (value as Tagged)[NODE];
      if (child !== undefined && child.parent === this && child.key === index) return child.face;
      return this.doc.faceFor(this, index, value);
    }
    if (typeof value === 'function') return arrayMethodFor(value) ?? value;
    return value;
  }

  set(_target: unknown[], key: string | symbol, value: unknown): boolean {
    if (typeof key === 'string') {
      const index = arrayIndex(key);
      if (index >= 0) {
        this.setIndex(index, value);
        return true;
      }
      if (key === 'length') {
        this.setLength(value);
        return true;
      }
    }
    throw this.doc.invalidAt(
      this,
      String(key),
      'cannot set a property on an array',
      'an array in a document holds only its elements; use a plain object for named fields',
    );
  }

  deleteProperty(target: unknown[], key: string | symbol): boolean {
    if (typeof key === 'string') {
      const index = arrayIndex(key);
      if (index >= 0) {
        if (index < target.length && Object.hasOwn(target, key)) {
          delete target[index];
          this.recordKey(index);
        }
        return true;
      }
    }
    return key === NODE ? false : Reflect.deleteProperty(target, key);
  }

  defineProperty(_target: unknown[], key: string | symbol, descriptor: PropertyDescriptor): boolean {
    if (
      typeof key === 'string' &&
      'value' in descriptor &&
      descriptor.get === undefined &&
      descriptor.set === undefined
    ) {
      return this.set(_target, key, descriptor.value);
    }
    throw this.doc.invalidAt(
      this,
      String(key),
      'cannot define an accessor or a property on an array',
      'assign elements instead',
    );
  }

  setIndex(index: number, value: unknown): void {
    if (typeof value === 'object' ? value !== null : typeof value === 'function' || typeof value === 'symbol') {
      value = this.doc.adopt(this, index, value);
    }
    const raw = this.raw;
    const grows = index >= raw.length;
    raw[index] = value;
    if (grows) this.recordWhole();
    else this.recordKey(index);
  }

  setLength(value: unknown): void {
    const raw = this.raw;
    const before = raw.length;
    raw.length = value as number; // an invalid length throws the usual RangeError here
    if (raw.length !== before) this.recordWhole();
  }

  push(items: unknown[]): number {
    const raw = this.raw;
    const start = raw.length;
    this.adoptAll(items, start);
    for (const item of items) raw.push(item);
    if (items.length > 0) this.recordWhole();
    return raw.length;
  }

  pop(): unknown {
    const raw = this.raw;
    if (raw.length === 0) return undefined;
    const index = raw.length - 1;
    const removed = raw.pop();
    this.recordWhole();
    return this.faceInPassing(removed, index);
  }

  shift(): unknown {
    const raw = this.raw;
    if (raw.length === 0) return undefined;
    const removed = raw.shift();
    this.recordWhole();
    return this.faceInPassing(removed, 0);
  }

  unshift(items: unknown[]): number {
    const raw = this.raw;
    this.adoptAll(items, 0);
    if (items.length > 0) {
      raw.unshift(...items);
      this.recordWhole();
    }
    return raw.length;
  }

  splice(args: unknown[]): unknown[] {
    const raw = this.raw;
    if (args.length === 0) return [];
    const length = raw.length;
    const start = relativeIndex(args[0], length);
    const deleteCount = args.length === 1 ? length - start : Math.min(Math.max(toInteger(args[1]), 0), length - start);
    const items = args.slice(2);
    this.adoptAll(items, start);
    const removed = raw.splice(start, deleteCount, ...items);
    if (removed.length > 0 || items.length > 0) this.recordWhole();
    return removed.map((value, i) => this.faceInPassing(value, start + i));
  }

  sort(compare: unknown): unknown[] {
    const raw = this.raw;
    if (typeof compare === 'function') {
      // The comparator sees faces, like every other read; -1: the element's index is being decided.
      raw.sort((a, b) =>
        (compare as (a: unknown, b: unknown) => number)(this.faceInPassing(a, -1), this.faceInPassing(b, -1)),
      );
    } else {
      raw.sort(compare as undefined); // undefined sorts as strings; anything else throws the usual TypeError
    }
    if (raw.length > 1) this.recordWhole();
    return this.face;
  }

  reverse(): unknown[] {
    this.raw.reverse();
    if (this.raw.length > 1) this.recordWhole();
    return this.face;
  }

  /** fill() puts a copy of an object value at each index after the first: a document is a tree. */
  fill(value: unknown, start: unknown, end: unknown): unknown[] {
    const raw = this.raw;
    const from = relativeIndex(start ?? 0, raw.length);
    const to = end === undefined ? raw.length : relativeIndex(end, raw.length);
    if (from >= to) return this.face;
    const stored = this.adoptValue(value, from);
    if (typeof stored === 'object' && stored !== null) {
      raw[from] = stored;
      for (let i = from + 1; i < to; i++) raw[i] = copyValue(stored);
    } else {
      raw.fill(stored, from, to);
    }
    this.recordWhole();
    return this.face;
  }

  /** copyWithin() copies object elements rather than placing one object at two indexes: a document is a tree. */
  copyWithin(target: unknown, start: unknown, end: unknown): unknown[] {
    const raw = this.raw;
    const length = raw.length;
    const to = relativeIndex(target, length);
    const from = relativeIndex(start ?? 0, length);
    const final = end === undefined ? length : relativeIndex(end, length);
    const count = Math.min(final - from, length - to);
    if (count <= 0) return this.face;
    const copies = raw.slice(from, from + count).map((value) => copyValue(value));
    for (let i = 0; i < count; i++) raw[to + i] = copies[i];
    this.recordWhole();
    return this.face;
  }

  /** Makes this array hold `next`'s elements (already adopted); the proxy keeps its identity. */
  replaceContents(next: unknown[]): void {
    const raw = this.raw;
    raw.length = 0;
    for (let i = 0; i < next.length; i++) raw.push(next[i]);
  }

  private adoptAll(items: unknown[], firstIndex: number): void {
    for (let i = 0; i < items.length; i++) items[i] = this.adoptValue(items[i], firstIndex + i);
  }

  private adoptValue(value: unknown, index: number): unknown {
    if (typeof value === 'object' ? value !== null : typeof value === 'function' || typeof value === 'symbol') {
      return this.doc.adopt(this, index, value);
    }
    return value;
  }

  /** The face of element `value` at `index`; primitives and leaves as they are. */
  faceAt(value: unknown, index: number): unknown {
    return typeof value === 'object' && value !== null ? this.doc.faceFor(this, index, value) : value;
  }

  /** The face of an element being removed or compared: its node keeps the place it had (it may have moved). */
  private faceInPassing(value: unknown, index: number): unknown {
    return typeof value === 'object' && value !== null ? this.doc.faceFor(this, index, value, false) : value;
  }
}

/** The array index `key` names, or -1 (canonical decimal integers below 2^32 - 1 only, as the spec says). */
export function arrayIndex(key: string): number {
  const first = key.charCodeAt(0);
  if (!(first >= 48 && first <= 57)) return -1;
  const index = Number(key);
  return Number.isInteger(index) && index < 4294967295 && String(index) === key ? index : -1;
}

function toInteger(value: unknown): number {
  const n = Math.trunc(Number(value));
  return Number.isNaN(n) ? 0 : n;
}

/** An array method's relative index argument resolved against `length` (negative counts from the end). */
function relativeIndex(value: unknown, length: number): number {
  const n = toInteger(value);
  return n < 0 ? Math.max(length + n, 0) : Math.min(n, length);
}
