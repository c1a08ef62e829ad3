// Replaces Grafana variables in a query with values, as Grafana does before it sends the query: `$name`,
// `${name}`, `${name:format}` and `[[name]]`, including built-ins such as `$__rate_interval`. Every variable must
// have a value: a misspelt variable is an error here, not an empty match in production.
import { DashboardQueryError } from './errors.ts';

/** Variable name → the text it becomes (a regex such as `.*` for multi-value variables used with `=~`). */
export type VariableValues = Readonly<Record<string, string>>;

/** What the syntax checks substitute: every scope variable matches anything, intervals are plain durations. */
export const CHECK_VARIABLES: VariableValues = {
  cluster: '.*',
  role: '.*',
  pod: '.*',
  __rate_interval: '1m',
  __interval: '15s',
  __range: '30m',
};

const VARIABLE =
  /\$\{([a-zA-Z_][a-zA-Z0-9_]*)(?::[^}]*)?\}|\[\[([a-zA-Z_][a-zA-Z0-9_]*)(?::[^\]]*)?\]\]|\$([a-zA-Z_][a-zA-Z0-9_]*)/g;

export function expandVariables(expr: string, values: VariableValues): string {
  return expr.replace(VARIABLE, (whole, braced?: string, bracketed?: string, bare?: string) => {
    const name = braced ?? bracketed ?? bare!;
    const value = Object.hasOwn(values, name) ? values[name] : undefined;
    if (value === undefined) {
      throw new DashboardQueryError(
        `query uses ${whole}, which has no value (known: ${Object.keys(values).join(', ')}): ${expr}`,
      );
    }
    return value;
  });
}
