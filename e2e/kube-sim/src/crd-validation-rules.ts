// The CRD's `x-kubernetes-validations` (CEL) rules: compiled once per CRD, evaluated at each schema node the object
// reaches, with oldSelf for transition rules on update. Rules outside kube-sim's CEL subset are skipped and listed,
// so a test knows which of its rules the simulator did not check.

import { checkSupported, evaluateCel } from './cel-evaluator.ts';
import { type CelNode, parseCel, usesOldSelf } from './cel-parser.ts';
import type { StructuralSchema, ValidationRule } from './crd-structural.ts';
import type { StatusCause } from './errors.ts';
import { isPlainObject } from './kube-object.ts';

interface CompiledRule {
  readonly rule: ValidationRule;
  readonly node: CelNode;
  readonly transition: boolean;
}

export interface SkippedRule {
  readonly rule: string;
  readonly why: string;
}

export interface CompiledRules {
  readonly byNode: WeakMap<StructuralSchema, CompiledRule[]>;
  readonly skipped: readonly SkippedRule[];
}

export function compileRules(schema: StructuralSchema): CompiledRules {
  const byNode = new WeakMap<StructuralSchema, CompiledRule[]>();
  const skipped: SkippedRule[] = [];
  const visit = (node: StructuralSchema): void => {
    const compiled: CompiledRule[] = [];
    for (const rule of node['x-kubernetes-validations'] ?? []) {
      try {
        const parsed = parseCel(rule.rule);
        checkSupported(parsed);
        compiled.push({ rule, node: parsed, transition: usesOldSelf(parsed) });
      } catch (error) {
        skipped.push({ rule: rule.rule, why: error instanceof Error ? error.message : String(error) });
      }
    }
    if (compiled.length > 0) byNode.set(node, compiled);
    for (const child of Object.values(node.properties ?? {})) visit(child);
    if (node.items !== undefined) visit(node.items);
    if (isPlainObject(node.additionalProperties)) visit(node.additionalProperties as StructuralSchema);
  };
  visit(schema);
  return { byNode, skipped };
}

function failure(rule: ValidationRule, path: string, type: string, message: string): StatusCause {
  const field = `${path}${rule.fieldPath ?? ''}`.replace(/^\./, '') || '<nil>';
  switch (rule.reason) {
    case 'FieldValueRequired':
      return { reason: 'FieldValueRequired', field, message: `Required value: ${message}` };
    case 'FieldValueForbidden':
      return { reason: 'FieldValueForbidden', field, message: `Forbidden: ${message}` };
    case 'FieldValueDuplicate':
      return { reason: 'FieldValueDuplicate', field, message: `Duplicate value: ${message}` };
    default:
      return { reason: 'FieldValueInvalid', field, message: `Invalid value: "${type}": ${message}` };
  }
}

function check(
  compiled: CompiledRules,
  schema: StructuralSchema,
  value: unknown,
  old: unknown,
  path: string,
  out: StatusCause[],
): void {
  if (value === undefined || value === null) return;
  for (const c of compiled.byNode.get(schema) ?? []) {
    if (c.transition && old === undefined) continue;
    const scope = new Map<string, unknown>([['self', value]]);
    if (old !== undefined) scope.set('oldSelf', old);
    const type = schema.type ?? 'object';
    try {
      if (evaluateCel(c.node, scope) !== true) {
        out.push(failure(c.rule, path, type, c.rule.message ?? `failed rule: ${c.rule.rule}`));
      }
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      out.push(failure(c.rule, path, type, `${why} evaluating rule: ${c.rule.rule}`));
    }
  }
  if (Array.isArray(value)) {
    if (schema.items !== undefined) {
      value.forEach((item, i) => {
        check(compiled, schema.items as StructuralSchema, item, undefined, `${path}[${i}]`, out);
      });
    }
    return;
  }
  if (!isPlainObject(value)) return;
  const oldObject = isPlainObject(old) ? old : undefined;
  for (const [key, item] of Object.entries(value)) {
    const child =
      schema.properties?.[key] ??
      (isPlainObject(schema.additionalProperties) ? (schema.additionalProperties as StructuralSchema) : undefined);
    if (child !== undefined) check(compiled, child, item, oldObject?.[key], path === '' ? key : `${path}.${key}`, out);
  }
}

/** The causes of every failed rule; `old` is the stored object on update (undefined on create). */
export function evaluateRules(
  compiled: CompiledRules,
  schema: StructuralSchema,
  value: unknown,
  old: unknown,
): StatusCause[] {
  const out: StatusCause[] = [];
  check(compiled, schema, value, old, '', out);
  return out;
}
