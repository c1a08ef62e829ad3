// The JSONPath subset CRD printer columns use: `.a.b`, `.a[0]`, `.a['b.c']`, `.a[*]` and the filter
// `[?(@.type=="Ready")]` (== and != on strings, numbers and booleans). Returns every match, in document order.

import { isPlainObject } from './kube-object.ts';

type Step =
  | { readonly kind: 'field'; readonly name: string }
  | { readonly kind: 'index'; readonly index: number }
  | { readonly kind: 'wildcard' }
  | { readonly kind: 'filter'; readonly path: readonly string[]; readonly equal: boolean; readonly value: unknown };

export class JsonPathError extends Error {
  override name = 'JsonPathError';
}

function parseLiteral(text: string): unknown {
  const t = text.trim();
  if (/^".*"$/.test(t) || /^'.*'$/.test(t)) return t.slice(1, -1);
  if (t === 'true' || t === 'false') return t === 'true';
  if (!Number.isNaN(Number(t))) return Number(t);
  throw new JsonPathError(`unsupported literal ${text}`);
}

function parseBracket(inner: string): Step {
  if (inner === '*') return { kind: 'wildcard' };
  if (/^-?[0-9]+$/.test(inner)) return { kind: 'index', index: Number(inner) };
  const quoted = /^'(.*)'$|^"(.*)"$/.exec(inner);
  if (quoted !== null) return { kind: 'field', name: quoted[1] ?? quoted[2] ?? '' };
  const filter = /^\?\(@((?:\.[A-Za-z0-9_-]+)+)\s*(==|!=)\s*(.+)\)$/.exec(inner);
  if (filter !== null) {
    return {
      kind: 'filter',
      path: (filter[1] ?? '').split('.').filter((s) => s !== ''),
      equal: filter[2] === '==',
      value: parseLiteral(filter[3] ?? ''),
    };
  }
  throw new JsonPathError(`unsupported JSONPath bracket [${inner}]`);
}

export function parseJsonPath(expression: string): Step[] {
  let text = expression.trim();
  if (text.startsWith('{') && text.endsWith('}')) text = text.slice(1, -1);
  if (text.startsWith('$')) text = text.slice(1);
  const steps: Step[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] === '.') {
      const m = /^[A-Za-z0-9_-]+/.exec(text.slice(i + 1));
      if (m === null) {
        if (text[i + 1] === '[' || i + 1 === text.length) {
          i++;
          continue;
        }
        throw new JsonPathError(`unsupported JSONPath ${expression}`);
      }
      steps.push({ kind: 'field', name: m[0] });
      i += 1 + m[0].length;
    } else if (text[i] === '[') {
      let depth = 0;
      let j = i;
      for (; j < text.length; j++) {
        if (text[j] === '[') depth++;
        else if (text[j] === ']' && --depth === 0) break;
      }
      steps.push(parseBracket(text.slice(i + 1, j)));
      i = j + 1;
    } else {
      throw new JsonPathError(`unsupported JSONPath ${expression}`);
    }
  }
  return steps;
}

function follow(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const key of path) current = isPlainObject(current) ? current[key] : undefined;
  return current;
}

function applyStep(values: unknown[], step: Step): unknown[] {
  const out: unknown[] = [];
  for (const value of values) {
    switch (step.kind) {
      case 'field':
        if (isPlainObject(value) && value[step.name] !== undefined) out.push(value[step.name]);
        break;
      case 'index':
        if (Array.isArray(value)) {
          const item = value[step.index < 0 ? value.length + step.index : step.index];
          if (item !== undefined) out.push(item);
        }
        break;
      case 'wildcard':
        if (Array.isArray(value)) out.push(...value);
        else if (isPlainObject(value)) out.push(...Object.values(value));
        break;
      case 'filter':
        if (Array.isArray(value)) {
          for (const item of value) {
            const matches = follow(item, step.path) === step.value;
            if (matches === step.equal) out.push(item);
          }
        }
        break;
    }
  }
  return out;
}

export function evaluateJsonPath(object: unknown, expression: string): unknown[] {
  return parseJsonPath(expression).reduce<unknown[]>((values, step) => applyStep(values, step), [object]);
}
