// A pod of a role, as the controller creates it: the role's template with generateName `<cluster>-<role>-`, the
// cluster's namespace, the template hash among its labels and the GameCluster as its controlling owner.
import type { V1Pod } from '@kubernetes/client-node';
import type { GameCluster, Role } from '../api/game-cluster.ts';
import { TEMPLATE_HASH_LABEL } from './labels.ts';
import { podNamePrefix } from './object-names.ts';
import { ownedMetadata } from './owned-metadata.ts';
import { podTemplate } from './pod-template.ts';
import { templateHash } from './template-hash.ts';

/**
 * The pod to create for `role`, labelled with `hash` (default: the hash of the role's current template; pass the
 * one the plan compared pods against so the created pod matches it).
 */
export function podFor(cluster: GameCluster, role: Role, hash?: string): V1Pod {
  const template = podTemplate(cluster, role);
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: ownedMetadata(
      cluster,
      { generateName: podNamePrefix(cluster, role) },
      { ...template.labels, [TEMPLATE_HASH_LABEL]: hash ?? templateHash(template) },
      { ...template.annotations },
    ),
    spec: template.spec,
  };
}
