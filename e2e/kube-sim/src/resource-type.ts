// What kube-sim knows about one kind of resource: its names for discovery and URLs, its scope, its subresources and
// the few behaviours that differ between kinds (how generation moves, whether an update needs a resourceVersion).

import type { ValidateCustomResource } from './crd-schema.ts';

export interface ScaleSubresource {
  readonly specReplicasPath: string;
  readonly statusReplicasPath: string;
  readonly labelSelectorPath?: string;
}

export interface PrinterColumn {
  readonly name: string;
  readonly type: string;
  readonly format?: string;
  readonly description?: string;
  readonly jsonPath: string;
  readonly priority?: number;
}

/**
 * When metadata.generation moves: `none` never (ConfigMaps); `spec` when .spec changes (Pods, Deployments);
 * `non-metadata` on any change outside metadata (CRs without a status subresource); `non-metadata-non-status` on a
 * change outside metadata and status (CRs with one).
 */
export type GenerationRule = 'none' | 'spec' | 'non-metadata' | 'non-metadata-non-status';

/** subdomain: DNS-1123 subdomain; label: DNS-1123 label; label-1035: DNS-1035 label (Services). */
export type NameFormat = 'subdomain' | 'label' | 'label-1035' | 'path-segment';

/** Per served version of a custom resource: its schema check and its printer columns. */
export interface CustomVersion {
  readonly name: string;
  readonly validate: ValidateCustomResource;
  readonly printerColumns: readonly PrinterColumn[];
  readonly statusSubresource: boolean;
  readonly scale?: ScaleSubresource;
}

export interface ResourceType {
  readonly group: string;
  /** Served versions; the first one is the preferred and storage version. */
  readonly versions: readonly string[];
  readonly kind: string;
  readonly listKind: string;
  readonly plural: string;
  readonly singular: string;
  readonly namespaced: boolean;
  readonly shortNames: readonly string[];
  readonly categories: readonly string[];
  readonly verbs: readonly string[];
  readonly statusSubresource: boolean;
  readonly scale?: ScaleSubresource;
  readonly generation: GenerationRule;
  /** An update without metadata.resourceVersion is allowed (true for built-ins, false for custom resources). */
  readonly unconditionalUpdate: boolean;
  /** DELETE answers with the object (Pods, CRs) rather than a Success Status. */
  readonly deleteReturnsObject: boolean;
  readonly nameFormat: NameFormat;
  /** Set for custom resources: the CRD's name and its per-version schema and columns. */
  readonly custom?: { readonly crdName: string; readonly versions: ReadonlyMap<string, CustomVersion> };
}

export const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'] as const;

/** The storage key of a resource: one store per group and plural, whatever the version. */
export function groupResource(type: Pick<ResourceType, 'group' | 'plural'>): string {
  return type.group === '' ? type.plural : `${type.plural}.${type.group}`;
}

export function apiVersionOf(group: string, version: string): string {
  return group === '' ? version : `${group}/${version}`;
}

/** The preferred apiVersion of a type: what stored objects carry. */
export function storageApiVersion(type: ResourceType): string {
  return apiVersionOf(type.group, type.versions[0] ?? 'v1');
}
