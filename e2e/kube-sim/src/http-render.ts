// Puts stored objects into the shape the client asked for: the requested version's apiVersion, a typed List, a
// meta.k8s.io Table for kubectl, or PartialObjectMetadata for metadata-only clients.

import type { ResponseShape } from './http-params.ts';
import type { KubeObject } from './kube-object.ts';
import type { ListResult } from './resource-api.ts';
import { apiVersionOf, type ResourceType } from './resource-type.ts';
import { type IncludeObject, toTable } from './table-printer.ts';

export interface RenderOptions {
  readonly type: ResourceType;
  readonly version: string;
  readonly shape: ResponseShape;
  readonly includeObject: IncludeObject;
  readonly now: number;
}

/** The object as served at the requested version (custom resources are stored once, served at each version). */
export function atVersion(type: ResourceType, version: string, object: KubeObject): KubeObject {
  return { ...object, apiVersion: apiVersionOf(type.group, version), kind: object.kind ?? type.kind };
}

function partialMetadata(object: KubeObject): KubeObject {
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: object.metadata };
}

export function renderOne(options: RenderOptions, object: KubeObject, noHeaders = false): unknown {
  const versioned = atVersion(options.type, options.version, object);
  if (options.shape === 'metadata') return partialMetadata(versioned);
  if (options.shape === 'table') {
    return toTable(options.type, [versioned], {
      version: options.version,
      includeObject: options.includeObject,
      now: options.now,
      noHeaders,
    });
  }
  return versioned;
}

export function renderList(options: RenderOptions, list: ListResult): unknown {
  const items = list.items.map((o) => atVersion(options.type, options.version, o));
  if (options.shape === 'table') {
    return toTable(options.type, items, {
      version: options.version,
      includeObject: options.includeObject,
      now: options.now,
      resourceVersion: list.resourceVersion,
      ...(list.continue === undefined ? {} : { continue: list.continue }),
    });
  }
  const metadata = {
    resourceVersion: list.resourceVersion,
    ...(list.continue === undefined ? {} : { continue: list.continue }),
  };
  if (options.shape === 'metadata') {
    return {
      kind: 'PartialObjectMetadataList',
      apiVersion: 'meta.k8s.io/v1',
      metadata,
      items: items.map(partialMetadata),
    };
  }
  return {
    kind: options.type.listKind,
    apiVersion: apiVersionOf(options.type.group, options.version),
    metadata,
    items,
  };
}
