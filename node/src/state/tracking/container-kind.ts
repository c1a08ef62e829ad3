// What kind of value a document may hold, decided once per object: the containers it tracks (plain object,
// array, Map, Set), the leaves it stores whole (Date, typed arrays and Buffers), and everything it refuses.

export const ContainerKind = {
  Record: 0,
  Array: 1,
  Map: 2,
  Set: 3,
  /** Stored and copied whole; mutating one in place is not seen: assign a new one. */
  Leaf: 4,
  Invalid: 5,
} as const;
export type ContainerKind = (typeof ContainerKind)[keyof typeof ContainerKind];

/** The kind of a non-null object. Works for objects of another realm (vm contexts, test runners) too. */
export function containerKindOf(value: object): ContainerKind {
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto === Object.prototype || proto === null) return ContainerKind.Record;
  if (proto === Array.prototype) return ContainerKind.Array;
  if (proto === Map.prototype) return ContainerKind.Map;
  if (proto === Set.prototype) return ContainerKind.Set;
  if (value instanceof Date) return ContainerKind.Leaf;
  if (ArrayBuffer.isView(value)) return value instanceof DataView ? ContainerKind.Invalid : ContainerKind.Leaf;
  return foreignRealmKind(value, proto);
}

// The same checks by brand instead of identity, for values built by another realm's constructors.
function foreignRealmKind(value: object, proto: unknown): ContainerKind {
  if (Array.isArray(value)) return Array.isArray(proto) ? ContainerKind.Array : ContainerKind.Invalid;
  const tag = Object.prototype.toString.call(value);
  // A realm's Object.prototype has no prototype; a class's prototype does.
  const classInstance = proto !== null && typeof proto === 'object' && Object.getPrototypeOf(proto) !== null;
  if (tag === '[object Object]') return classInstance ? ContainerKind.Invalid : ContainerKind.Record;
  if (tag === '[object Map]' && hasBrand(value, Map.prototype.has)) return ContainerKind.Map;
  if (tag === '[object Set]' && hasBrand(value, Set.prototype.has)) return ContainerKind.Set;
  if (tag === '[object Date]' && hasBrand(value, Date.prototype.getTime)) return ContainerKind.Leaf;
  return ContainerKind.Invalid;
}

function hasBrand(value: object, method: (this: never, ...args: never[]) => unknown): boolean {
  try {
    (method as (this: object) => unknown).call(value);
    return true;
  } catch {
    return false;
  }
}

/** `a function`, `a Sword instance`, `a symbol`: what was refused, for messages. */
export function describeValue(value: unknown): string {
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'symbol') return 'a symbol';
  if (typeof value !== 'object' || value === null) return `a ${typeof value}`;
  if (value instanceof DataView) return 'a DataView';
  if (Array.isArray(value)) return 'an array';
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto === Object.prototype || proto === null) return 'a plain object';
  const name = (Object.getPrototypeOf(value) as { constructor?: { name?: unknown } } | null)?.constructor?.name;
  return typeof name === 'string' && name !== '' ? `a ${name} instance` : 'an object with a custom prototype';
}
