// The metric names a PromQL expression reads, found by walking its tokens: identifiers that are not functions,
// aggregations, keywords, label names (inside {} and by/without/on/ignoring/group_* lists) or durations. Enough for
// the expressions dashboards hold; a `__name__` matcher (a name the walk cannot see) is refused, not missed.
import { DashboardQueryError } from './errors.ts';

const KEYWORDS = new Set(['and', 'or', 'unless', 'bool', 'offset', 'inf', 'nan']);
const LABEL_LISTS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right']);
/** An aggregation written `sum by (x) (...)`: its grouping comes before its argument. */
const GROUPING_AFTER = /^(by|without)\s*\(/;

/** The distinct metric names `expr` selects, in order of appearance. */
export function metricNamesOf(expr: string): string[] {
  if (/__name__/.test(expr)) throw new DashboardQueryError(`a __name__ matcher hides the metric name: ${expr}`);
  const names: string[] = [];
  let i = 0;
  while (i < expr.length) {
    const c = expr[i]!;
    if (c === '"' || c === "'" || c === '`') {
      i = skipString(expr, i);
    } else if (c === '{') {
      i = skipPast(expr, i, '}');
    } else if (c === '[') {
      i = skipPast(expr, i, ']');
    } else if (c === '#') {
      i = skipPast(expr, i, '\n');
    } else if (/[0-9.]/.test(c)) {
      i = skipWhile(expr, i, /[0-9a-zA-Z_.+-]/, true);
    } else if (/[a-zA-Z_:]/.test(c)) {
      const end = skipWhile(expr, i, /[a-zA-Z0-9_:]/, false);
      const word = expr.slice(i, end);
      const next = skipWhile(expr, end, /\s/, false);
      i = end;
      if (LABEL_LISTS.has(word)) {
        if (expr[next] === '(') i = skipPast(expr, next, ')');
      } else if (expr[next] === '(' || GROUPING_AFTER.test(expr.slice(next)) || KEYWORDS.has(word.toLowerCase())) {
        // a function or aggregation name (`sum by (x) (...)` too), or an operator keyword
      } else if (!names.includes(word)) {
        names.push(word);
      }
    } else {
      i++;
    }
  }
  return names;
}

function skipString(expr: string, start: number): number {
  const quote = expr[start]!;
  let i = start + 1;
  while (i < expr.length && expr[i] !== quote) i += expr[i] === '\\' && quote !== '`' ? 2 : 1;
  if (i >= expr.length) throw new DashboardQueryError(`unterminated string in ${expr}`);
  return i + 1;
}

/** Skips to just past the `close` that ends what starts at `start`, stepping over strings. */
function skipPast(expr: string, start: number, close: string): number {
  let i = start + 1;
  while (i < expr.length && expr[i] !== close) {
    i = expr[i] === '"' || expr[i] === "'" || expr[i] === '`' ? skipString(expr, i) : i + 1;
  }
  if (i >= expr.length && close !== '\n') throw new DashboardQueryError(`unclosed ${expr[start]} in ${expr}`);
  return i + 1;
}

/** A number like 1e-3 takes its sign only right after an exponent `e`. */
function skipWhile(expr: string, start: number, pattern: RegExp, isNumber: boolean): number {
  let i = start;
  while (i < expr.length && pattern.test(expr[i]!)) {
    if (isNumber && (expr[i] === '+' || expr[i] === '-') && !/[eE]/.test(expr[i - 1] ?? '')) break;
    i++;
  }
  return i;
}
