// The simulator's etcd: every object by resource, namespace and name, one global revision counter that every write
// advances (an object's resourceVersion is the revision of its last write, as with etcd's mod_revision), and a
// bounded history of change events from which watches replay. Events older than the history are "compacted".

import { expired } from './errors.ts';
import { cloneObject, type KubeObject } from './kube-object.ts';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreEvent {
  readonly type: WatchEventType;
  readonly revision: number;
  /** The group-resource key, e.g. `pods` or `leases.coordination.k8s.io`. */
  readonly resource: string;
  /** The object after the change (for DELETED: as it was, with the deletion's revision). Do not mutate. */
  readonly object: KubeObject;
  /** For MODIFIED: the object before the change (a watch with a selector needs both). */
  readonly previous?: KubeObject;
}

export type StoreListener = (event: StoreEvent) => void;

function keyOf(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

export class ObjectStore {
  readonly #objects = new Map<string, Map<string, KubeObject>>();
  readonly #byUid = new Map<string, { resource: string; key: string }>();
  readonly #history: StoreEvent[] = [];
  readonly #listeners = new Set<StoreListener>();
  readonly #historySize: number;
  #revision = 0;
  #compactedRevision = 0;

  constructor(historySize: number) {
    this.#historySize = historySize;
  }

  /** The latest revision: the resourceVersion of a list taken now. */
  get revision(): number {
    return this.#revision;
  }

  /** Watches from a revision below this one get 410 Expired. */
  get compactedRevision(): number {
    return this.#compactedRevision;
  }

  get(resource: string, namespace: string, name: string): KubeObject | undefined {
    const stored = this.#objects.get(resource)?.get(keyOf(namespace, name));
    return stored === undefined ? undefined : cloneObject(stored);
  }

  /** Objects of a resource (in one namespace when given), ordered by namespace then name. */
  list(resource: string, namespace?: string): KubeObject[] {
    const bucket = this.#objects.get(resource);
    if (bucket === undefined) return [];
    const out: KubeObject[] = [];
    for (const object of bucket.values()) {
      if (namespace === undefined || (object.metadata.namespace ?? '') === namespace) out.push(cloneObject(object));
    }
    return out.sort((a, b) => {
      const ak = keyOf(a.metadata.namespace ?? '', a.metadata.name ?? '');
      const bk = keyOf(b.metadata.namespace ?? '', b.metadata.name ?? '');
      return ak < bk ? -1 : ak > bk ? 1 : 0;
    });
  }

  /** The live object with this uid, wherever it is stored. */
  byUid(uid: string): { resource: string; object: KubeObject } | undefined {
    const where = this.#byUid.get(uid);
    if (where === undefined) return undefined;
    const stored = this.#objects.get(where.resource)?.get(where.key);
    return stored === undefined ? undefined : { resource: where.resource, object: cloneObject(stored) };
  }

  /** Stores a new or changed object under the next revision and tells the listeners. Returns the stored copy. */
  write(resource: string, object: KubeObject): KubeObject {
    const namespace = object.metadata.namespace ?? '';
    const name = object.metadata.name ?? '';
    const key = keyOf(namespace, name);
    let bucket = this.#objects.get(resource);
    if (bucket === undefined) {
      bucket = new Map();
      this.#objects.set(resource, bucket);
    }
    const previous = bucket.get(key);
    const type: WatchEventType = previous === undefined ? 'ADDED' : 'MODIFIED';
    this.#revision += 1;
    const stored = cloneObject(object);
    stored.metadata.resourceVersion = String(this.#revision);
    bucket.set(key, stored);
    if (stored.metadata.uid !== undefined) this.#byUid.set(stored.metadata.uid, { resource, key });
    this.#emit({
      type,
      revision: this.#revision,
      resource,
      object: stored,
      ...(previous === undefined ? {} : { previous }),
    });
    return cloneObject(stored);
  }

  /** Removes an object; the DELETED event carries it with the deletion's revision. */
  remove(resource: string, namespace: string, name: string): KubeObject | undefined {
    const key = keyOf(namespace, name);
    const bucket = this.#objects.get(resource);
    const stored = bucket?.get(key);
    if (bucket === undefined || stored === undefined) return undefined;
    bucket.delete(key);
    if (stored.metadata.uid !== undefined) this.#byUid.delete(stored.metadata.uid);
    this.#revision += 1;
    const last = cloneObject(stored);
    last.metadata.resourceVersion = String(this.#revision);
    this.#emit({ type: 'DELETED', revision: this.#revision, resource, object: last });
    return cloneObject(last);
  }

  /** The events after `revision`, oldest first; throws 410 Expired when some of them were compacted away. */
  eventsSince(revision: number): StoreEvent[] {
    if (revision < this.#compactedRevision) throw expired(revision, this.#compactedRevision);
    const out: StoreEvent[] = [];
    for (const event of this.#history) if (event.revision > revision) out.push(event);
    return out;
  }

  /** Drops the whole history, as an etcd compaction at the current revision would. */
  compact(): void {
    this.#history.length = 0;
    this.#compactedRevision = this.#revision;
  }

  subscribe(listener: StoreListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #emit(event: StoreEvent): void {
    this.#history.push(event);
    while (this.#history.length > this.#historySize) {
      const dropped = this.#history.shift();
      if (dropped !== undefined) this.#compactedRevision = dropped.revision;
    }
    for (const listener of [...this.#listeners]) listener(event);
  }
}
