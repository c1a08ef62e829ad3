// For tests: a document's changes in a stable order (the order takeChanges() returns them in is not a contract).
import type { DocumentPath } from './document-path.ts';
import type { TrackedDocument } from './tracked-document.ts';

export function sortPaths(paths: readonly DocumentPath[]): DocumentPath[] {
  return [...paths].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
}

/** doc.takeChanges(), sorted. */
export function takeSorted(doc: TrackedDocument<unknown>): DocumentPath[] {
  return sortPaths(doc.takeChanges());
}
