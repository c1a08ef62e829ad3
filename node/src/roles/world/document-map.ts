// Maps inside saved documents, as loaded: a document saved through a StoreShard on another node crosses the mesh,
// whose envelope encoding turns Maps into plain objects, so a Map field may come back as an object. asMap takes
// either and answers a Map, so world documents read the same wherever their StoreShard ran.

/** `value` as a Map with string keys: itself if it is one, a Map of an object's own entries, else an empty Map. */
export function asMap<V>(value: unknown): Map<string, V> {
  if (value instanceof Map) return value as Map<string, V>;
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    return new Map(Object.entries(value as Record<string, V>));
  }
  return new Map();
}
