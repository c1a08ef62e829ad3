// Validates rendered Kubernetes objects against the API's own OpenAPI schemas (kubernetes-models), picking the
// model by apiVersion and kind from a small table: a kind the chart starts rendering must be added here on purpose.
// ServiceMonitor (Prometheus Operator, no model in kubernetes-models) gets a minimal structural check. Object names
// and labels are checked too, since the models leave their formats to the API server.

import { CustomResourceDefinition } from 'kubernetes-models/apiextensions.k8s.io/v1';
import { Deployment } from 'kubernetes-models/apps/v1';
import { ClusterRole, ClusterRoleBinding, Role, RoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1';
import { ConfigMap, Service, ServiceAccount } from 'kubernetes-models/v1';
import type { KubeObject } from './helm-chart.ts';

interface Validating {
  validate(): void;
}

type ModelFactory = (data: KubeObject) => Validating;

// The constructors' data types are each kind's own interface; the table hands them rendered YAML, which is what
// validate() then checks.
const MODELS: Readonly<Record<string, ModelFactory>> = {
  'v1/ConfigMap': (data) => new ConfigMap(data as never),
  'v1/Service': (data) => new Service(data as never),
  'v1/ServiceAccount': (data) => new ServiceAccount(data as never),
  'apps/v1/Deployment': (data) => new Deployment(data as never),
  'rbac.authorization.k8s.io/v1/ClusterRole': (data) => new ClusterRole(data as never),
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding': (data) => new ClusterRoleBinding(data as never),
  'rbac.authorization.k8s.io/v1/Role': (data) => new Role(data as never),
  'rbac.authorization.k8s.io/v1/RoleBinding': (data) => new RoleBinding(data as never),
  'apiextensions.k8s.io/v1/CustomResourceDefinition': (data) => new CustomResourceDefinition(data as never),
};

const SERVICE_MONITOR = 'monitoring.coreos.com/v1/ServiceMonitor';

export class KubeObjectInvalidError extends Error {
  readonly code = 'GC_ERR_KUBE_OBJECT_INVALID';

  constructor(object: { apiVersion?: unknown; kind?: unknown; metadata?: { name?: unknown } }, problem: string) {
    super(`${String(object.apiVersion)} ${String(object.kind)} '${String(object.metadata?.name)}': ${problem}`);
    this.name = 'KubeObjectInvalidError';
  }
}

/** The apiVersion/kind pairs validateKubeObject knows. */
export const KNOWN_KINDS: readonly string[] = [...Object.keys(MODELS), SERVICE_MONITOR];

// DNS-1123 subdomain (most object names) and label value formats, as the API server checks them.
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const LABEL_KEY_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const PROMETHEUS_DURATION = /^(\d+(ms|s|m|h|d|w|y))+$/;

/** Throws KubeObjectInvalidError when `object` is not a valid object of a known kind. */
export function validateKubeObject(object: KubeObject): void {
  const key = `${object.apiVersion}/${object.kind}`;
  for (const problem of metadataProblems(object)) throw new KubeObjectInvalidError(object, problem);
  if (key === SERVICE_MONITOR) {
    const problem = serviceMonitorProblem(object);
    if (problem !== undefined) throw new KubeObjectInvalidError(object, problem);
    return;
  }
  const model = MODELS[key];
  if (model === undefined) {
    throw new KubeObjectInvalidError(
      object,
      `no schema for ${key}: add its kubernetes-models class to e2e/src/chart/kube-object-schemas.ts`,
    );
  }
  try {
    model(object).validate();
  } catch (error) {
    throw new KubeObjectInvalidError(object, (error as Error).message);
  }
}

function metadataProblems(object: KubeObject): string[] {
  const problems: string[] = [];
  const name = object.metadata?.name;
  if (typeof name !== 'string' || name.length > 253 || !DNS_SUBDOMAIN.test(name)) {
    problems.push(`metadata.name must be a DNS-1123 subdomain (got ${JSON.stringify(name)})`);
  }
  // Services and their like need a DNS label: 63 characters at most.
  if (object.kind === 'Service' && typeof name === 'string' && (name.length > 63 || name.includes('.'))) {
    problems.push(`a Service name must be a DNS label (got '${name}')`);
  }
  for (const [key, value] of Object.entries(object.metadata?.labels ?? {})) {
    const keyName = key.includes('/') ? key.slice(key.indexOf('/') + 1) : key;
    if (keyName.length > 63 || !LABEL_KEY_NAME.test(keyName)) problems.push(`label key '${key}' is not valid`);
    if (typeof value !== 'string' || value.length > 63 || !LABEL_VALUE.test(value)) {
      problems.push(`label ${key} has value ${JSON.stringify(value)}, not a label value (a string of at most 63)`);
    }
  }
  for (const [key, value] of Object.entries(object.metadata?.annotations ?? {})) {
    if (typeof value !== 'string') problems.push(`annotation ${key} must be a string (got ${JSON.stringify(value)})`);
  }
  return problems;
}

function serviceMonitorProblem(object: KubeObject): string | undefined {
  const spec = object.spec as
    | { selector?: { matchLabels?: unknown }; endpoints?: unknown; namespaceSelector?: unknown }
    | undefined;
  if (spec === undefined || spec === null) return 'spec is missing';
  const matchLabels = spec.selector?.matchLabels;
  if (typeof matchLabels !== 'object' || matchLabels === null || Object.keys(matchLabels).length === 0) {
    return 'spec.selector.matchLabels must select the Service by at least one label';
  }
  if (Object.values(matchLabels).some((v) => typeof v !== 'string'))
    return 'spec.selector.matchLabels values must be strings';
  if (!Array.isArray(spec.endpoints) || spec.endpoints.length === 0)
    return 'spec.endpoints must list at least one endpoint';
  for (const endpoint of spec.endpoints as { port?: unknown; path?: unknown; interval?: unknown }[]) {
    if (typeof endpoint.port !== 'string' || endpoint.port === '') return 'each endpoint needs a named port';
    if (endpoint.path !== undefined && (typeof endpoint.path !== 'string' || !endpoint.path.startsWith('/'))) {
      return `endpoint path ${JSON.stringify(endpoint.path)} must start with /`;
    }
    if (endpoint.interval !== undefined && !PROMETHEUS_DURATION.test(String(endpoint.interval))) {
      return `endpoint interval ${JSON.stringify(endpoint.interval)} is not a Prometheus duration`;
    }
  }
  return undefined;
}
