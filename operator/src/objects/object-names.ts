// The names of the objects a GameCluster owns, derived from its name, and the check that every one of them is a
// name Kubernetes accepts. Checked as a whole so a cluster builds all of its objects or none.
import type { GameCluster, Role } from '../api/game-cluster.ts';
import { ROLES } from '../api/game-cluster.ts';
import { ObjectNameError } from './errors.ts';

/** Longest DNS label (Service names, hostnames, label values). */
const MAX_LABEL_LENGTH = 63;
/** Characters the API server appends to a generateName (it cuts the prefix to fit, which would hide the role). */
const GENERATED_SUFFIX_LENGTH = 5;
const LONGEST_ROLE = Math.max(...ROLES.map((role) => role.length));

/** Longest GameCluster name whose pod names (`<cluster>-<role>-xxxxx`) are still DNS labels. */
export const MAX_CLUSTER_NAME_LENGTH = MAX_LABEL_LENGTH - GENERATED_SUFFIX_LENGTH - LONGEST_ROLE - 2;

// DNS-1035 label: what a Service name must be, and the strictest of the names here.
const DNS_1035_LABEL = /^[a-z](?:[a-z0-9-]*[a-z0-9])?$/;

/** `<cluster>-<role>-`: the generateName of a role's pods (the pod name is also the node's name). */
export function podNamePrefix(cluster: GameCluster, role: Role): string {
  return `${cluster.metadata.name}-${role}-`;
}

export function gateServiceName(cluster: GameCluster): string {
  return `${cluster.metadata.name}-gate`;
}

export function configMapName(cluster: GameCluster): string {
  return `${cluster.metadata.name}-config`;
}

export function secretName(cluster: GameCluster): string {
  return `${cluster.metadata.name}-keys`;
}

export function podDisruptionBudgetName(cluster: GameCluster, role: Role): string {
  return `${cluster.metadata.name}-${role}`;
}

export function networkPolicyName(cluster: GameCluster): string {
  return `${cluster.metadata.name}-admin`;
}

/** What is wrong with the names `cluster` gives its objects; empty when they all fit. */
export function objectNameProblems(cluster: GameCluster): string[] {
  const name = cluster.metadata.name;
  const problems: string[] = [];
  if (!DNS_1035_LABEL.test(name)) {
    problems.push(
      `'${name}' must be lowercase letters, digits and '-', starting with a letter and ending with a letter or digit (it names a Service and labels every pod)`,
    );
  }
  if (name.length > MAX_CLUSTER_NAME_LENGTH) {
    const longest = ROLES.reduce((a, b) => (b.length > a.length ? b : a));
    problems.push(
      `'${name}' has ${name.length} characters; at most ${MAX_CLUSTER_NAME_LENGTH} leave room for pod names such as '${podNamePrefix(cluster, longest)}xxxxx' (63 at most)`,
    );
  }
  const others = [
    gateServiceName(cluster),
    configMapName(cluster),
    secretName(cluster),
    networkPolicyName(cluster),
    ...ROLES.map((role) => podDisruptionBudgetName(cluster, role)),
  ];
  // The prefix check above implies these; they are checked anyway so a new, longer suffix cannot slip through.
  for (const other of others) {
    if (other.length > MAX_LABEL_LENGTH) {
      problems.push(`'${other}' has ${other.length} characters, more than ${MAX_LABEL_LENGTH}`);
    }
  }
  return problems;
}

/** Throws ObjectNameError listing every problem when a name `cluster` gives its objects does not fit. */
export function checkObjectNames(cluster: GameCluster): void {
  const problems = objectNameProblems(cluster);
  if (problems.length > 0) throw new ObjectNameError(cluster.metadata.name, problems);
}
