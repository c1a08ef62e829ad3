// The CRD's CEL rules (x-kubernetes-validations), each with its TypeScript twin. The rule and message text are the
// CRD's word for word (game-cluster-schema.test.ts checks the table against the YAML both ways), so that a rule
// added to the CRD fails the test until validateGameCluster() checks it too.
import type { GameCluster } from './game-cluster.ts';

/** Where a rule sits and what it checks; `holds` is the rule in TypeScript, run on the defaulted object. */
export interface CelRule {
  /** The schema node whose x-kubernetes-validations holds the rule, as a field path ('' for the root). */
  readonly at: string;
  /** The CEL expression, as in the CRD. */
  readonly rule: string;
  readonly message: string;
  /** The field the API server reports the failure on, relative to `at` (the CRD's `fieldPath`). */
  readonly fieldPath?: string;
  readonly reason?: 'FieldValueInvalid' | 'FieldValueForbidden' | 'FieldValueRequired' | 'FieldValueDuplicate';
  /** Fields the rule reads: when one of them is itself invalid the rule is not evaluated (its message would mislead). */
  readonly reads: readonly string[];
  readonly holds: (cluster: GameCluster) => boolean;
}

const NAME = /^[a-z]([-a-z0-9]*[a-z0-9])?$/u;

export const GAMECLUSTER_CEL_RULES: readonly CelRule[] = [
  {
    at: '',
    rule: "self.metadata.name.size() <= 40 && self.metadata.name.matches('^[a-z]([-a-z0-9]*[a-z0-9])?$')",
    message:
      "metadata.name must be at most 40 characters of lower-case letters, digits and '-', starting with a letter and ending with a letter or digit: the operator derives pod, Service and label names from it",
    reads: ['metadata.name'],
    // CEL's size() counts code points; a name that fails the pattern fails either way.
    holds: (cluster) => [...cluster.metadata.name].length <= 40 && NAME.test(cluster.metadata.name),
  },
  {
    at: 'spec',
    rule: "self.database.mode != 'embedded' || self.roles.db.replicas <= 1",
    fieldPath: '.roles.db.replicas',
    message:
      'with database.mode embedded the data lives in the one db pod: set roles.db.replicas to 0 or 1, or use database.mode postgres',
    reads: ['spec.database.mode', 'spec.roles.db.replicas'],
    holds: ({ spec }) => spec.database.mode !== 'embedded' || spec.roles.db.replicas <= 1,
  },
  {
    at: 'spec.zoneAutoscaling',
    rule: 'self.minReplicas <= self.maxReplicas',
    fieldPath: '.minReplicas',
    message: 'minReplicas must not exceed maxReplicas; lower minReplicas or raise maxReplicas',
    reads: ['spec.zoneAutoscaling.minReplicas', 'spec.zoneAutoscaling.maxReplicas'],
    holds: ({ spec }) => spec.zoneAutoscaling.minReplicas <= spec.zoneAutoscaling.maxReplicas,
  },
  {
    at: 'spec.database',
    rule: "self.mode != 'postgres' || has(self.secretRef)",
    fieldPath: '.secretRef',
    reason: 'FieldValueRequired',
    message: 'secretRef is required when mode is postgres; name the Secret and key holding the PostgreSQL URL',
    reads: ['spec.database.mode', 'spec.database.secretRef'],
    holds: ({ spec }) => spec.database.mode !== 'postgres' || spec.database.secretRef !== undefined,
  },
  {
    at: 'spec.database',
    rule: "self.mode == 'postgres' || !has(self.secretRef)",
    fieldPath: '.secretRef',
    reason: 'FieldValueForbidden',
    message: 'secretRef is only read when mode is postgres; remove it or set mode to postgres',
    reads: ['spec.database.mode', 'spec.database.secretRef'],
    holds: ({ spec }) => spec.database.mode === 'postgres' || spec.database.secretRef === undefined,
  },
  {
    at: 'spec.updateStrategy',
    rule: 'self.maxSurge + self.maxUnavailable >= 1',
    message:
      'maxSurge and maxUnavailable cannot both be 0 (a rollout could neither add nor remove a pod); set maxSurge to 1',
    reads: ['spec.updateStrategy.maxSurge', 'spec.updateStrategy.maxUnavailable'],
    holds: ({ spec }) => spec.updateStrategy.maxSurge + spec.updateStrategy.maxUnavailable >= 1,
  },
];

/** The field path a failed rule is reported on: `at` plus the rule's fieldPath (`spec.database.secretRef`). */
export function celRulePath(rule: CelRule): string {
  const relative = (rule.fieldPath ?? '').replace(/^\./, '');
  if (rule.at === '') return relative;
  return relative === '' ? rule.at : `${rule.at}.${relative}`;
}
