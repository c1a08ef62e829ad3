// Every object the controller keeps in line with the spec on each reconcile, in one call: the Service, the
// ConfigMap, the budgets and (when enabled) the NetworkPolicy. Pods are the planner's (one at a time, drained);
// the key Secret is created once when absent and never updated, so neither is here.
import type { V1ConfigMap, V1NetworkPolicy, V1PodDisruptionBudget, V1Service } from '@kubernetes/client-node';
import type { GameCluster } from '../api/game-cluster.ts';
import { configMap } from './config-map.ts';
import { gateService } from './gate-service.ts';
import { type NetworkPolicyOptions, networkPolicy } from './network-policy.ts';
import { podDisruptionBudgets } from './pod-disruption-budget.ts';

export interface OwnedObjects {
  readonly gateService: V1Service;
  readonly configMap: V1ConfigMap;
  readonly podDisruptionBudgets: readonly V1PodDisruptionBudget[];
  /** undefined when spec.networkPolicy.enabled is false: an existing one is to be deleted. */
  readonly networkPolicy: V1NetworkPolicy | undefined;
}

export function ownedObjects(cluster: GameCluster, options: NetworkPolicyOptions = {}): OwnedObjects {
  return {
    gateService: gateService(cluster),
    configMap: configMap(cluster),
    podDisruptionBudgets: podDisruptionBudgets(cluster),
    networkPolicy: networkPolicy(cluster, options),
  };
}
