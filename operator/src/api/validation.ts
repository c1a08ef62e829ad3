// validateGameCluster(): the operator's second line of defence behind the API server. It checks what the CRD
// checks (the schema's types, bounds and patterns from game-cluster-fields.ts, then the CEL rules from
// cel-rules.ts on the defaulted object) and returns the object with its defaults, or throws one error listing
// every problem. Objects stored before a CRD upgrade, or by a cluster without the CRD's schema, end here.
import { celRulePath, GAMECLUSTER_CEL_RULES } from './cel-rules.ts';
import { withDefaults } from './defaults.ts';
import { InvalidGameClusterError } from './errors.ts';
import { checkField, type Field, type FieldProblem, isAbsent, isPlainObject } from './field-checks.ts';
import type { GameCluster, GameClusterManifest } from './game-cluster.ts';
import { API_VERSION, KIND } from './game-cluster.ts';
import { GAMECLUSTER_SPEC_FIELD, GAMECLUSTER_STATUS_FIELD } from './game-cluster-fields.ts';

function displayName(manifest: Record<string, unknown>): string {
  const metadata = isPlainObject(manifest.metadata) ? manifest.metadata : {};
  const name = typeof metadata.name === 'string' ? metadata.name : '(no name)';
  return typeof metadata.namespace === 'string' ? `${metadata.namespace}/${name}` : name;
}

/** apiVersion, kind and metadata.name: the API server guarantees them; a hand-made object may not have them. */
function checkIdentity(manifest: Record<string, unknown>, problems: FieldProblem[]): void {
  if (manifest.apiVersion !== API_VERSION) {
    problems.push({ path: 'apiVersion', message: `must be ${API_VERSION} (this operator reads no other version)` });
  }
  if (manifest.kind !== KIND) problems.push({ path: 'kind', message: `must be ${KIND}` });
  if (!isPlainObject(manifest.metadata)) {
    problems.push({ path: 'metadata', message: 'is required, with a name' });
  } else if (typeof manifest.metadata.name !== 'string' || manifest.metadata.name === '') {
    problems.push({ path: 'metadata.name', message: 'is required' });
  }
}

/** `value` without its invalid parts, so that defaults stand in for them while the CEL rules run. */
function keepValid(field: Field, value: unknown): unknown {
  if (field.type !== 'object') return checkField(field, value, '', []) ? value : undefined;
  if (!isPlainObject(value)) return undefined;
  const kept: Record<string, unknown> = {};
  for (const [name, child] of Object.entries(field.properties)) {
    const childValue = isAbsent(value[name]) ? undefined : keepValid(child, value[name]);
    if (childValue !== undefined) kept[name] = childValue;
  }
  return kept;
}

/** True when a problem lies on, inside or above one of `paths`. */
function touches(problems: readonly FieldProblem[], paths: readonly string[]): boolean {
  return problems.some(({ path: bad }) =>
    paths.some(
      (read) =>
        bad === '' ||
        bad === read ||
        bad.startsWith(`${read}.`) ||
        bad.startsWith(`${read}[`) ||
        read.startsWith(`${bad}.`),
    ),
  );
}

function checkCelRules(cluster: GameCluster, problems: FieldProblem[]): void {
  const schemaProblems = [...problems];
  for (const rule of GAMECLUSTER_CEL_RULES) {
    if (touches(schemaProblems, rule.reads)) continue;
    if (!rule.holds(cluster)) problems.push({ path: celRulePath(rule), message: rule.message });
  }
}

/**
 * The GameCluster with every default applied, if `manifest` is one the API server would accept; otherwise
 * throws InvalidGameClusterError listing every problem with its field path. Spec fields the schema does not know
 * are dropped, as the API server prunes them.
 */
export function validateGameCluster(manifest: unknown): GameCluster {
  if (!isPlainObject(manifest)) {
    throw new InvalidGameClusterError('(not an object)', [
      { path: '', message: `must be a GameCluster object (got ${manifest === null ? 'null' : typeof manifest})` },
    ]);
  }
  const problems: FieldProblem[] = [];
  checkIdentity(manifest, problems);
  if (isAbsent(manifest.spec)) problems.push({ path: 'spec', message: 'is required, with at least spec.image' });
  else checkField(GAMECLUSTER_SPEC_FIELD, manifest.spec, 'spec', problems);
  if (!isAbsent(manifest.status)) checkField(GAMECLUSTER_STATUS_FIELD, manifest.status, 'status', problems);

  const checked =
    problems.length === 0
      ? (manifest as unknown as GameClusterManifest)
      : ({
          metadata: isPlainObject(manifest.metadata) ? manifest.metadata : {},
          spec: keepValid(GAMECLUSTER_SPEC_FIELD, manifest.spec) ?? {},
        } as unknown as GameClusterManifest);
  const cluster = withDefaults(checked);
  checkCelRules(cluster, problems);
  if (problems.length > 0) throw new InvalidGameClusterError(displayName(manifest), problems);
  return cluster;
}
