// Where the etcd provider keeps things: one prefix per cluster, with members, directory entries and leased worker
// ids beneath it. Building and parsing keys lives here so the layout is written down once.

/** The key layout of one cluster: `/gamecluster/<cluster>/{members,dir,workers}/...`. */
export interface EtcdKeyLayout {
  /** `/gamecluster/<cluster>/`: everything the cluster writes (the provider watches this one prefix). */
  readonly root: string;
  readonly membersPrefix: string;
  readonly dirPrefix: string;
  readonly workersPrefix: string;
  memberKey(memberId: string): string;
  /** The kind is URI-encoded so a `/` in it cannot be mistaken for the kind/id separator; the id is kept as is. */
  dirKey(kind: string, id: string): string;
  workerKey(workerId: number): string;
  /** `/gamecluster/<cluster>/epoch-base`: set once per etcd cluster, never on a lease (see epoch-base.ts). */
  readonly epochBaseKey: string;
  /**
   * Added to create revisions to make epochs; read from etcd at join (0 before). Mutable so the directory, the
   * watch and the provider share the value they all convert with.
   */
  epochBase: number;
}

export type ParsedClusterKey =
  | { readonly type: 'member'; readonly memberId: string }
  | { readonly type: 'dir'; readonly kind: string; readonly id: string }
  | { readonly type: 'worker'; readonly workerId: number };

export function etcdKeyLayout(cluster: string): EtcdKeyLayout {
  const root = `/gamecluster/${cluster}/`;
  const membersPrefix = `${root}members/`;
  const dirPrefix = `${root}dir/`;
  const workersPrefix = `${root}workers/`;
  return {
    root,
    membersPrefix,
    dirPrefix,
    workersPrefix,
    memberKey: (memberId) => membersPrefix + memberId,
    dirKey: (kind, id) => `${dirPrefix}${encodeURIComponent(kind)}/${id}`,
    workerKey: (workerId) => workersPrefix + String(workerId),
    epochBaseKey: `${root}epoch-base`,
    epochBase: 0,
  };
}

/** What a key under `layout.root` names; undefined for keys this provider does not write. */
/** The epoch of a directory key: the cluster's epoch base plus the key's create revision. */
export function epochOf(layout: EtcdKeyLayout, createRevision: string | number): number {
  return layout.epochBase + Number(createRevision);
}

export function parseClusterKey(layout: EtcdKeyLayout, key: string): ParsedClusterKey | undefined {
  if (key.startsWith(layout.membersPrefix)) {
    const memberId = key.slice(layout.membersPrefix.length);
    return memberId === '' ? undefined : { type: 'member', memberId };
  }
  if (key.startsWith(layout.dirPrefix)) {
    const rest = key.slice(layout.dirPrefix.length);
    const slash = rest.indexOf('/');
    if (slash <= 0) return undefined;
    try {
      return { type: 'dir', kind: decodeURIComponent(rest.slice(0, slash)), id: rest.slice(slash + 1) };
    } catch {
      return undefined; // malformed escape: not a key we wrote
    }
  }
  if (key.startsWith(layout.workersPrefix)) {
    const text = key.slice(layout.workersPrefix.length);
    return /^(?:0|[1-9][0-9]*)$/.test(text) ? { type: 'worker', workerId: Number(text) } : undefined;
  }
  return undefined;
}
