// The errors kube-sim raises. ApiError carries a Kubernetes Status object (reason, details, HTTP code) built the way
// the real API server builds it, because controllers branch on reason and code (409 Conflict vs AlreadyExists).
// KubeSimError covers misuse of the simulator itself (bad options, bad CRD in a test).

/** Stable codes of every kube-sim error. README.md lists them. */
export const KUBESIM_ERROR_CODES = {
  api: 'GC_ERR_KUBESIM_API',
  options: 'GC_ERR_KUBESIM_OPTIONS',
} as const;
export type KubeSimErrorCode = (typeof KUBESIM_ERROR_CODES)[keyof typeof KUBESIM_ERROR_CODES];

export class KubeSimError extends Error {
  readonly code: KubeSimErrorCode;
  constructor(code: KubeSimErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'KubeSimError';
    this.code = code;
  }
}

export interface StatusCause {
  readonly reason?: string;
  readonly message: string;
  readonly field?: string;
}

export interface StatusDetails {
  readonly name?: string;
  readonly group?: string;
  readonly kind?: string;
  readonly uid?: string;
  readonly causes?: readonly StatusCause[];
  readonly retryAfterSeconds?: number;
}

/** meta/v1 Status as the API server sends it. */
export interface KubeStatus {
  readonly kind: 'Status';
  readonly apiVersion: 'v1';
  readonly metadata: Record<string, never>;
  readonly status: 'Success' | 'Failure';
  readonly message?: string;
  readonly reason?: string;
  readonly details?: StatusDetails;
  readonly code: number;
}

/** A request the API refuses; `status` is the body sent to the client. */
export class ApiError extends KubeSimError {
  readonly status: KubeStatus;
  constructor(httpCode: number, reason: string, message: string, details?: StatusDetails) {
    super(KUBESIM_ERROR_CODES.api, message);
    this.name = 'ApiError';
    this.status = {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message,
      reason,
      ...(details === undefined ? {} : { details }),
      code: httpCode,
    };
  }
  get httpCode(): number {
    return this.status.code;
  }
  get reason(): string {
    return this.status.reason ?? '';
  }
}

/** A resource as Kubernetes names it in messages: `pods`, `leases.coordination.k8s.io`. */
export interface QualifiedResource {
  readonly group: string;
  readonly plural: string;
}

function qualified(r: QualifiedResource): string {
  return r.group === '' ? r.plural : `${r.plural}.${r.group}`;
}

function details(r: QualifiedResource, name: string): StatusDetails {
  return r.group === '' ? { name, kind: r.plural } : { name, group: r.group, kind: r.plural };
}

export function notFound(r: QualifiedResource, name: string): ApiError {
  return new ApiError(404, 'NotFound', `${qualified(r)} "${name}" not found`, details(r, name));
}

export function alreadyExists(r: QualifiedResource, name: string): ApiError {
  return new ApiError(409, 'AlreadyExists', `${qualified(r)} "${name}" already exists`, details(r, name));
}

export function conflict(r: QualifiedResource, name: string, why: string): ApiError {
  return new ApiError(409, 'Conflict', `Operation cannot be fulfilled on ${qualified(r)} "${name}": ${why}`, {
    ...details(r, name),
  });
}

export const STALE_OBJECT_MESSAGE =
  'the object has been modified; please apply your changes to the latest version and try again';

/** 422 Invalid: `Kind.group "name" is invalid: field: message` with one cause per problem. */
export function invalid(kind: string, group: string, name: string, causes: readonly StatusCause[]): ApiError {
  const qualifiedKind = group === '' ? kind : `${kind}.${group}`;
  const texts = causes.map((c) => (c.field === undefined || c.field === '' ? c.message : `${c.field}: ${c.message}`));
  const joined = texts.length === 1 ? texts[0] : `[${texts.join(', ')}]`;
  return new ApiError(422, 'Invalid', `${qualifiedKind} "${name}" is invalid: ${joined}`, {
    name,
    ...(group === '' ? {} : { group }),
    kind,
    causes,
  });
}

export function badRequest(message: string): ApiError {
  return new ApiError(400, 'BadRequest', message);
}

export function forbidden(r: QualifiedResource, name: string, why: string): ApiError {
  const subject = name === '' ? qualified(r) : `${qualified(r)} "${name}"`;
  return new ApiError(403, 'Forbidden', `${subject} is forbidden: ${why}`, details(r, name));
}

export function unauthorized(): ApiError {
  return new ApiError(401, 'Unauthorized', 'Unauthorized');
}

/** The watch error for a resourceVersion older than the kept history (reason Expired, code 410). */
export function expired(requested: number, oldest: number): ApiError {
  return new ApiError(410, 'Expired', `too old resource version: ${requested} (${oldest})`);
}

export function methodNotSupported(r: QualifiedResource, verb: string): ApiError {
  return new ApiError(405, 'MethodNotAllowed', `${verb} is not supported on resources of kind "${qualified(r)}"`, {
    ...(r.group === '' ? {} : { group: r.group }),
    kind: r.plural,
  });
}

export function unknownResource(): ApiError {
  return new ApiError(404, 'NotFound', 'the server could not find the requested resource');
}

export function unsupportedMediaType(contentType: string): ApiError {
  return new ApiError(
    415,
    'UnsupportedMediaType',
    `the body of the request was in an unknown format (${contentType}) - accepted media types include: ` +
      'application/json, application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json',
  );
}

export function internalError(message: string): ApiError {
  return new ApiError(500, 'InternalError', `Internal error occurred: ${message}`);
}

/** Reads any thrown value as an ApiError (unknown failures become 500 InternalError). */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return internalError(message);
}

/** The Status for a successful delete of an object that is gone. */
export function successStatus(r: QualifiedResource, name: string, uid: string): Record<string, unknown> {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Success',
    details: { ...details(r, name), uid },
  };
}
