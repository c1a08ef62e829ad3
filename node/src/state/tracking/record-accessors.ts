// The getter/setter pair a plain-object view defines for each key. Each field name gets its own compiled pair, so
// the property access inside is monomorphic and the optimiser inlines the whole read or write into the handler:
// closures over the key share one body whose accesses see every key and go megamorphic (the state.tracking
// handler: about 25 ns compiled, about 80 ns with closures). Keys are embedded as JSON string literals, which
// cannot escape the literal.
import type { RecordNode } from './record-node.ts';
import { NODE, type Tagged } from './tracked-node.ts';

/** Distinct keys compiled per process; further keys (a dictionary's ids) get the generic accessor code. */
export const MAX_COMPILED_KEYS = 4096;
/** Generic accessors kept for reuse; past this many the cache starts over (memory stays bounded). */
const MAX_GENERIC_KEYS = 65_536;

// Field names are compiled; ids, numbers and long keys (dictionary entries, whose number has no bound) are not.
const COMPILED_KEY = /^[A-Za-z_$][\w$]{0,63}$/;

type AccessorFactory = (node: typeof NODE) => PropertyDescriptor;

const compiled = new Map<string, PropertyDescriptor>();
// One descriptor per key, reused, matters as much as compiling: views that define a key with the same getter
// and setter share their hidden class, so the actor's code stays monomorphic across documents.
const generic = new Map<string, PropertyDescriptor>();
let codeGeneration = true;

/** The accessor descriptor (enumerable, configurable) a view defines for `key`. */
export function accessorFor(key: string): PropertyDescriptor {
  const known = compiled.get(key) ?? generic.get(key);
  if (known !== undefined) return known;
  if (codeGeneration && compiled.size < MAX_COMPILED_KEYS && COMPILED_KEY.test(key)) {
    try {
      const descriptor = compileAccessor(key);
      compiled.set(key, descriptor);
      return descriptor;
    } catch {
      // Code generation is disabled in this process (--disallow-code-generation-from-strings): generic from now on.
      codeGeneration = false;
    }
  }
  if (generic.size >= MAX_GENERIC_KEYS) generic.clear();
  const descriptor = genericAccessor(key);
  generic.set(key, descriptor);
  return descriptor;
}

function compileAccessor(key: string): PropertyDescriptor {
  const k = JSON.stringify(key);
  const source = `'use strict';
return {
  get: function () {
    const node = this[NODE];
    const value = node.raw[${k}];
    if (typeof value !== 'object' || value === null) return value;
    const child = value[NODE];
    if (child !== undefined && child.parent === node && child.key === ${k}) return child.face;
    return node.doc.faceFor(node, ${k}, value);
  },
  set: function (value) {
    const node = this[NODE];
    if (typeof value === 'object' ? value !== null : typeof value === 'function' || typeof value === 'symbol') {
      value = node.doc.adopt(node, ${k}, value);
    }
    node.raw[${k}] = value;
    node.recordKey(${k});
  },
  enumerable: true,
  configurable: true,
};`;
  const factory = new Function('NODE', source) as AccessorFactory;
  return factory(NODE);
}

/** The same pair as a closure over `key`: correct for any key, slower once many keys share it. */
function genericAccessor(key: string): PropertyDescriptor {
  return {
    get(this: Tagged): unknown {
      const node = this[NODE] as RecordNode;
      const value = node.raw[key];
      if (typeof value !== 'object' || value === null) return value;
      const child = (value as Tagged)[NODE];
      if (child !== undefined && child.parent === node && child.key === key) return child.face;
      return node.doc.faceFor(node, key, value);
    },
    set(this: Tagged, value: unknown): void {
      const node = this[NODE] as RecordNode;
      if (typeof value === 'object' ? value !== null : typeof value === 'function' || typeof value === 'symbol') {
        value = node.doc.adopt(node, key, value);
      }
      node.raw[key] = value;
      node.recordKey(key);
    },
    enumerable: true,
    configurable: true,
  };
}
