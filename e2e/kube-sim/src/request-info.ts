// Reads a request's method, path and query into what it asks for (API group, version, namespace, resource, name,
// subresource, verb), following the real server's RequestInfo rules, so the router and the authorizer agree.

export interface ResourceRequestInfo {
  readonly kind: 'resource';
  readonly verb: string;
  readonly group: string;
  readonly version: string;
  /** '' for cluster-scoped requests and lists across all namespaces. */
  readonly namespace: string;
  readonly resource: string;
  readonly name: string;
  readonly subresource: string;
}

export interface NonResourceRequestInfo {
  readonly kind: 'nonResource';
  readonly verb: string;
  readonly path: string;
}

export type RequestInfo = ResourceRequestInfo | NonResourceRequestInfo;

/** Subresources of a Namespace object itself, not resources inside a namespace. */
const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

const NON_RESOURCE_VERBS: Record<string, string> = {
  GET: 'get',
  HEAD: 'get',
  POST: 'post',
  PUT: 'put',
  PATCH: 'patch',
  DELETE: 'delete',
};

function isWatch(query: URLSearchParams): boolean {
  const w = query.get('watch');
  return w === '1' || w === 'true';
}

export function requestInfoOf(method: string, pathname: string, query: URLSearchParams): RequestInfo {
  const segments = pathname.split('/').filter((s) => s !== '');
  const nonResource: NonResourceRequestInfo = {
    kind: 'nonResource',
    verb: NON_RESOURCE_VERBS[method] ?? method.toLowerCase(),
    path: pathname,
  };
  let rest: string[];
  let group: string;
  let version: string;
  if (segments[0] === 'api' && segments.length >= 3) {
    group = '';
    version = segments[1] ?? '';
    rest = segments.slice(2);
  } else if (segments[0] === 'apis' && segments.length >= 4) {
    group = segments[1] ?? '';
    version = segments[2] ?? '';
    rest = segments.slice(3);
  } else {
    return nonResource;
  }
  let namespace = '';
  if (rest[0] === 'namespaces' && rest.length > 1) {
    namespace = rest[1] ?? '';
    if (rest.length > 2 && !NAMESPACE_SUBRESOURCES.has(rest[2] ?? '')) rest = rest.slice(2);
  }
  const resource = rest[0] ?? '';
  const name = rest[1] ?? '';
  const subresource = rest[2] ?? '';
  if (rest.length > 3) return nonResource;
  let verb: string;
  switch (method) {
    case 'GET':
    case 'HEAD':
      verb = name === '' ? (isWatch(query) ? 'watch' : 'list') : isWatch(query) ? 'watch' : 'get';
      break;
    case 'POST':
      verb = 'create';
      break;
    case 'PUT':
      verb = 'update';
      break;
    case 'PATCH':
      verb = 'patch';
      break;
    case 'DELETE':
      verb = name === '' ? 'deletecollection' : 'delete';
      break;
    default:
      verb = method.toLowerCase();
  }
  return { kind: 'resource', verb, group, version, namespace, resource, name, subresource };
}
