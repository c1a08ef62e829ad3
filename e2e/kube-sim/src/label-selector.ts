// Label selectors as the `labelSelector` query parameter spells them (`a=b,c!=d,e in (f,g),h notin (i),j,!k`),
// parsed once per request into requirements and matched against an object's labels.

import { badRequest } from './errors.ts';

export type LabelOperator = 'eq' | 'neq' | 'in' | 'notin' | 'exists' | 'notexists';

export interface LabelRequirement {
  readonly key: string;
  readonly operator: LabelOperator;
  readonly values: readonly string[];
}

/** Splits on commas that are not inside parentheses. */
function splitTerms(text: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      terms.push(text.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(text.slice(start));
  return terms.map((t) => t.trim()).filter((t) => t !== '');
}

const SET_TERM = /^([A-Za-z0-9_./-]+)\s+(in|notin)\s*\(([^)]*)\)$/;
const EQ_TERM = /^([A-Za-z0-9_./-]+)\s*(==|=|!=)\s*([A-Za-z0-9_.-]*)$/;
const KEY = /^[A-Za-z0-9_./-]+$/;

function parseTerm(term: string): LabelRequirement {
  const set = SET_TERM.exec(term);
  if (set !== null) {
    const values = (set[3] ?? '')
      .split(',')
      .map((v) => v.trim())
      .filter((v) => v !== '');
    return { key: set[1] ?? '', operator: set[2] === 'in' ? 'in' : 'notin', values };
  }
  const eq = EQ_TERM.exec(term);
  if (eq !== null) return { key: eq[1] ?? '', operator: eq[2] === '!=' ? 'neq' : 'eq', values: [eq[3] ?? ''] };
  if (term.startsWith('!') && KEY.test(term.slice(1).trim())) {
    return { key: term.slice(1).trim(), operator: 'notexists', values: [] };
  }
  if (KEY.test(term)) return { key: term, operator: 'exists', values: [] };
  throw badRequest(`unable to parse requirement: invalid label selector term "${term}"`);
}

export function parseLabelSelector(text: string): LabelRequirement[] {
  return splitTerms(text).map(parseTerm);
}

export function matchesLabels(requirements: readonly LabelRequirement[], labels: Record<string, string> = {}): boolean {
  return requirements.every((r) => {
    const has = Object.hasOwn(labels, r.key);
    const value = labels[r.key];
    switch (r.operator) {
      case 'eq':
      case 'in':
        return has && r.values.includes(value ?? '');
      case 'neq':
      case 'notin':
        return !has || !r.values.includes(value ?? '');
      case 'exists':
        return has;
      case 'notexists':
        return !has;
    }
    return false;
  });
}

/** A metav1.LabelSelector object (matchLabels + matchExpressions) as requirements, for PDBs and scale selectors. */
export function requirementsOfSelector(selector: {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}): LabelRequirement[] {
  const out: LabelRequirement[] = [];
  for (const [key, value] of Object.entries(selector.matchLabels ?? {}))
    out.push({ key, operator: 'eq', values: [value] });
  for (const e of selector.matchExpressions ?? []) {
    const operator: LabelOperator =
      e.operator === 'In' ? 'in' : e.operator === 'NotIn' ? 'notin' : e.operator === 'Exists' ? 'exists' : 'notexists';
    out.push({ key: e.key, operator, values: e.values ?? [] });
  }
  return out;
}

/** Requirements back to the query-string form (the Scale subresource's status.selector). */
export function formatRequirements(requirements: readonly LabelRequirement[]): string {
  return requirements
    .map((r) => {
      switch (r.operator) {
        case 'eq':
          return `${r.key}=${r.values[0] ?? ''}`;
        case 'neq':
          return `${r.key}!=${r.values[0] ?? ''}`;
        case 'in':
          return `${r.key} in (${r.values.join(',')})`;
        case 'notin':
          return `${r.key} notin (${r.values.join(',')})`;
        case 'exists':
          return r.key;
        case 'notexists':
          return `!${r.key}`;
      }
      return '';
    })
    .join(',');
}
