// meta.k8s.io/v1 Table responses, which `kubectl get` asks for (Accept: application/json;as=Table;...): a NAME
// column, then the CRD version's additionalPrinterColumns (JSONPath, server-rendered as the real server renders
// them) or the built-in kind's columns; each row carries the object's metadata (or the object) for kubectl.

import { builtinColumns } from './builtin-columns.ts';
import { ageOf } from './human-duration.ts';
import { evaluateJsonPath } from './jsonpath.ts';
import type { KubeObject } from './kube-object.ts';
import { groupResource, type PrinterColumn, type ResourceType } from './resource-type.ts';

export type IncludeObject = 'None' | 'Metadata' | 'Object';

export interface TableOptions {
  readonly version: string;
  readonly includeObject: IncludeObject;
  readonly now: number;
  /** Leave out columnDefinitions (later events of a table watch). */
  readonly noHeaders?: boolean;
  readonly resourceVersion?: string;
  readonly continue?: string;
}

interface Column {
  readonly definition: Record<string, unknown>;
  readonly cell: (object: KubeObject) => unknown;
}

const NAME_COLUMN: Column = {
  definition: {
    name: 'Name',
    type: 'string',
    format: 'name',
    description: 'Name must be unique within a namespace.',
    priority: 0,
  },
  cell: (o) => o.metadata.name ?? '',
};

/** A custom column's cell: the first JSONPath match, typed like the column (apiextensions' cellForJSONValue). */
function customCell(column: PrinterColumn, object: KubeObject, now: number): unknown {
  let value: unknown;
  try {
    value = evaluateJsonPath(object, column.jsonPath)[0];
  } catch {
    return null;
  }
  if (value === undefined || value === null) return null;
  switch (column.type) {
    case 'integer':
      return typeof value === 'number' ? Math.trunc(value) : null;
    case 'number':
      return typeof value === 'number' ? value : null;
    case 'boolean':
      return typeof value === 'boolean' ? value : null;
    case 'date':
      return typeof value === 'string' ? ageOf(value, now) : null;
    default:
      return typeof value === 'string' ? value : JSON.stringify(value);
  }
}

function columnsOf(type: ResourceType, version: string, now: number): Column[] {
  const custom = type.custom?.versions.get(version);
  if (custom !== undefined) {
    return [
      NAME_COLUMN,
      ...custom.printerColumns.map((c) => ({
        definition: {
          name: c.name,
          type: c.type,
          format: c.format ?? '',
          description: c.description ?? '',
          priority: c.priority ?? 0,
        },
        cell: (o: KubeObject) => customCell(c, o, now),
      })),
    ];
  }
  return [
    NAME_COLUMN,
    ...builtinColumns(groupResource(type)).map((c) => ({
      definition: { name: c.name, type: c.type, format: '', description: '', priority: c.priority ?? 0 },
      cell: (o: KubeObject) => c.cell(o, now),
    })),
  ];
}

function rowObject(object: KubeObject, include: IncludeObject): unknown {
  if (include === 'None') return undefined;
  if (include === 'Object') return object;
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: object.metadata };
}

export function toTable(
  type: ResourceType,
  objects: readonly KubeObject[],
  options: TableOptions,
): Record<string, unknown> {
  const columns = columnsOf(type, options.version, options.now);
  const metadata: Record<string, string> = {};
  if (options.resourceVersion !== undefined) metadata.resourceVersion = options.resourceVersion;
  if (options.continue !== undefined) metadata.continue = options.continue;
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata,
    ...(options.noHeaders === true ? {} : { columnDefinitions: columns.map((c) => c.definition) }),
    rows: objects.map((object) => {
      const embedded = rowObject(object, options.includeObject);
      return { cells: columns.map((c) => c.cell(object)), ...(embedded === undefined ? {} : { object: embedded }) };
    }),
  };
}
