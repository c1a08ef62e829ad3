// Paths into a tracked document and the pure operations on them: collapsing a set of changed paths to the
// smallest set that covers them (a path under a changed ancestor adds nothing) and printing one for messages.

/** Keys from the root down, e.g. `['inventory', 3, 'count']`; `[]` is the whole document. */
export type DocumentPath = readonly (string | number)[];

/** One step of a path: a plain object's key, an array index, or a Map key. */
export type PathKey = string | number;

/** True when `prefix` is `path` or one of its ancestors. */
export function coversPath(prefix: DocumentPath, path: DocumentPath): boolean {
  if (prefix.length > path.length) return false;
  for (let i = 0; i < prefix.length; i++) if (prefix[i] !== path[i]) return false;
  return true;
}

interface PathTrieNode {
  /** A collected path ends here: everything below is covered. */
  end: boolean;
  readonly children: Map<PathKey, PathTrieNode>;
}

/**
 * The paths without duplicates and without any path whose ancestor is also present, shortest first. Keys compare
 * by identity, so `1` (an array index or numeric Map key) and `'1'` (an object key) stay distinct.
 */
export function collapsePaths(paths: readonly DocumentPath[]): DocumentPath[] {
  const sorted = [...paths].sort((a, b) => a.length - b.length);
  const root: PathTrieNode = { end: false, children: new Map() };
  const kept: DocumentPath[] = [];
  for (const path of sorted) {
    let node = root;
    let covered = false;
    for (const key of path) {
      if (node.end) {
        covered = true;
        break;
      }
      let child = node.children.get(key);
      if (child === undefined) {
        child = { end: false, children: new Map() };
        node.children.set(key, child);
      }
      node = child;
    }
    if (covered || node.end) continue;
    node.end = true;
    kept.push(path);
  }
  return kept;
}

/** `inventory[3].count` for `['inventory', 3, 'count']`; `(root)` for `[]`. For messages only. */
export function formatPath(path: DocumentPath): string {
  if (path.length === 0) return '(root)';
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(key)) text += text === '' ? key : `.${key}`;
    else text += `[${JSON.stringify(key)}]`;
  }
  return text;
}
