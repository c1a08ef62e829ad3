// The face of a tracked plain object: a TrackedObject whose own enumerable accessors stand for the object's keys
// (so Object.keys, spread, JSON.stringify and `in` behave as on the plain object) and whose prototype is a Proxy
// that sees what accessors cannot: a key assigned for the first time, and a read of a key deleted from the view.
import type { RecordNode } from './record-node.ts';
import { NODE, type Tagged } from './tracked-node.ts';

export class TrackedObject {
  declare readonly [NODE]: RecordNode;

  constructor(node: RecordNode) {
    Object.defineProperty(this, NODE, { value: node });
  }
}

function viewNode(receiver: unknown): RecordNode | undefined {
  const node = (receiver as Tagged)[NODE] as RecordNode | undefined;
  return node !== undefined && node.face === receiver ? node : undefined;
}

// Reached only for keys the view has no accessor for; everything else is answered by the view itself.
const missingKeys: ProxyHandler<object> = {
  get(target, key, receiver) {
    if (typeof key === 'string') {
      const node = viewNode(receiver);
      if (node !== undefined && Object.hasOwn(node.raw, key)) return node.applyDelete(key);
    }
    return Reflect.get(target, key, receiver);
  },
  set(_target, key, value, receiver) {
    const node = viewNode(receiver);
    if (node === undefined) {
      // An object that merely inherits from a view: behave as an ordinary assignment to it.
      return Reflect.defineProperty(receiver as object, key, {
        value,
        writable: true,
        enumerable: true,
        configurable: true,
      });
    }
    node.addKey(key, value);
    return true;
  },
};

Object.setPrototypeOf(TrackedObject.prototype, new Proxy({}, missingKeys));

// console.log / util.inspect show the data rather than a wall of [Getter/Setter].
Object.defineProperty(TrackedObject.prototype, Symbol.for('nodejs.util.inspect.custom'), {
  value(this: TrackedObject, _depth: number, options: unknown, inspect: (value: unknown, options: unknown) => string) {
    return inspect({ ...this }, options);
  },
});
