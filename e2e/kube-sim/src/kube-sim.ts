// Starts and stops one kube-sim: the store, the registry, the in-process controllers (CRDs, namespaces, garbage
// collection), the HTTP server and a kubeconfig file for it. A TEST DOUBLE of the Kubernetes API server.

import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN_USER, type Authorizer, allowAll, type UserInfo } from './authorization.ts';
import { clusterIpAllocator } from './builtin-defaults.ts';
import { ControllerLoop, type SimLog } from './controller-loop.ts';
import { CrdController } from './crd-controller.ts';
import { KUBESIM_ERROR_CODES, KubeSimError } from './errors.ts';
import { collectGarbage } from './garbage-collector.ts';
import { Router } from './http-router.ts';
import { type RequestLogEntry, startApiHttpServer } from './http-server.ts';
import { type KubeconfigOptions, writeKubeconfig } from './kubeconfig.ts';
import { createInitialNamespaces, finishTerminatingNamespaces } from './namespace-controller.ts';
import { ObjectStore } from './object-store.ts';
import { ResourceApi } from './resource-api.ts';
import { ResourceRegistry } from './resource-registry.ts';
import type { ResourceType } from './resource-type.ts';
import { openWatch, type WatchEvent, type WatchRequest } from './watch-feed.ts';

export interface KubeSimOptions {
  /** Loopback address to listen on (default: '127.0.0.1'). */
  readonly host?: string;
  /** TCP port (default: 0, a free port). */
  readonly port?: number;
  /** Bearer token of the admin user written into the kubeconfig. When this or `users` is set, requests without a
   *  known token get 401 (default: none, and every caller is the admin). */
  readonly token?: string;
  /** More bearer tokens and the users they authenticate as, e.g. the operator's service account (default: none). */
  readonly users?: Readonly<Record<string, UserInfo>>;
  /** Decides each request; deny answers 403 Forbidden (default: allow everything). */
  readonly authorizer?: Authorizer;
  /** A kubelet finishes graceful Pod deletion (default: false, Pods are deleted at once). */
  readonly kubeletAttached?: boolean;
  /** Change events kept for watches from a resourceVersion; older ones answer 410 Expired (default: 10000). */
  readonly watchHistorySize?: number;
  /** Interval of BOOKMARK events on watches that allow them (default: 5000 ms). */
  readonly bookmarkIntervalMs?: number;
  /** Watch length when the client gives no timeoutSeconds (default: 1800 s). */
  readonly defaultWatchTimeoutSeconds?: number;
  /** Largest request body (default: 8 MiB). */
  readonly maxBodyBytes?: number;
  /** Where to write the kubeconfig (default: a new temp directory, removed by stop()). */
  readonly kubeconfigPath?: string;
  /** true prints each request as a JSON line on stderr; a function receives them instead (default: off). */
  readonly logRequests?: boolean | ((entry: RequestLogEntry) => void);
  /** Internal events (controller errors, skipped CEL rules) (default: stderr JSON lines when logRequests is on). */
  readonly log?: SimLog;
  /** The clock, in epoch milliseconds (default: Date.now). */
  readonly now?: () => number;
}

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_WATCH_HISTORY_SIZE = 10_000;
export const DEFAULT_BOOKMARK_INTERVAL_MS = 5_000;
export const DEFAULT_WATCH_TIMEOUT_SECONDS = 1_800;
export const DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;

export interface KubeSim {
  /** http://host:port */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** A kubeconfig for the admin user (kubectl and @kubernetes/client-node both load it). */
  readonly kubeconfigPath: string;
  /** The same semantics as the HTTP API, in process (for a kubelet or test setup). */
  readonly api: ResourceApi;
  readonly store: ObjectStore;
  readonly registry: ResourceRegistry;
  /** The served type for an apiVersion and plural, e.g. resource('v1', 'pods'); throws when not served. */
  resource(apiVersion: string, plural: string): ResourceType;
  /** An in-process watch (e.g. the kubelet's watch on pods); returns the stop function. Throws 410 when expired. */
  watch(request: WatchRequest, onEvent: (event: WatchEvent) => void): () => void;
  /** Whether graceful Pod deletion waits for a kubelet. */
  setKubeletAttached(attached: boolean): void;
  /** Drops the watch history, as an etcd compaction: watches from older resourceVersions get 410. */
  compact(): void;
  /** Writes another kubeconfig for this server (e.g. with a service account's token). */
  writeKubeconfig(path: string, options?: Omit<KubeconfigOptions, 'server'>): Promise<string>;
  stop(): Promise<void>;
}

function stderrLine(entry: unknown): void {
  process.stderr.write(`${JSON.stringify({ component: 'kube-sim', ...(entry as object) })}\n`);
}

export async function startKubeSim(options: KubeSimOptions = {}): Promise<KubeSim> {
  const host = options.host ?? DEFAULT_HOST;
  const historySize = options.watchHistorySize ?? DEFAULT_WATCH_HISTORY_SIZE;
  if (!Number.isInteger(historySize) || historySize < 1) {
    throw new KubeSimError(
      KUBESIM_ERROR_CODES.options,
      `watchHistorySize must be a positive integer, got ${historySize}`,
    );
  }
  const logRequests =
    typeof options.logRequests === 'function'
      ? options.logRequests
      : options.logRequests === true
        ? stderrLine
        : undefined;
  const log: SimLog = options.log ?? (options.logRequests === true ? stderrLine : () => {});
  let kubeletAttached = options.kubeletAttached ?? false;

  const tokens = new Map<string, UserInfo>(Object.entries(options.users ?? {}));
  let adminToken = options.token;
  if (adminToken === undefined && tokens.size > 0) adminToken = randomBytes(16).toString('hex');
  if (adminToken !== undefined) tokens.set(adminToken, ADMIN_USER);

  const store = new ObjectStore(historySize);
  const registry = new ResourceRegistry();
  const api = new ResourceApi({
    store,
    registry,
    now: options.now ?? Date.now,
    kubeletAttached: () => kubeletAttached,
    allocateClusterIp: clusterIpAllocator(),
  });
  createInitialNamespaces(api);
  const crds = new CrdController(api, log);
  const loops = [
    new ControllerLoop('crd', store, () => crds.sweep(), log),
    new ControllerLoop('namespace', store, () => finishTerminatingNamespaces(api), log),
    new ControllerLoop('garbage-collector', store, () => collectGarbage(api), log),
  ];
  let serverAddress = '';
  const router = new Router(api, {
    serverAddress: () => serverAddress,
    bookmarkIntervalMs: options.bookmarkIntervalMs ?? DEFAULT_BOOKMARK_INTERVAL_MS,
    defaultWatchTimeoutSeconds: options.defaultWatchTimeoutSeconds ?? DEFAULT_WATCH_TIMEOUT_SECONDS,
  });
  const http = await startApiHttpServer({
    host,
    port: options.port ?? 0,
    router,
    store,
    tokens,
    authorizer: options.authorizer ?? allowAll,
    ...(logRequests === undefined ? {} : { onRequest: logRequests }),
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
  });
  for (const loop of loops) loop.start();
  const urlHost = host.includes(':') ? `[${host}]` : host;
  serverAddress = `${urlHost}:${http.port}`;
  const url = `http://${serverAddress}`;
  const tempDir = options.kubeconfigPath === undefined ? await mkdtemp(join(tmpdir(), 'kube-sim-')) : undefined;
  const kubeconfigPath = options.kubeconfigPath ?? join(tempDir as string, 'kubeconfig');
  await writeKubeconfig(kubeconfigPath, { server: url, ...(adminToken === undefined ? {} : { token: adminToken }) });

  let stopped = false;
  return {
    url,
    host,
    port: http.port,
    kubeconfigPath,
    api,
    store,
    registry,
    resource(apiVersion, plural) {
      const slash = apiVersion.indexOf('/');
      const type = registry.lookup(
        slash < 0 ? '' : apiVersion.slice(0, slash),
        slash < 0 ? apiVersion : apiVersion.slice(slash + 1),
        plural,
      );
      if (type === undefined) {
        throw new KubeSimError(
          KUBESIM_ERROR_CODES.options,
          `${plural} is not served at ${apiVersion}; create its CRD first`,
        );
      }
      return type;
    },
    watch: (request, onEvent) => openWatch(store, request, onEvent),
    setKubeletAttached(attached) {
      kubeletAttached = attached;
    },
    compact: () => store.compact(),
    writeKubeconfig: (path, more = {}) =>
      writeKubeconfig(path, { server: url, ...(adminToken === undefined ? {} : { token: adminToken }), ...more }),
    async stop() {
      if (stopped) return;
      stopped = true;
      for (const loop of loops) loop.stop();
      await http.close();
      if (tempDir !== undefined) await rm(tempDir, { recursive: true, force: true });
    },
  };
}
