// What the Map and Set proxies share: building a method that runs on the tracked collection behind `this` (or as
// the built-in when `this` is not one), and the error for properties set on a collection.
import type { InvalidDocumentError } from '../errors.ts';
import type { ContainerKind } from './container-kind.ts';
import { nodeOfFace, type TrackedNode } from './tracked-node.ts';

export type AnyMethod = (this: unknown, ...args: unknown[]) => unknown;

export function collectionMethod(
  name: string,
  prototype: object,
  kind: ContainerKind,
  apply: (node: TrackedNode, args: unknown[]) => unknown,
): AnyMethod {
  const builtin = (prototype as Record<string, AnyMethod>)[name]!;
  return {
    [name](this: unknown, ...args: unknown[]): unknown {
      const node = typeof this === 'object' && this !== null ? nodeOfFace(this) : undefined;
      return node !== undefined && node.kind === kind ? apply(node, args) : builtin.apply(this, args);
    },
  }[name]!;
}

export function refuseProperty(node: TrackedNode, key: string | symbol, what: string): InvalidDocumentError {
  return node.doc.invalidAt(
    node,
    String(key),
    `cannot set property ${String(key)} on ${what}`,
    `${what} in a document holds data only in its entries; use its methods`,
  );
}
