// The operator's API layer: the GameCluster resource's types, defaults and validation (the CRD in crds/ is the
// same API for the API server). Everything else in the operator imports the resource from here.

// Validation
export { type CelRule, celRulePath, GAMECLUSTER_CEL_RULES } from './cel-rules.ts';

// Defaults
export { GAMECLUSTER_DEFAULTS, GAMECLUSTER_ITEM_DEFAULTS, type GameClusterDefaults, withDefaults } from './defaults.ts';
export { InvalidGameClusterError } from './errors.ts';
export type { FieldProblem } from './field-checks.ts';
// The resource
export {
  API_VERSION,
  type Condition,
  type ConditionType,
  type DatabaseSpec,
  type DeepPartial,
  type EnvVar,
  type EtcdSpec,
  type GameCluster,
  type GameClusterManifest,
  type GameClusterSpec,
  type GameClusterStatus,
  type GateServiceSpec,
  type GateServiceType,
  GROUP,
  KIND,
  type ObjectMeta,
  PLURAL,
  type ResourceList,
  type ResourceRequirements,
  ROLES,
  type Role,
  type RoleSpec,
  type RoleStatus,
  type SecretKeyRef,
  SHORT_NAME,
  type UpdateStrategySpec,
  VERSION,
  type ZoneAutoscalingSpec,
} from './game-cluster.ts';
export { GAMECLUSTER_SPEC_FIELD, GAMECLUSTER_STATUS_FIELD, MAX_ROLE_REPLICAS } from './game-cluster-fields.ts';
export { validateGameCluster } from './validation.ts';
