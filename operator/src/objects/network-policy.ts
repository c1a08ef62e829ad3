// The optional NetworkPolicy over a cluster's pods (spec.networkPolicy.enabled): the game port open to anyone,
// the mesh port only to pods of the same cluster, the admin port (POST /drain, but also /metrics and /status)
// only to the operator and to peers the caller names, such as Prometheus. Every other ingress is refused.
// Kubelet probes come from the machine itself, which most network plugins let through whatever the policy says.
// Built in @kubernetes/client-node's model, where an ingress rule's `from` is spelled `_from`: send it through
// the client's APIs (they serialize it to `from`), never as raw JSON, or the rules would admit everyone.
import type { V1NetworkPolicy, V1NetworkPolicyPeer } from '@kubernetes/client-node';
import type { GameCluster } from '../api/game-cluster.ts';
import { clusterLabels, clusterSelector, NAME_LABEL, OPERATOR_APP_NAME } from './labels.ts';
import { ADMIN_PORT_NAME, GAME_PORT_NAME, MESH_PORT_NAME } from './node-ports.ts';
import { networkPolicyName } from './object-names.ts';
import { ownedMetadata } from './owned-metadata.ts';

export interface NetworkPolicyOptions {
  /**
   * The operator's pods. (default: pods labelled app.kubernetes.io/name=gamecluster-operator in any namespace;
   * narrow it with a namespaceSelector on kubernetes.io/metadata.name when the operator knows its namespace)
   */
  readonly operator?: V1NetworkPolicyPeer;
  /** Other peers allowed on the admin port, e.g. the Prometheus that scrapes /metrics. (default: none) */
  readonly adminPeers?: readonly V1NetworkPolicyPeer[];
}

/** The default `operator` peer. */
export const OPERATOR_PEER: V1NetworkPolicyPeer = {
  namespaceSelector: {},
  podSelector: { matchLabels: { [NAME_LABEL]: OPERATOR_APP_NAME } },
};

/** The cluster's NetworkPolicy, or undefined when spec.networkPolicy.enabled is false (delete any that exists). */
export function networkPolicy(cluster: GameCluster, options: NetworkPolicyOptions = {}): V1NetworkPolicy | undefined {
  if (!cluster.spec.networkPolicy.enabled) return undefined;
  const sameCluster: V1NetworkPolicyPeer = { podSelector: { matchLabels: clusterSelector(cluster) } };
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: ownedMetadata(cluster, { name: networkPolicyName(cluster) }, clusterLabels(cluster)),
    spec: {
      podSelector: { matchLabels: clusterSelector(cluster) },
      policyTypes: ['Ingress'],
      ingress: [
        // No `from`: players come from anywhere (only gate pods listen on it).
        { ports: [{ protocol: 'TCP', port: GAME_PORT_NAME }] },
        { _from: [sameCluster], ports: [{ protocol: 'TCP', port: MESH_PORT_NAME }] },
        {
          _from: [options.operator ?? OPERATOR_PEER, ...(options.adminPeers ?? [])],
          ports: [{ protocol: 'TCP', port: ADMIN_PORT_NAME }],
        },
      ],
    },
  };
}
