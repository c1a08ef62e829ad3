// The built-in array methods as a tracked array's proxy hands them out: the ones that change the array (each
// works on the raw array in one step and records the array once, instead of a set trap per element moved) and
// the ones that read (array-readers.ts). Called on anything but a tracked array, each behaves as the built-in.
import type { ArrayNode } from './array-node.ts';
import { type ArrayReader, arrayReaders } from './array-readers.ts';
import { ContainerKind } from './container-kind.ts';
import { nodeOfFace } from './tracked-node.ts';

type AnyMethod = (this: unknown, ...args: unknown[]) => unknown;

const mutators: Record<string, ArrayReader> = {
  push: (node, args) => node.push(args),
  pop: (node) => node.pop(),
  shift: (node) => node.shift(),
  unshift: (node, args) => node.unshift(args),
  splice: (node, args) => node.splice(args),
  sort: (node, args) => node.sort(args[0]),
  reverse: (node) => node.reverse(),
  fill: (node, args) => node.fill(args[0], args[1], args[2]),
  copyWithin: (node, args) => node.copyWithin(args[0], args[1], args[2]),
};

function arrayNodeOf(value: unknown): ArrayNode | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const node = nodeOfFace(value);
  return node?.kind === ContainerKind.Array ? (node as ArrayNode) : undefined;
}

const replacements = new Map<unknown, AnyMethod>();
for (const [name, apply] of Object.entries({ ...mutators, ...arrayReaders })) {
  const builtin = (Array.prototype as unknown as Record<string, AnyMethod>)[name]!;
  const method = {
    [name](this: unknown, ...args: unknown[]): unknown {
      const node = arrayNodeOf(this);
      return node === undefined ? builtin.apply(this, args) : apply(node, args);
    },
  }[name]!;
  replacements.set(builtin, method);
}

/** The tracked version of a built-in array method, or undefined for one that runs through the proxy as it is. */
export function arrayMethodFor(method: unknown): AnyMethod | undefined {
  return replacements.get(method);
}
