// Every Kubernetes API call the operator makes, in one place: each method names the (group, resource, verb) it
// needs in KUBE_CALLS, and that table must equal OPERATOR_PERMISSIONS (permissions.ts, which the Helm chart's
// ClusterRole grants): kube-client.test.ts checks both ways, so a call cannot ship without its RBAC rule and a rule
// cannot stay once no call needs it. Calls go through @kubernetes/client-node's typed APIs.
import {
  CoordinationV1Api,
  CoreV1Api,
  type CoreV1Event,
  CustomObjectsApi,
  type KubeConfig,
  type KubernetesObject,
  NetworkingV1Api,
  PatchStrategy,
  PolicyV1Api,
  setHeaderOptions,
  type V1ConfigMap,
  type V1NetworkPolicy,
  type V1ObjectMeta,
  type V1Pod,
  type V1PodDisruptionBudget,
  type V1Secret,
  type V1Service,
} from '@kubernetes/client-node';
import { type GameClusterStatus, GROUP, PLURAL, VERSION } from '../api/game-cluster.ts';
import type { Permission } from './permissions.ts';

/**
 * A GameCluster as the API returns it: validated and defaulted by the reconciler, not here. Custom objects come
 * as plain JSON (timestamps are strings at run time, whatever V1ObjectMeta says).
 */
export interface GameClusterObject extends KubernetesObject {
  metadata: V1ObjectMeta & { name: string; namespace: string };
  spec?: unknown;
  status?: GameClusterStatus;
}

/** The permission each call needs (the methods below, and the informers' list and watch). */
export const KUBE_CALLS = {
  listGameClusters: { group: GROUP, resource: PLURAL, verb: 'list' },
  watchGameClusters: { group: GROUP, resource: PLURAL, verb: 'watch' },
  replaceGameCluster: { group: GROUP, resource: PLURAL, verb: 'update' },
  replaceGameClusterStatus: { group: GROUP, resource: `${PLURAL}/status`, verb: 'update' },
  scaleZones: { group: GROUP, resource: `${PLURAL}/scale`, verb: 'patch' },
  // Not a call: creating objects whose owner reference sets blockOwnerDeletion needs update on the owner's
  // finalizers subresource where the OwnerReferencesPermissionEnforcement admission plugin runs (OpenShift...).
  ownerReferences: { group: GROUP, resource: `${PLURAL}/finalizers`, verb: 'update' },
  listPods: { group: '', resource: 'pods', verb: 'list' },
  watchPods: { group: '', resource: 'pods', verb: 'watch' },
  createPod: { group: '', resource: 'pods', verb: 'create' },
  deletePod: { group: '', resource: 'pods', verb: 'delete' },
  annotatePod: { group: '', resource: 'pods', verb: 'patch' },
  readService: { group: '', resource: 'services', verb: 'get' },
  createService: { group: '', resource: 'services', verb: 'create' },
  replaceService: { group: '', resource: 'services', verb: 'update' },
  readConfigMap: { group: '', resource: 'configmaps', verb: 'get' },
  createConfigMap: { group: '', resource: 'configmaps', verb: 'create' },
  replaceConfigMap: { group: '', resource: 'configmaps', verb: 'update' },
  readSecret: { group: '', resource: 'secrets', verb: 'get' },
  createSecret: { group: '', resource: 'secrets', verb: 'create' },
  createEvent: { group: '', resource: 'events', verb: 'create' },
  readPodDisruptionBudget: { group: 'policy', resource: 'poddisruptionbudgets', verb: 'get' },
  createPodDisruptionBudget: { group: 'policy', resource: 'poddisruptionbudgets', verb: 'create' },
  replacePodDisruptionBudget: { group: 'policy', resource: 'poddisruptionbudgets', verb: 'update' },
  readNetworkPolicy: { group: 'networking.k8s.io', resource: 'networkpolicies', verb: 'get' },
  createNetworkPolicy: { group: 'networking.k8s.io', resource: 'networkpolicies', verb: 'create' },
  replaceNetworkPolicy: { group: 'networking.k8s.io', resource: 'networkpolicies', verb: 'update' },
  deleteNetworkPolicy: { group: 'networking.k8s.io', resource: 'networkpolicies', verb: 'delete' },
  readLease: { group: 'coordination.k8s.io', resource: 'leases', verb: 'get' },
  createLease: { group: 'coordination.k8s.io', resource: 'leases', verb: 'create' },
  replaceLease: { group: 'coordination.k8s.io', resource: 'leases', verb: 'update' },
} as const satisfies Record<string, { group: string; resource: string; verb: string }>;

/** KUBE_CALLS grouped into RBAC rules: what the ClusterRole must grant (compared with OPERATOR_PERMISSIONS). */
export function permissionsOfCalls(): Permission[] {
  const byResource = new Map<string, { group: string; resource: string; verbs: Set<string> }>();
  for (const call of Object.values(KUBE_CALLS)) {
    const key = `${call.group}/${call.resource}`;
    const entry = byResource.get(key) ?? { group: call.group, resource: call.resource, verbs: new Set<string>() };
    entry.verbs.add(call.verb);
    byResource.set(key, entry);
  }
  return [...byResource.values()].map(({ group, resource, verbs }) => ({ group, resource, verbs: [...verbs].sort() }));
}

/** The typed API clients the controller uses, built from one KubeConfig. */
export class KubeClient {
  readonly config: KubeConfig;
  readonly core: CoreV1Api;
  readonly custom: CustomObjectsApi;
  readonly policy: PolicyV1Api;
  readonly networking: NetworkingV1Api;
  readonly coordination: CoordinationV1Api;

  constructor(config: KubeConfig) {
    this.config = config;
    this.core = config.makeApiClient(CoreV1Api);
    this.custom = config.makeApiClient(CustomObjectsApi);
    this.policy = config.makeApiClient(PolicyV1Api);
    this.networking = config.makeApiClient(NetworkingV1Api);
    this.coordination = config.makeApiClient(CoordinationV1Api);
  }

  // ---- GameClusters ----

  async listGameClusters(namespace: string): Promise<{ items: GameClusterObject[]; resourceVersion?: string }> {
    const list = (
      namespace === ''
        ? await this.custom.listClusterCustomObject({ group: GROUP, version: VERSION, plural: PLURAL })
        : await this.custom.listNamespacedCustomObject({ group: GROUP, version: VERSION, namespace, plural: PLURAL })
    ) as { items: GameClusterObject[]; metadata?: { resourceVersion?: string } };
    return { items: list.items, resourceVersion: list.metadata?.resourceVersion };
  }

  /** Replaces the object (metadata and spec; the status subresource ignores it): 409 when it changed meanwhile. */
  async replaceGameCluster(object: GameClusterObject): Promise<GameClusterObject> {
    return (await this.custom.replaceNamespacedCustomObject({
      group: GROUP,
      version: VERSION,
      namespace: object.metadata.namespace,
      plural: PLURAL,
      name: object.metadata.name,
      body: object,
    })) as GameClusterObject;
  }

  /** Replaces the status (with the object's resourceVersion: 409 when it changed meanwhile). */
  async replaceGameClusterStatus(object: GameClusterObject): Promise<GameClusterObject> {
    return (await this.custom.replaceNamespacedCustomObjectStatus({
      group: GROUP,
      version: VERSION,
      namespace: object.metadata.namespace,
      plural: PLURAL,
      name: object.metadata.name,
      body: object,
    })) as GameClusterObject;
  }

  /** Sets the zone replicas through the scale subresource (what the autoscaler decided, as an HPA would). */
  async scaleZones(namespace: string, name: string, replicas: number): Promise<void> {
    await this.custom.patchNamespacedCustomObjectScale(
      { group: GROUP, version: VERSION, namespace, plural: PLURAL, name, body: { spec: { replicas } } },
      mergePatch(),
    );
  }

  // ---- pods ----

  async listPods(namespace: string, labelSelector: string): Promise<V1Pod[]> {
    const list =
      namespace === ''
        ? await this.core.listPodForAllNamespaces({ labelSelector })
        : await this.core.listNamespacedPod({ namespace, labelSelector });
    return list.items;
  }

  createPod(namespace: string, pod: V1Pod): Promise<V1Pod> {
    return this.core.createNamespacedPod({ namespace, body: pod });
  }

  async deletePod(namespace: string, name: string, gracePeriodSeconds?: number): Promise<void> {
    await this.core.deleteNamespacedPod({ namespace, name, gracePeriodSeconds });
  }

  /** Sets annotations on a pod (a JSON merge patch: other annotations stay). */
  async annotatePod(namespace: string, name: string, annotations: Record<string, string>): Promise<V1Pod> {
    return this.core.patchNamespacedPod({ namespace, name, body: { metadata: { annotations } } }, mergePatch());
  }

  // ---- owned objects ----

  readSecret(namespace: string, name: string): Promise<V1Secret> {
    return this.core.readNamespacedSecret({ namespace, name });
  }

  createSecret(namespace: string, secret: V1Secret): Promise<V1Secret> {
    return this.core.createNamespacedSecret({ namespace, body: secret });
  }

  readService(namespace: string, name: string): Promise<V1Service> {
    return this.core.readNamespacedService({ namespace, name });
  }

  createService(namespace: string, service: V1Service): Promise<V1Service> {
    return this.core.createNamespacedService({ namespace, body: service });
  }

  replaceService(namespace: string, service: V1Service): Promise<V1Service> {
    return this.core.replaceNamespacedService({ namespace, name: service.metadata!.name!, body: service });
  }

  readConfigMap(namespace: string, name: string): Promise<V1ConfigMap> {
    return this.core.readNamespacedConfigMap({ namespace, name });
  }

  createConfigMap(namespace: string, configMap: V1ConfigMap): Promise<V1ConfigMap> {
    return this.core.createNamespacedConfigMap({ namespace, body: configMap });
  }

  replaceConfigMap(namespace: string, configMap: V1ConfigMap): Promise<V1ConfigMap> {
    return this.core.replaceNamespacedConfigMap({ namespace, name: configMap.metadata!.name!, body: configMap });
  }

  readPodDisruptionBudget(namespace: string, name: string): Promise<V1PodDisruptionBudget> {
    return this.policy.readNamespacedPodDisruptionBudget({ namespace, name });
  }

  createPodDisruptionBudget(namespace: string, budget: V1PodDisruptionBudget): Promise<V1PodDisruptionBudget> {
    return this.policy.createNamespacedPodDisruptionBudget({ namespace, body: budget });
  }

  replacePodDisruptionBudget(namespace: string, budget: V1PodDisruptionBudget): Promise<V1PodDisruptionBudget> {
    return this.policy.replaceNamespacedPodDisruptionBudget({
      namespace,
      name: budget.metadata!.name!,
      body: budget,
    });
  }

  readNetworkPolicy(namespace: string, name: string): Promise<V1NetworkPolicy> {
    return this.networking.readNamespacedNetworkPolicy({ namespace, name });
  }

  createNetworkPolicy(namespace: string, policy: V1NetworkPolicy): Promise<V1NetworkPolicy> {
    return this.networking.createNamespacedNetworkPolicy({ namespace, body: policy });
  }

  replaceNetworkPolicy(namespace: string, policy: V1NetworkPolicy): Promise<V1NetworkPolicy> {
    return this.networking.replaceNamespacedNetworkPolicy({ namespace, name: policy.metadata!.name!, body: policy });
  }

  async deleteNetworkPolicy(namespace: string, name: string): Promise<void> {
    await this.networking.deleteNamespacedNetworkPolicy({ namespace, name });
  }

  // ---- events ----

  createEvent(namespace: string, event: CoreV1Event): Promise<CoreV1Event> {
    return this.core.createNamespacedEvent({ namespace, body: event });
  }
}

/** Options that make a patch call send a JSON merge patch (`application/merge-patch+json`). */
function mergePatch() {
  return setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
}
