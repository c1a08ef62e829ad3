// A minimal OpenAPI v3 for kubectl: per group version, one PATCH operation per kind that names its
// group-version-kind and accepts the `fieldValidation` query parameter. kubectl 1.34 reads exactly that to decide
// the server validates fields itself, so `kubectl apply` needs no --validate=false and no schemas. No schemas are
// served and strategic merge is not advertised, so kubectl builds its patches from its compiled-in types (and plain
// merge patches for custom resources). /openapi/v2 is not served (404), which kubectl tolerates.

import { createHash } from 'node:crypto';
import type { ResourceRegistry } from './resource-registry.ts';
import type { ResourceType } from './resource-type.ts';

function groupVersionPath(group: string, version: string): string {
  return group === '' ? `api/${version}` : `apis/${group}/${version}`;
}

function patchOperation(type: ResourceType, version: string): Record<string, unknown> {
  const content = { schema: { type: 'object' } };
  return {
    operationId: `patch${type.kind}`,
    'x-kubernetes-action': 'patch',
    'x-kubernetes-group-version-kind': { group: type.group, version, kind: type.kind },
    parameters: [
      { name: 'fieldValidation', in: 'query', schema: { type: 'string', uniqueItems: true } },
      { name: 'dryRun', in: 'query', schema: { type: 'string', uniqueItems: true } },
    ],
    requestBody: {
      content: { 'application/json-patch+json': content, 'application/merge-patch+json': content },
      required: true,
    },
    responses: { '200': { description: 'OK' } },
  };
}

/** The OpenAPI v3 document of one group version, or undefined when nothing is served there. */
export function openApiGroupVersion(registry: ResourceRegistry, group: string, version: string): object | undefined {
  const types = registry.resourcesOf(group, version);
  if (types.length === 0) return undefined;
  const paths: Record<string, unknown> = {};
  for (const type of types) {
    const base = `/${groupVersionPath(group, version)}${type.namespaced ? '/namespaces/{namespace}' : ''}/${type.plural}`;
    paths[`${base}/{name}`] = { patch: patchOperation(type, version) };
  }
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes (kube-sim)', version: 'v1.34.0' },
    paths,
    components: { schemas: {} },
  };
}

function hashOf(document: object | undefined): string {
  return createHash('sha256')
    .update(JSON.stringify(document ?? {}))
    .digest('hex')
    .slice(0, 32)
    .toUpperCase();
}

/** /openapi/v3: where each group version's document is, with a content hash kubectl caches by. */
export function openApiRoot(registry: ResourceRegistry): object {
  const paths: Record<string, unknown> = {};
  const versions: [string, string][] = [['', 'v1']];
  for (const g of registry.groups()) for (const v of g.versions) versions.push([g.name, v]);
  for (const [group, version] of versions) {
    const path = groupVersionPath(group, version);
    paths[path] = {
      serverRelativeURL: `/openapi/v3/${path}?hash=${hashOf(openApiGroupVersion(registry, group, version))}`,
    };
  }
  return { paths };
}

/** `api/v1` or `apis/<group>/<version>` from the path after /openapi/v3/. */
export function parseOpenApiPath(rest: string): { group: string; version: string } | undefined {
  const parts = rest.split('/').filter((s) => s !== '');
  if (parts[0] === 'api' && parts.length === 2) return { group: '', version: parts[1] ?? '' };
  if (parts[0] === 'apis' && parts.length === 3) return { group: parts[1] ?? '', version: parts[2] ?? '' };
  return undefined;
}
