// Deep plain copies of document data (snapshot(), and the copies fill/copyWithin and cross-document assignment
// make): new objects, arrays, Maps, Sets, Dates and typed arrays, no faces, nothing shared with the document.
import { InvalidDocumentError } from '../errors.ts';
import { ContainerKind, containerKindOf } from './container-kind.ts';

/** Deeper data is refused: real documents are shallow, and a cycle would otherwise recurse forever. */
export const MAX_DOCUMENT_DEPTH = 64;

export function copyValue(value: unknown, depth = 0): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (depth > MAX_DOCUMENT_DEPTH) {
    throw new InvalidDocumentError(
      `document nests deeper than ${MAX_DOCUMENT_DEPTH} levels or contains a cycle: a document is a tree; ` +
        'was a raw object kept and changed behind the document?',
    );
  }
  switch (containerKindOf(value)) {
    case ContainerKind.Record: {
      const source = value as Record<string, unknown>;
      const copy: Record<string, unknown> = {};
      for (const key of Object.keys(source)) copy[key] = copyValue(source[key], depth + 1);
      return copy;
    }
    case ContainerKind.Array: {
      const source = value as unknown[];
      const copy = new Array<unknown>(source.length);
      for (let i = 0; i < source.length; i++) copy[i] = copyValue(source[i], depth + 1);
      return copy;
    }
    case ContainerKind.Map: {
      const copy = new Map<unknown, unknown>();
      for (const [key, item] of value as Map<unknown, unknown>) copy.set(key, copyValue(item, depth + 1));
      return copy;
    }
    case ContainerKind.Set: {
      const copy = new Set<unknown>();
      for (const item of value as Set<unknown>) copy.add(copyValue(item, depth + 1));
      return copy;
    }
    case ContainerKind.Leaf:
      return copyLeaf(value);
    default:
      throw new InvalidDocumentError(
        'document holds a value it cannot copy: was a raw object kept and changed behind the document?',
      );
  }
}

function copyLeaf(value: object): object {
  if (!ArrayBuffer.isView(value)) return new Date(Date.prototype.getTime.call(value));
  if (Buffer.isBuffer(value)) return Buffer.from(value);
  return (value as unknown as { slice(): object }).slice();
}
