// The API server's object semantics, independent of HTTP: get, list, create, update, patch, delete and watch with
// resourceVersion preconditions, generation, defaulting, CRD schema validation, finalizers and selectors. The HTTP
// router, the garbage collector and (later) the process kubelet all go through it, so they see one behaviour.

import { randomUUID } from 'node:crypto';
import { checkBuiltinUpdate, defaultBuiltin, initialStatus } from './builtin-defaults.ts';
import { checkCrd, defaultCrd } from './crd-types.ts';
import {
  ApiError,
  alreadyExists,
  badRequest,
  conflict,
  forbidden,
  internalError,
  invalid,
  notFound,
  STALE_OBJECT_MESSAGE,
  type StatusCause,
  unsupportedMediaType,
} from './errors.ts';
import { type FieldRequirement, matchesFields } from './field-selector.ts';
import { cloneObject, isPlainObject, type KubeObject, kubeTimestamp } from './kube-object.ts';
import { type LabelRequirement, matchesLabels } from './label-selector.ts';
import { type DeleteOptions, type DeleteOutcome, deleteObject } from './object-deletion.ts';
import { checkObjectMeta, generatedName, newFinalizersWhileDeleting } from './object-meta.ts';
import type { ObjectStore } from './object-store.ts';
import { isNoOp, isReadyToRemove, mainUpdateObject, nextGeneration, statusUpdateObject } from './object-writes.ts';
import { applyJsonMergePatch } from './patch-json-merge.ts';
import { applyJsonPatch } from './patch-json-patch.ts';
import { applyStrategicMergePatch } from './patch-strategic-merge.ts';
import type { ResourceRegistry } from './resource-registry.ts';
import { groupResource, type ResourceType, storageApiVersion } from './resource-type.ts';

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';
export type PatchType = 'json' | 'merge' | 'strategic';

export interface WriteOptions {
  /** The served version the client used (selects the CRD version's schema). */
  readonly version?: string;
  readonly dryRun?: boolean;
  readonly fieldValidation?: FieldValidation;
  /** 'status' writes only .status; undefined writes everything but .status (when the kind has a status subresource). */
  readonly subresource?: 'status';
}

export interface WriteResult {
  readonly object: KubeObject;
  readonly warnings: readonly string[];
}

export interface ListQuery {
  readonly labelSelector?: readonly LabelRequirement[];
  readonly fieldSelector?: readonly FieldRequirement[];
  readonly limit?: number;
  readonly continue?: string;
}

export interface ListResult {
  readonly items: KubeObject[];
  readonly resourceVersion: string;
  readonly continue?: string;
}

export interface ApiContext {
  readonly store: ObjectStore;
  readonly registry: ResourceRegistry;
  /** Milliseconds since the epoch; tests may pass a fake clock. */
  readonly now: () => number;
  /** With no kubelet attached a Pod is deleted at once instead of waiting out its grace period. */
  readonly kubeletAttached: () => boolean;
  readonly allocateClusterIp: () => string;
}

export function selectorsMatch(query: ListQuery, object: KubeObject): boolean {
  return (
    matchesLabels(query.labelSelector ?? [], object.metadata.labels ?? {}) &&
    matchesFields(query.fieldSelector ?? [], object)
  );
}

function encodeContinue(after: string): string {
  return Buffer.from(JSON.stringify({ after })).toString('base64url');
}

function decodeContinue(token: string): string {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { after?: unknown };
    if (typeof parsed.after === 'string') return parsed.after;
  } catch {
    // fall through to the error below
  }
  throw badRequest('invalid continue token; restart the list without it');
}

export class ResourceApi {
  readonly #ctx: ApiContext;

  constructor(ctx: ApiContext) {
    this.#ctx = ctx;
  }

  get context(): ApiContext {
    return this.#ctx;
  }

  get(type: ResourceType, namespace: string, name: string): KubeObject {
    const object = this.#ctx.store.get(groupResource(type), type.namespaced ? namespace : '', name);
    if (object === undefined) throw notFound(type, name);
    return object;
  }

  list(type: ResourceType, namespace: string | undefined, query: ListQuery = {}): ListResult {
    const resourceVersion = String(this.#ctx.store.revision);
    let items = this.#ctx.store
      .list(groupResource(type), type.namespaced ? namespace : undefined)
      .filter((o) => selectorsMatch(query, o));
    if (query.continue !== undefined && query.continue !== '') {
      const after = decodeContinue(query.continue);
      items = items.filter((o) => `${o.metadata.namespace ?? ''}/${o.metadata.name}` > after);
    }
    if (query.limit !== undefined && query.limit > 0 && items.length > query.limit) {
      items = items.slice(0, query.limit);
      const last = items[items.length - 1] as KubeObject;
      return {
        items,
        resourceVersion,
        continue: encodeContinue(`${last.metadata.namespace ?? ''}/${last.metadata.name}`),
      };
    }
    return { items, resourceVersion };
  }

  create(type: ResourceType, namespace: string, body: unknown, options: WriteOptions = {}): WriteResult {
    const object = this.#decode(type, body, namespace);
    const meta = object.metadata;
    if (meta.resourceVersion !== undefined && meta.resourceVersion !== '') {
      throw internalError('resourceVersion should not be set on objects to be created');
    }
    if (type.namespaced) this.#requireLiveNamespace(type, namespace);
    if ((meta.name ?? '') === '') {
      if ((meta.generateName ?? '') === '') {
        throw invalid(type.kind, type.group, '', [
          {
            reason: 'FieldValueRequired',
            field: 'metadata.name',
            message: 'Required value: name or generateName is required',
          },
        ]);
      }
      meta.name = generatedName(meta.generateName ?? '');
    }
    meta.uid = randomUUID();
    meta.creationTimestamp = kubeTimestamp(this.#ctx.now());
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
    if (type.generation === 'none') delete meta.generation;
    else meta.generation = 1;
    initialStatus(type, object);
    if (type.group === 'apiextensions.k8s.io') {
      defaultCrd(object);
      meta.finalizers = [...new Set([...(meta.finalizers ?? []), 'customresourcecleanup.apiextensions.k8s.io'])];
    }
    const { object: checked, warnings } = this.#validate(type, object, undefined, options);
    const resource = groupResource(type);
    if (this.#ctx.store.get(resource, meta.namespace ?? '', meta.name ?? '') !== undefined) {
      throw alreadyExists(type, meta.name ?? '');
    }
    if (options.dryRun === true) return { object: checked, warnings };
    return { object: this.#ctx.store.write(resource, checked), warnings };
  }

  update(type: ResourceType, namespace: string, name: string, body: unknown, options: WriteOptions = {}): WriteResult {
    const incoming = this.#decode(type, body, namespace);
    if ((incoming.metadata.name ?? '') !== name) {
      throw badRequest(
        `the name of the object (${incoming.metadata.name ?? ''}) does not match the name on the URL (${name})`,
      );
    }
    const current = this.get(type, namespace, name);
    const rv = incoming.metadata.resourceVersion ?? '';
    if (rv === '' && !type.unconditionalUpdate) {
      throw invalid(type.kind, type.group, name, [
        {
          reason: 'FieldValueInvalid',
          field: 'metadata.resourceVersion',
          message: 'Invalid value: 0x0: must be specified for an update',
        },
      ]);
    }
    if (rv !== '' && rv !== current.metadata.resourceVersion) throw conflict(type, name, STALE_OBJECT_MESSAGE);
    return this.#commitUpdate(type, current, incoming, options);
  }

  patch(
    type: ResourceType,
    namespace: string,
    name: string,
    patchType: PatchType,
    patch: unknown,
    options: WriteOptions = {},
  ): WriteResult {
    const current = this.get(type, namespace, name);
    const patched = applyPatch(type, current, patchType, patch);
    if (!isPlainObject(patched) || !isPlainObject(patched.metadata)) {
      throw badRequest('the patch must leave an object with metadata');
    }
    const next = patched as KubeObject;
    const rv = next.metadata.resourceVersion;
    if (rv !== undefined && rv !== current.metadata.resourceVersion) throw conflict(type, name, STALE_OBJECT_MESSAGE);
    if (next.metadata.name !== undefined && next.metadata.name !== name) {
      throw badRequest(`metadata.name: Invalid value: "${String(next.metadata.name)}": field is immutable`);
    }
    next.metadata.name = name;
    next.metadata.resourceVersion = current.metadata.resourceVersion ?? '';
    return this.#commitUpdate(type, current, next, options);
  }

  /** Read-modify-write of a stored object for in-process controllers (no resourceVersion precondition). */
  mutate(
    type: ResourceType,
    namespace: string,
    name: string,
    change: (object: KubeObject) => void,
    options: WriteOptions = {},
  ): WriteResult {
    const current = this.get(type, namespace, name);
    const next = cloneObject(current);
    change(next);
    return this.#commitUpdate(type, current, next, options);
  }

  delete(type: ResourceType, namespace: string, name: string, options: DeleteOptions = {}): DeleteOutcome {
    const current = this.get(type, namespace, name);
    return deleteObject(this.#ctx, type, current, options);
  }

  deleteCollection(
    type: ResourceType,
    namespace: string | undefined,
    query: ListQuery,
    options: DeleteOptions = {},
  ): KubeObject[] {
    const out: KubeObject[] = [];
    for (const object of this.list(type, namespace, query).items) {
      try {
        out.push(this.delete(type, object.metadata.namespace ?? '', object.metadata.name ?? '', options).object);
      } catch (error) {
        if (!(error instanceof ApiError && error.httpCode === 404)) throw error;
      }
    }
    return out;
  }

  #commitUpdate(type: ResourceType, current: KubeObject, incoming: KubeObject, options: WriteOptions): WriteResult {
    const next =
      options.subresource === 'status'
        ? statusUpdateObject(current, incoming)
        : mainUpdateObject(type, current, incoming);
    if (type.group === 'apiextensions.k8s.io' && options.subresource !== 'status') defaultCrd(next);
    const { object: checked, warnings } = this.#validate(type, next, current, options);
    const causes = [...newFinalizersWhileDeleting(current, checked), ...checkBuiltinUpdate(type, current, checked)];
    if (causes.length > 0) throw invalid(type.kind, type.group, current.metadata.name ?? '', causes);
    const generation = nextGeneration(type, current, checked);
    if (generation !== undefined) checked.metadata.generation = generation;
    checked.metadata.resourceVersion = current.metadata.resourceVersion ?? '';
    if (isNoOp(current, checked) || options.dryRun === true) return { object: checked, warnings };
    const resource = groupResource(type);
    if (isReadyToRemove(checked)) {
      this.#ctx.store.write(resource, checked);
      const removed = this.#ctx.store.remove(resource, checked.metadata.namespace ?? '', checked.metadata.name ?? '');
      return { object: removed ?? checked, warnings };
    }
    return { object: this.#ctx.store.write(resource, checked), warnings };
  }

  /** The request body as an object of this type, in this namespace (400 for a mismatch). */
  #decode(type: ResourceType, body: unknown, namespace: string): KubeObject {
    if (!isPlainObject(body)) throw badRequest('the request body must be a JSON object');
    const object = cloneObject(body) as KubeObject;
    if (object.kind !== undefined && object.kind !== type.kind) {
      throw badRequest(`the kind in the data (${String(object.kind)}) does not match the expected kind (${type.kind})`);
    }
    if (!isPlainObject(object.metadata)) object.metadata = {};
    object.apiVersion = storageApiVersion(type);
    object.kind = type.kind;
    const meta = object.metadata;
    if (type.namespaced) {
      if (meta.namespace !== undefined && meta.namespace !== '' && meta.namespace !== namespace) {
        throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
      }
      meta.namespace = namespace;
    } else {
      delete meta.namespace;
    }
    return object;
  }

  #requireLiveNamespace(type: ResourceType, namespace: string): void {
    const ns = this.#ctx.store.get('namespaces', '', namespace);
    if (ns === undefined) throw notFound({ group: '', plural: 'namespaces' }, namespace);
    if (ns.metadata.deletionTimestamp !== undefined) {
      throw forbidden(
        type,
        '',
        `unable to create new content in namespace ${namespace} because it is being terminated`,
      );
    }
  }

  /** Defaults and checks an object about to be stored; returns the object to store and any warnings. */
  #validate(type: ResourceType, object: KubeObject, old: KubeObject | undefined, options: WriteOptions): WriteResult {
    defaultBuiltin(type, object, this.#ctx.allocateClusterIp);
    const causes: StatusCause[] = checkObjectMeta(object.metadata, type.nameFormat);
    const warnings: string[] = [];
    let result = object;
    const version =
      type.custom?.versions.get(options.version ?? '') ?? type.custom?.versions.get(type.versions[0] ?? '');
    if (version !== undefined) {
      const check = version.validate(object, old);
      result = check.object;
      causes.push(...check.causes);
      if (check.unknownFields.length > 0) {
        if (options.fieldValidation === 'Strict') {
          throw badRequest(
            `strict decoding error: ${check.unknownFields.map((f) => `unknown field "${f}"`).join(', ')}`,
          );
        }
        if (options.fieldValidation !== 'Ignore')
          warnings.push(...check.unknownFields.map((f) => `unknown field "${f}"`));
      }
    }
    if (type.group === 'apiextensions.k8s.io' && options.subresource !== 'status') causes.push(...checkCrd(object));
    if (causes.length > 0) throw invalid(type.kind, type.group, object.metadata.name ?? '', causes);
    return { object: result, warnings };
  }
}

function applyPatch(type: ResourceType, current: KubeObject, patchType: PatchType, patch: unknown): unknown {
  switch (patchType) {
    case 'json':
      return applyJsonPatch(current, patch);
    case 'merge':
      if (!isPlainObject(patch)) throw badRequest('a merge patch must be a JSON object');
      return applyJsonMergePatch(current, patch);
    case 'strategic':
      if (type.custom !== undefined) throw unsupportedMediaType('application/strategic-merge-patch+json');
      if (!isPlainObject(patch)) throw badRequest('a strategic merge patch must be a JSON object');
      return applyStrategicMergePatch(current, patch);
  }
}
