// The `kubectl get` columns of built-in kinds, computed server-side as the real API server's printers do (a
// subset of their columns). Kinds not listed here print NAME and AGE.

import { ageOf } from './human-duration.ts';
import { isPlainObject, type KubeObject } from './kube-object.ts';

export interface BuiltinColumn {
  readonly name: string;
  readonly type: string;
  readonly priority?: number;
  readonly cell: (object: KubeObject, now: number) => unknown;
}

type Json = Record<string, unknown>;

const obj = (value: unknown): Json => (isPlainObject(value) ? value : {});
const list = (value: unknown): Json[] => (Array.isArray(value) ? value.filter(isPlainObject) : []);
const str = (value: unknown, fallback = '<none>'): string =>
  typeof value === 'string' && value !== '' ? value : fallback;
const count = (value: unknown): number => Object.keys(obj(value)).length;

export const AGE: BuiltinColumn = {
  name: 'Age',
  type: 'string',
  cell: (o, now) => ageOf(o.metadata.creationTimestamp, now),
};

function podStatus(pod: KubeObject): string {
  if (pod.metadata.deletionTimestamp !== undefined) return 'Terminating';
  const status = obj(pod.status);
  return str(status.reason, str(status.phase, 'Unknown'));
}

const COLUMNS: Record<string, readonly BuiltinColumn[]> = {
  pods: [
    {
      name: 'Ready',
      type: 'string',
      cell: (o) => {
        const statuses = list(obj(o.status).containerStatuses);
        return `${statuses.filter((s) => s.ready === true).length}/${list(obj(o.spec).containers).length}`;
      },
    },
    { name: 'Status', type: 'string', cell: podStatus },
    {
      name: 'Restarts',
      type: 'string',
      cell: (o) => String(list(obj(o.status).containerStatuses).reduce((n, s) => n + (Number(s.restartCount) || 0), 0)),
    },
    AGE,
    { name: 'IP', type: 'string', priority: 1, cell: (o) => str(obj(o.status).podIP) },
    { name: 'Node', type: 'string', priority: 1, cell: (o) => str(obj(o.spec).nodeName) },
  ],
  services: [
    { name: 'Type', type: 'string', cell: (o) => str(obj(o.spec).type, 'ClusterIP') },
    { name: 'Cluster-IP', type: 'string', cell: (o) => str(obj(o.spec).clusterIP) },
    { name: 'External-IP', type: 'string', cell: () => '<none>' },
    {
      name: 'Port(s)',
      type: 'string',
      cell: (o) => {
        const ports = list(obj(o.spec).ports).map((p) => `${String(p.port)}/${str(p.protocol, 'TCP')}`);
        return ports.length === 0 ? '<none>' : ports.join(',');
      },
    },
    AGE,
  ],
  configmaps: [{ name: 'Data', type: 'integer', cell: (o) => count(o.data) + count(o.binaryData) }, AGE],
  secrets: [
    { name: 'Type', type: 'string', cell: (o) => str(o.type, 'Opaque') },
    { name: 'Data', type: 'integer', cell: (o) => count(o.data) },
    AGE,
  ],
  namespaces: [{ name: 'Status', type: 'string', cell: (o) => str(obj(o.status).phase, 'Active') }, AGE],
  'leases.coordination.k8s.io': [
    { name: 'Holder', type: 'string', cell: (o) => str(obj(o.spec).holderIdentity, '') },
    AGE,
  ],
  'deployments.apps': [
    {
      name: 'Ready',
      type: 'string',
      cell: (o) => `${Number(obj(o.status).readyReplicas) || 0}/${Number(obj(o.spec).replicas) || 0}`,
    },
    { name: 'Up-to-date', type: 'integer', cell: (o) => Number(obj(o.status).updatedReplicas) || 0 },
    { name: 'Available', type: 'integer', cell: (o) => Number(obj(o.status).availableReplicas) || 0 },
    AGE,
  ],
  'poddisruptionbudgets.policy': [
    { name: 'Min Available', type: 'string', cell: (o) => str(String(obj(o.spec).minAvailable ?? ''), 'N/A') },
    { name: 'Max Unavailable', type: 'string', cell: (o) => str(String(obj(o.spec).maxUnavailable ?? ''), 'N/A') },
    { name: 'Allowed Disruptions', type: 'integer', cell: (o) => Number(obj(o.status).disruptionsAllowed) || 0 },
    AGE,
  ],
  'customresourcedefinitions.apiextensions.k8s.io': [
    { name: 'Created At', type: 'date', cell: (o) => str(o.metadata.creationTimestamp, '') },
  ],
};

export function builtinColumns(groupResource: string): readonly BuiltinColumn[] {
  return COLUMNS[groupResource] ?? [AGE];
}
