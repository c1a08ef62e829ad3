// Maps one authenticated, authorized request to its answer: discovery, /version, OpenAPI, health, or a verb on a
// resource or its status/scale subresource. Answers are data (JSON, text, or a watch to stream); http-server.ts
// does the I/O.

import { coreVersions, group, groupList, resourceList, versionInfo } from './discovery.ts';
import { ApiError, methodNotSupported, notFound, successStatus, unknownResource } from './errors.ts';
import {
  deleteOptionsOf,
  fieldValidationOf,
  includeObjectOf,
  isDryRun,
  listQueryOf,
  patchTypeOf,
  responseShapeOf,
} from './http-params.ts';
import { type RenderOptions, renderList, renderOne } from './http-render.ts';
import type { WatchStreamOptions } from './http-watch.ts';
import { openApiGroupVersion, openApiRoot, parseOpenApiPath } from './openapi.ts';
import type { RequestInfo, ResourceRequestInfo } from './request-info.ts';
import type { ResourceApi, WriteResult } from './resource-api.ts';
import type { ResourceType } from './resource-type.ts';
import { getScale, patchScale, updateScale } from './scale-subresource.ts';

export interface RouteRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: unknown;
  readonly info: RequestInfo;
}

export type RouteResult =
  | { readonly kind: 'json'; readonly status: number; readonly body: unknown; readonly warnings?: readonly string[] }
  | { readonly kind: 'text'; readonly status: number; readonly body: string }
  | { readonly kind: 'watch'; readonly options: WatchStreamOptions };

export interface RouterOptions {
  readonly serverAddress: () => string;
  readonly bookmarkIntervalMs: number;
  readonly defaultWatchTimeoutSeconds: number;
}

function header(request: RouteRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

const json = (body: unknown, status = 200): RouteResult => ({ kind: 'json', status, body });

export class Router {
  readonly #api: ResourceApi;
  readonly #options: RouterOptions;

  constructor(api: ResourceApi, options: RouterOptions) {
    this.#api = api;
    this.#options = options;
  }

  route(request: RouteRequest): RouteResult {
    return request.info.kind === 'nonResource'
      ? this.#nonResource(request, request.info.path)
      : this.#resource(request, request.info);
  }

  #nonResource(request: RouteRequest, path: string): RouteResult {
    const registry = this.#api.context.registry;
    const segments = path.split('/').filter((s) => s !== '');
    const notFoundText: RouteResult = { kind: 'text', status: 404, body: '404 page not found\n' };
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return segments[0] === 'api' || segments[0] === 'apis' ? json(methodNotAllowed(), 405) : notFoundText;
    }
    if (path === '/healthz' || path === '/livez' || path === '/readyz')
      return { kind: 'text', status: 200, body: 'ok' };
    if (path === '/version' || path === '/version/') return json(versionInfo());
    if (segments[0] === 'api') {
      if (segments.length === 1) return json(coreVersions(this.#options.serverAddress()));
      if (segments.length === 2 && segments[1] === 'v1') return json(resourceList(registry, '', 'v1'));
      return notFoundText;
    }
    if (segments[0] === 'apis') {
      if (segments.length === 1) return json(groupList(registry));
      const found =
        segments.length === 2
          ? group(registry, segments[1] ?? '')
          : segments.length === 3
            ? resourceList(registry, segments[1] ?? '', segments[2] ?? '')
            : undefined;
      return found === undefined ? json(unknownResource().status, 404) : json(found);
    }
    if (segments[0] === 'openapi' && segments[1] === 'v3') {
      if (segments.length === 2) return json(openApiRoot(registry));
      const gv = parseOpenApiPath(segments.slice(2).join('/'));
      const doc = gv === undefined ? undefined : openApiGroupVersion(registry, gv.group, gv.version);
      return doc === undefined ? notFoundText : json(doc);
    }
    return notFoundText;
  }

  #resource(request: RouteRequest, info: ResourceRequestInfo): RouteResult {
    const type = this.#api.context.registry.lookup(info.group, info.version, info.resource);
    if (type === undefined) throw unknownResource();
    // A Namespace's own URL (/api/v1/namespaces/x) carries its name as the request's namespace, as in RequestInfo.
    const ownNamespaceUrl = info.resource === 'namespaces' && info.namespace === info.name;
    if (type.namespaced ? info.namespace === '' && info.name !== '' : info.namespace !== '' && !ownNamespaceUrl) {
      throw unknownResource();
    }
    const query = request.url.searchParams;
    const render: RenderOptions = {
      type,
      version: info.version,
      shape: responseShapeOf(header(request, 'accept')),
      includeObject: includeObjectOf(query),
      now: this.#api.context.now(),
    };
    if (info.subresource === 'status' && type.statusSubresource) return this.#status(request, info, type, render);
    if (info.subresource === 'scale' && type.scale !== undefined) return this.#scale(request, info, type);
    if (info.subresource !== '') throw notFound(type, `${info.name}/${info.subresource}`);
    const api = this.#api;
    const ns = info.namespace;
    const write = {
      version: info.version,
      dryRun: isDryRun(query),
      fieldValidation: fieldValidationOf(query),
    };
    const written = (result: WriteResult, status = 200): RouteResult => ({
      kind: 'json',
      status,
      body: renderOne(render, result.object),
      warnings: result.warnings,
    });
    switch (info.verb) {
      case 'get':
        return json(renderOne(render, api.get(type, ns, info.name)));
      case 'list':
        return json(renderList(render, api.list(type, ns === '' ? undefined : ns, listQueryOf(query))));
      case 'watch':
        return this.#watch(info, type, render, query);
      case 'create':
        return written(api.create(type, ns, request.body, write), 201);
      case 'update':
        return written(api.update(type, ns, info.name, request.body, write));
      case 'patch':
        return written(
          api.patch(type, ns, info.name, patchTypeOf(header(request, 'content-type')), request.body, write),
        );
      case 'delete': {
        const outcome = api.delete(type, ns, info.name, deleteOptionsOf(query, request.body));
        if (!outcome.deleted || type.deleteReturnsObject) return json(renderOne(render, outcome.object));
        return json(successStatus(type, info.name, outcome.object.metadata.uid ?? ''));
      }
      case 'deletecollection': {
        const items = api.deleteCollection(
          type,
          ns === '' ? undefined : ns,
          listQueryOf(query),
          deleteOptionsOf(query, request.body),
        );
        return json(
          renderList({ ...render, shape: 'object' }, { items, resourceVersion: String(api.context.store.revision) }),
        );
      }
      default:
        throw methodNotSupported(type, info.verb);
    }
  }

  #watch(info: ResourceRequestInfo, type: ResourceType, render: RenderOptions, query: URLSearchParams): RouteResult {
    const listQuery = listQueryOf(query);
    const byName = info.name === '' ? [] : [{ field: 'metadata.name', equal: true, value: info.name }];
    const timeout = Number(query.get('timeoutSeconds') ?? this.#options.defaultWatchTimeoutSeconds);
    const bookmarks = query.get('allowWatchBookmarks');
    const rv = query.get('resourceVersion');
    return {
      kind: 'watch',
      options: {
        request: {
          type,
          ...(info.namespace === '' ? {} : { namespace: info.namespace }),
          query: { ...listQuery, fieldSelector: [...(listQuery.fieldSelector ?? []), ...byName] },
          ...(rv === null ? {} : { resourceVersion: rv }),
        },
        render,
        allowBookmarks: bookmarks === 'true' || bookmarks === '1',
        bookmarkIntervalMs: this.#options.bookmarkIntervalMs,
        timeoutMs:
          (Number.isFinite(timeout) && timeout > 0 ? timeout : this.#options.defaultWatchTimeoutSeconds) * 1000,
      },
    };
  }

  #status(request: RouteRequest, info: ResourceRequestInfo, type: ResourceType, render: RenderOptions): RouteResult {
    const query = request.url.searchParams;
    const options = {
      version: info.version,
      dryRun: isDryRun(query),
      fieldValidation: fieldValidationOf(query),
      subresource: 'status' as const,
    };
    const ns = info.namespace;
    let result: WriteResult;
    switch (info.verb) {
      case 'get':
        return json(renderOne(render, this.#api.get(type, ns, info.name)));
      case 'update':
        result = this.#api.update(type, ns, info.name, request.body, options);
        break;
      case 'patch':
        result = this.#api.patch(
          type,
          ns,
          info.name,
          patchTypeOf(header(request, 'content-type')),
          request.body,
          options,
        );
        break;
      default:
        throw methodNotSupported(type, info.verb);
    }
    return { kind: 'json', status: 200, body: renderOne(render, result.object), warnings: result.warnings };
  }

  #scale(request: RouteRequest, info: ResourceRequestInfo, type: ResourceType): RouteResult {
    const dryRun = isDryRun(request.url.searchParams);
    const ns = info.namespace;
    switch (info.verb) {
      case 'get':
        return json(getScale(this.#api, type, ns, info.name));
      case 'update':
        return json(updateScale(this.#api, type, ns, info.name, request.body, dryRun).object);
      case 'patch':
        return json(
          patchScale(this.#api, type, ns, info.name, patchTypeOf(header(request, 'content-type')), request.body, dryRun)
            .object,
        );
      default:
        throw methodNotSupported(type, info.verb);
    }
  }
}

function methodNotAllowed(): unknown {
  return new ApiError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource')
    .status;
}
