// Field selectors (`metadata.name=x,status.phase!=Running`): the few fields the real server indexes and that
// controllers and kubectl use. Other fields are refused with 400 as the real server refuses unsupported ones.

import { badRequest } from './errors.ts';
import { type KubeObject, readPath, splitDottedPath } from './kube-object.ts';

export interface FieldRequirement {
  readonly field: string;
  readonly equal: boolean;
  readonly value: string;
}

/** Fields any resource can be selected by, plus the per-kind ones the real server offers. */
const SUPPORTED_FIELDS = new Set([
  'metadata.name',
  'metadata.namespace',
  'status.phase',
  'spec.nodeName',
  'spec.restartPolicy',
  'spec.schedulerName',
  'spec.serviceAccountName',
  'status.podIP',
  'involvedObject.name',
  'involvedObject.kind',
  'involvedObject.namespace',
  'involvedObject.uid',
  'reason',
  'type',
  'regarding.name',
  'regarding.kind',
]);

const TERM = /^\s*([A-Za-z.]+)\s*(==|=|!=)\s*(.*?)\s*$/;

export function parseFieldSelector(text: string): FieldRequirement[] {
  const out: FieldRequirement[] = [];
  for (const term of text.split(',')) {
    if (term.trim() === '') continue;
    const m = TERM.exec(term);
    if (m === null) throw badRequest(`invalid field selector: "${term}"`);
    const field = m[1] ?? '';
    if (!SUPPORTED_FIELDS.has(field)) {
      throw badRequest(`field label not supported: ${field}`);
    }
    out.push({ field, equal: m[2] !== '!=', value: m[3] ?? '' });
  }
  return out;
}

export function matchesFields(requirements: readonly FieldRequirement[], object: KubeObject): boolean {
  return requirements.every((r) => {
    const raw = readPath(object, splitDottedPath(r.field));
    const value = raw === undefined || raw === null ? '' : String(raw);
    return r.equal ? value === r.value : value !== r.value;
  });
}
