// A watch over HTTP: one JSON event per line on a chunked 200 response, BOOKMARK events at an interval when the
// client allows them, the stream ended after timeoutSeconds, and a too-old resourceVersion answered as the real
// server answers it: an ERROR event carrying a 410 Expired Status, then the end of the stream.

import { toApiError } from './errors.ts';
import { type RenderOptions, renderOne } from './http-render.ts';
import type { KubeObject } from './kube-object.ts';
import type { ObjectStore } from './object-store.ts';
import { apiVersionOf } from './resource-type.ts';
import { openWatch, type WatchRequest } from './watch-feed.ts';

export interface WatchStreamOptions {
  readonly request: WatchRequest;
  readonly render: RenderOptions;
  readonly allowBookmarks: boolean;
  readonly bookmarkIntervalMs: number;
  readonly timeoutMs: number;
}

export interface WatchSink {
  readonly send: (event: unknown) => void;
  readonly close: () => void;
}

/** Starts streaming into the sink; returns the function that stops it (idempotent). */
export function streamWatch(store: ObjectStore, options: WatchStreamOptions, sink: WatchSink): () => void {
  let first = true;
  const render = (object: KubeObject): unknown => {
    const out = renderOne(options.render, object, !first);
    first = false;
    return out;
  };
  let stopFeed: () => void = () => {};
  const timers: NodeJS.Timeout[] = [];
  let stopped = false;
  const stop = (): void => {
    if (stopped) return;
    stopped = true;
    stopFeed();
    for (const t of timers) clearTimeout(t);
  };
  try {
    stopFeed = openWatch(store, options.request, (event) =>
      sink.send({ type: event.type, object: render(event.object) }),
    );
  } catch (error) {
    sink.send({ type: 'ERROR', object: toApiError(error).status });
    stop();
    sink.close();
    return stop;
  }
  if (options.allowBookmarks) {
    const { type } = options.request;
    const bookmark = setInterval(() => {
      sink.send({
        type: 'BOOKMARK',
        object: {
          kind: type.kind,
          apiVersion: apiVersionOf(type.group, options.render.version),
          metadata: { resourceVersion: String(store.revision) },
        },
      });
    }, options.bookmarkIntervalMs);
    bookmark.unref();
    timers.push(bookmark);
  }
  const timeout = setTimeout(() => {
    stop();
    sink.close();
  }, options.timeoutMs);
  timeout.unref();
  timers.push(timeout);
  return stop;
}
