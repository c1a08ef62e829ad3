// Which resources are served right now: the built-ins plus one entry per established CRD. Discovery, the router
// and the garbage collector all ask this registry, so a CRD becomes visible everywhere at the same moment.

import { BUILTIN_RESOURCES } from './builtin-resources.ts';
import { groupResource, type ResourceType } from './resource-type.ts';

export interface ServedGroup {
  readonly name: string;
  /** Served versions, preferred first. */
  readonly versions: readonly string[];
}

export class ResourceRegistry {
  readonly #byGroupResource = new Map<string, ResourceType>();

  constructor() {
    for (const type of BUILTIN_RESOURCES) this.#byGroupResource.set(groupResource(type), type);
  }

  /** The type served at /apis/<group>/<version>/<plural>, if that version is served. */
  lookup(group: string, version: string, plural: string): ResourceType | undefined {
    const type = this.#byGroupResource.get(groupResource({ group, plural }));
    return type?.versions.includes(version) === true ? type : undefined;
  }

  byGroupResource(key: string): ResourceType | undefined {
    return this.#byGroupResource.get(key);
  }

  /** The type whose objects carry this apiVersion and kind (for ownerReferences and kubectl-style lookups). */
  byKind(apiVersion: string, kind: string): ResourceType | undefined {
    const slash = apiVersion.indexOf('/');
    const group = slash < 0 ? '' : apiVersion.slice(0, slash);
    const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
    for (const type of this.#byGroupResource.values()) {
      if (type.group === group && type.kind === kind && type.versions.includes(version)) return type;
    }
    return undefined;
  }

  all(): ResourceType[] {
    return [...this.#byGroupResource.values()];
  }

  /** Serves a custom resource type (replacing the previous definition of the same group and plural). */
  setCustom(type: ResourceType): void {
    this.#byGroupResource.set(groupResource(type), type);
  }

  removeCustom(key: string): void {
    if (this.#byGroupResource.get(key)?.custom !== undefined) this.#byGroupResource.delete(key);
  }

  /** The named API groups (not the core group), in a stable order with built-ins first. */
  groups(): ServedGroup[] {
    const byName = new Map<string, string[]>();
    for (const type of this.#byGroupResource.values()) {
      if (type.group === '') continue;
      const versions = byName.get(type.group) ?? [];
      for (const version of type.versions) if (!versions.includes(version)) versions.push(version);
      byName.set(type.group, versions);
    }
    return [...byName.entries()].map(([name, versions]) => ({ name, versions }));
  }

  resourcesOf(group: string, version: string): ResourceType[] {
    return this.all().filter((type) => type.group === group && type.versions.includes(version));
  }
}
