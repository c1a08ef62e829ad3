// Every Kubernetes API call the operator makes, as RBAC rules: the Helm chart's ClusterRole grants exactly these
// (the chart test), and they equal the calls kube-client.ts declares (kube-client.test.ts), so a new call cannot
// ship without its permission nor a permission stay once no call needs it. Verbs sorted.

export interface Permission {
  /** API group; '' is the core group. */
  readonly group: string;
  readonly resource: string;
  readonly verbs: readonly string[];
}

export const OPERATOR_PERMISSIONS: readonly Permission[] = [
  { group: 'gamecluster.io', resource: 'gameclusters', verbs: ['list', 'update', 'watch'] },
  { group: 'gamecluster.io', resource: 'gameclusters/status', verbs: ['update'] },
  { group: 'gamecluster.io', resource: 'gameclusters/scale', verbs: ['patch'] },
  { group: 'gamecluster.io', resource: 'gameclusters/finalizers', verbs: ['update'] },
  { group: '', resource: 'pods', verbs: ['create', 'delete', 'list', 'patch', 'watch'] },
  { group: '', resource: 'services', verbs: ['create', 'get', 'update'] },
  { group: '', resource: 'configmaps', verbs: ['create', 'get', 'update'] },
  { group: '', resource: 'secrets', verbs: ['create', 'get'] },
  { group: '', resource: 'events', verbs: ['create'] },
  { group: 'policy', resource: 'poddisruptionbudgets', verbs: ['create', 'get', 'update'] },
  { group: 'networking.k8s.io', resource: 'networkpolicies', verbs: ['create', 'delete', 'get', 'update'] },
  { group: 'coordination.k8s.io', resource: 'leases', verbs: ['create', 'get', 'update'] },
];
