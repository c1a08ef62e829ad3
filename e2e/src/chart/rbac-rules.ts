// RBAC rules and the operator's permission list as sets of (group, resource, verb) triples, the unit in which
// "exactly the calls the operator makes" can be compared: a rule listing two resources and three verbs grants six.
import type { Permission } from '../../../operator/src/controller/permissions.ts';

export interface PolicyRule {
  readonly apiGroups?: readonly string[];
  readonly resources?: readonly string[];
  readonly verbs: readonly string[];
  readonly resourceNames?: readonly string[];
  readonly nonResourceURLs?: readonly string[];
}

/** `group/resource/verb` with '' shown as `core` so the core group reads as a word. */
export function triple(group: string, resource: string, verb: string): string {
  return `${group === '' ? 'core' : group}/${resource}/${verb}`;
}

/** Every triple the rules grant, sorted and without duplicates (wildcards stay '*', so they show up as such). */
export function ruleTriples(rules: readonly PolicyRule[]): string[] {
  const triples = new Set<string>();
  for (const rule of rules) {
    for (const group of rule.apiGroups ?? []) {
      for (const resource of rule.resources ?? []) {
        for (const verb of rule.verbs) triples.add(triple(group, resource, verb));
      }
    }
  }
  return [...triples].sort();
}

/** Every triple the permission list needs, sorted and without duplicates. */
export function permissionTriples(permissions: readonly Permission[]): string[] {
  return [...new Set(permissions.flatMap((p) => p.verbs.map((verb) => triple(p.group, p.resource, verb))))].sort();
}

/** What in the rules grants more than its triples say: wildcards, non-resource URLs, name-limited rules. */
export function ruleProblems(rules: readonly PolicyRule[]): string[] {
  const problems: string[] = [];
  rules.forEach((rule, index) => {
    const lists = [rule.apiGroups ?? [], rule.resources ?? [], rule.verbs];
    if (lists.some((list) => list.includes('*'))) problems.push(`rule ${index} uses a '*' wildcard`);
    if ((rule.nonResourceURLs ?? []).length > 0) problems.push(`rule ${index} grants non-resource URLs`);
    if ((rule.resourceNames ?? []).length > 0) problems.push(`rule ${index} is limited to resourceNames`);
    if ((rule.apiGroups ?? []).length === 0 || (rule.resources ?? []).length === 0 || rule.verbs.length === 0) {
      problems.push(`rule ${index} grants nothing (an empty apiGroups, resources or verbs)`);
    }
  });
  return problems;
}
