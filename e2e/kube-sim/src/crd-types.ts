// Turns a CustomResourceDefinition object into the ResourceType kube-sim serves (names, scope, per-version schema,
// subresources and printer columns), and checks the CRD itself as the API server would before accepting it.

import { compileCustomResourceSchema } from './crd-schema.ts';
import type { StructuralSchema } from './crd-structural.ts';
import type { StatusCause } from './errors.ts';
import { isPlainObject, type KubeObject } from './kube-object.ts';
import {
  ALL_VERBS,
  type CustomVersion,
  type PrinterColumn,
  type ResourceType,
  type ScaleSubresource,
} from './resource-type.ts';

interface CrdVersion {
  name: string;
  served: boolean;
  storage: boolean;
  schema?: { openAPIV3Schema?: StructuralSchema };
  subresources?: { status?: object; scale?: ScaleSubresource };
  additionalPrinterColumns?: PrinterColumn[];
}

interface CrdSpec {
  group: string;
  scope: string;
  names: {
    plural: string;
    singular?: string;
    kind: string;
    listKind?: string;
    shortNames?: string[];
    categories?: string[];
  };
  versions: CrdVersion[];
}

export const AGE_COLUMN: PrinterColumn = { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' };

function specOf(crd: KubeObject): CrdSpec {
  return (isPlainObject(crd.spec) ? crd.spec : {}) as unknown as CrdSpec;
}

/** The problems that make the API server refuse this CRD (422), one cause each. */
export function checkCrd(crd: KubeObject): StatusCause[] {
  const spec = specOf(crd);
  const causes: StatusCause[] = [];
  const bad = (field: string, message: string): void => {
    causes.push({ reason: 'FieldValueInvalid', field, message });
  };
  if (typeof spec.group !== 'string' || !spec.group.includes('.')) {
    bad('spec.group', `Invalid value: ${JSON.stringify(spec.group ?? '')}: should be a domain with at least one dot`);
  }
  if (spec.scope !== 'Namespaced' && spec.scope !== 'Cluster') {
    bad(
      'spec.scope',
      `Unsupported value: ${JSON.stringify(spec.scope ?? '')}: supported values: "Cluster", "Namespaced"`,
    );
  }
  if (!isPlainObject(spec.names) || typeof spec.names.plural !== 'string' || typeof spec.names.kind !== 'string') {
    bad('spec.names', 'Required value: plural and kind are required');
  } else if (crd.metadata.name !== `${spec.names.plural}.${spec.group}`) {
    bad('metadata.name', `Invalid value: "${crd.metadata.name}": must be spec.names.plural+"."+spec.group`);
  }
  const versions = Array.isArray(spec.versions) ? spec.versions : [];
  if (versions.length === 0) bad('spec.versions', 'Required value: must have at least one version');
  if (versions.filter((v) => v.storage === true).length !== 1) {
    bad('spec.versions', 'Invalid value: must have exactly one version marked as storage version');
  }
  versions.forEach((v, i) => {
    if (!isPlainObject(v.schema?.openAPIV3Schema)) {
      bad(`spec.versions[${i}].schema.openAPIV3Schema`, 'Required value: schemas are required');
      return;
    }
    try {
      compileCustomResourceSchema(v.schema.openAPIV3Schema);
    } catch (error) {
      bad(`spec.versions[${i}].schema.openAPIV3Schema`, `Invalid value: ${(error as Error).message}`);
    }
  });
  return causes;
}

/** The CRD with the API server's defaults (singular, listKind, conversion) filled in. */
export function defaultCrd(crd: KubeObject): void {
  const spec = specOf(crd);
  if (!isPlainObject(spec.names)) return;
  spec.names.singular ??= spec.names.kind.toLowerCase();
  spec.names.listKind ??= `${spec.names.kind}List`;
  (spec as unknown as Record<string, unknown>).conversion ??= { strategy: 'None' };
}

/** Skipped CEL rules per version, for the log line that tells a test what was not checked. */
export interface CrdServing {
  readonly type: ResourceType;
  readonly skippedRules: readonly string[];
}

export function resourceTypeOfCrd(crd: KubeObject): CrdServing {
  const spec = specOf(crd);
  const served = spec.versions.filter((v) => v.served);
  served.sort((a, b) => Number(b.storage) - Number(a.storage));
  const versions = new Map<string, CustomVersion>();
  const skippedRules: string[] = [];
  for (const v of served) {
    const compiled = compileCustomResourceSchema(v.schema?.openAPIV3Schema ?? { type: 'object' });
    skippedRules.push(...compiled.skippedRules.map((s) => `${v.name}: ${s.rule} (${s.why})`));
    versions.set(v.name, {
      name: v.name,
      validate: compiled.validate,
      printerColumns:
        v.additionalPrinterColumns !== undefined && v.additionalPrinterColumns.length > 0
          ? v.additionalPrinterColumns
          : [AGE_COLUMN],
      statusSubresource: v.subresources?.status !== undefined,
      ...(v.subresources?.scale === undefined ? {} : { scale: v.subresources.scale }),
    });
  }
  const storage = served[0];
  const type: ResourceType = {
    group: spec.group,
    versions: served.map((v) => v.name),
    kind: spec.names.kind,
    listKind: spec.names.listKind ?? `${spec.names.kind}List`,
    plural: spec.names.plural,
    singular: spec.names.singular ?? spec.names.kind.toLowerCase(),
    namespaced: spec.scope === 'Namespaced',
    shortNames: spec.names.shortNames ?? [],
    categories: spec.names.categories ?? [],
    verbs: [...ALL_VERBS],
    statusSubresource: storage?.subresources?.status !== undefined,
    ...(storage?.subresources?.scale === undefined ? {} : { scale: storage.subresources.scale }),
    generation: storage?.subresources?.status !== undefined ? 'non-metadata-non-status' : 'non-metadata',
    unconditionalUpdate: false,
    deleteReturnsObject: true,
    nameFormat: 'subdomain',
    custom: { crdName: crd.metadata.name ?? '', versions },
  };
  return { type, skippedRules };
}
