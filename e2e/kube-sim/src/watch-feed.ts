// A watch on one resource: the replay from a resourceVersion (or the current state as ADDED events when none is
// given), then live changes, filtered by namespace and selectors. An object that starts or stops matching a
// selector arrives as ADDED or DELETED, as from the real watch cache. Used by HTTP watches and in-process watchers.

import { badRequest } from './errors.ts';
import type { KubeObject } from './kube-object.ts';
import type { ObjectStore, StoreEvent, WatchEventType } from './object-store.ts';
import { type ListQuery, selectorsMatch } from './resource-api.ts';
import { groupResource, type ResourceType } from './resource-type.ts';

export interface WatchEvent {
  readonly type: WatchEventType;
  readonly object: KubeObject;
}

export interface WatchRequest {
  readonly type: ResourceType;
  /** Undefined: every namespace. */
  readonly namespace?: string;
  readonly query?: ListQuery;
  /** Unset, '' or '0': start with the current objects as ADDED events; otherwise replay the changes after it. */
  readonly resourceVersion?: string;
}

/**
 * Starts a watch; `onEvent` runs synchronously for each event, in revision order, starting before this returns.
 * Throws ApiError 410 Expired when resourceVersion is older than the store's history. Returns the stop function.
 */
export function openWatch(store: ObjectStore, request: WatchRequest, onEvent: (event: WatchEvent) => void): () => void {
  const resource = groupResource(request.type);
  const namespace = request.type.namespaced ? request.namespace : undefined;
  const query = request.query ?? {};
  const inScope = (object: KubeObject): boolean =>
    (namespace === undefined || object.metadata.namespace === namespace) && selectorsMatch(query, object);

  const translate = (event: StoreEvent): WatchEvent | undefined => {
    if (event.resource !== resource) return undefined;
    const now = inScope(event.object);
    if (event.type !== 'MODIFIED') return now ? { type: event.type, object: event.object } : undefined;
    const before = event.previous !== undefined && inScope(event.previous);
    if (now) return { type: before ? 'MODIFIED' : 'ADDED', object: event.object };
    return before ? { type: 'DELETED', object: event.object } : undefined;
  };

  const rv = request.resourceVersion ?? '';
  if (rv === '' || rv === '0') {
    for (const object of store.list(resource, namespace)) if (inScope(object)) onEvent({ type: 'ADDED', object });
  } else {
    const revision = Number(rv);
    if (!Number.isInteger(revision) || revision < 0) throw badRequest(`invalid resourceVersion "${rv}"`);
    for (const event of store.eventsSince(revision)) {
      const translated = translate(event);
      if (translated !== undefined) onEvent(translated);
    }
  }
  return store.subscribe((event) => {
    const translated = translate(event);
    if (translated !== undefined) onEvent(translated);
  });
}
