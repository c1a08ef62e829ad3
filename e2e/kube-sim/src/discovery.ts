// Discovery documents in the legacy (unaggregated) form: /api, /apis, /apis/<group>, the APIResourceList of each
// group version (with status and scale subresources, which `kubectl scale` reads), and /version. kubectl asks for
// aggregated discovery first and falls back to these when the answer is a plain APIGroupList.

import type { ResourceRegistry } from './resource-registry.ts';
import { apiVersionOf, type ResourceType } from './resource-type.ts';

/** The Kubernetes version kube-sim claims: the kubectl it is tested with. */
export const SIMULATED_VERSION = { major: '1', minor: '34', gitVersion: 'v1.34.0+kube-sim' } as const;

export function versionInfo(): Record<string, string> {
  return {
    ...SIMULATED_VERSION,
    gitCommit: 'kube-sim',
    gitTreeState: 'clean',
    buildDate: '2025-01-01T00:00:00Z',
    goVersion: 'go1.24 (simulated)',
    compiler: 'gc',
    platform: `${process.platform}/${process.arch === 'x64' ? 'amd64' : process.arch}`,
  };
}

export function coreVersions(serverAddress: string): Record<string, unknown> {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

function groupDocument(name: string, versions: readonly string[]): Record<string, unknown> {
  const entries = versions.map((version) => ({ groupVersion: `${name}/${version}`, version }));
  return { name, versions: entries, preferredVersion: entries[0] };
}

export function groupList(registry: ResourceRegistry): Record<string, unknown> {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: registry.groups().map((g) => groupDocument(g.name, g.versions)),
  };
}

export function group(registry: ResourceRegistry, name: string): Record<string, unknown> | undefined {
  const found = registry.groups().find((g) => g.name === name);
  if (found === undefined) return undefined;
  return { kind: 'APIGroup', apiVersion: 'v1', ...groupDocument(found.name, found.versions) };
}

function resourceEntries(type: ResourceType): Record<string, unknown>[] {
  const entries: Record<string, unknown>[] = [
    {
      name: type.plural,
      singularName: type.singular,
      namespaced: type.namespaced,
      kind: type.kind,
      verbs: type.verbs,
      ...(type.shortNames.length > 0 ? { shortNames: type.shortNames } : {}),
      ...(type.categories.length > 0 ? { categories: type.categories } : {}),
    },
  ];
  const subVerbs = ['get', 'patch', 'update'];
  if (type.statusSubresource) {
    entries.push({
      name: `${type.plural}/status`,
      singularName: '',
      namespaced: type.namespaced,
      kind: type.kind,
      verbs: subVerbs,
    });
  }
  if (type.scale !== undefined) {
    entries.push({
      name: `${type.plural}/scale`,
      singularName: '',
      namespaced: type.namespaced,
      group: 'autoscaling',
      version: 'v1',
      kind: 'Scale',
      verbs: subVerbs,
    });
  }
  return entries;
}

export function resourceList(
  registry: ResourceRegistry,
  groupName: string,
  version: string,
): Record<string, unknown> | undefined {
  const types = registry.resourcesOf(groupName, version);
  if (types.length === 0 && groupName !== '') return undefined;
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: apiVersionOf(groupName, version),
    resources: types.flatMap(resourceEntries),
  };
}
