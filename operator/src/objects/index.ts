// The Kubernetes objects a GameCluster owns, as pure builders: pods per role (template and hash), the gate
// Service, the ConfigMap, the key Secret, PodDisruptionBudgets and the optional NetworkPolicy, plus the labels,
// names and ports they agree on.

export {
  CLUSTER_JSON_KEY,
  CLUSTER_JSON_SCHEMA,
  type ClusterTopology,
  clusterTopology,
  configMap,
} from './config-map.ts';

// Names and errors
export { ObjectNameError, ObjectSpecError } from './errors.ts';
// Other owned objects
export { gateService } from './gate-service.ts';
export {
  ADMIN_KEY_SECRET_KEY,
  adminKeyOf,
  CLUSTER_KEY_SECRET_KEY,
  KEY_BYTES,
  type RandomBytes,
  secret,
} from './keys-secret.ts';
// Labels and annotations
export {
  CLUSTER_LABEL,
  COMPONENT_LABEL,
  clusterLabels,
  clusterSelector,
  DRAIN_DEADLINE_ANNOTATION,
  DRAIN_STARTED_ANNOTATION,
  INSTANCE_LABEL,
  type Labels,
  MANAGED_BY,
  MANAGED_BY_LABEL,
  NAME_LABEL,
  NODE_APP_NAME,
  OPERATOR_APP_NAME,
  ROLE_LABEL,
  roleLabels,
  roleSelector,
  selectorText,
  TEMPLATE_HASH_LABEL,
} from './labels.ts';
export { type NetworkPolicyOptions, networkPolicy, OPERATOR_PEER } from './network-policy.ts';
export { DATA_VOLUME, nodeContainer, preStopCommand, TMP_VOLUME, usesDataVolume } from './node-container.ts';
export { NODE_ENV, nodeArgs, nodeEnv, RESERVED_ENV_NAMES } from './node-env.ts';
// Node pods
export {
  ADMIN_PORT,
  ADMIN_PORT_NAME,
  DATA_MOUNT_PATH,
  GAME_PORT,
  GAME_PORT_NAME,
  HEALTH_PATH,
  MESH_PORT,
  MESH_PORT_NAME,
  NODE_CONTAINER_NAME,
  NODE_ENTRYPOINT,
  NODE_USER_ID,
  PGLITE_DIR,
  READY_PATH,
  TERMINATION_MARGIN_SECONDS,
  TMP_MOUNT_PATH,
} from './node-ports.ts';
export {
  checkObjectNames,
  configMapName,
  gateServiceName,
  MAX_CLUSTER_NAME_LENGTH,
  networkPolicyName,
  objectNameProblems,
  podDisruptionBudgetName,
  podNamePrefix,
  secretName,
} from './object-names.ts';
export { ownedMetadata, ownerReference } from './owned-metadata.ts';
export { type OwnedObjects, ownedObjects } from './owned-objects.ts';
export { podFor } from './pod.ts';
export { podDisruptionBudget, podDisruptionBudgets } from './pod-disruption-budget.ts';
export { type PodTemplate, podTemplate } from './pod-template.ts';
export { canonicalJson, TEMPLATE_HASH_LENGTH, templateHash } from './template-hash.ts';
