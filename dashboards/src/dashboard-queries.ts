// Reads the queries out of a dashboard as Grafana stores it (the committed JSON, or a built Dashboard): each
// panel's Prometheus targets, and the selector inside each `label_values(...)` variable query.
import { DashboardShapeError } from './errors.ts';

export interface PanelQuery {
  readonly refId: string;
  readonly expr: string;
  /** Grafana sends it to /api/v1/query (stat panels); otherwise to /api/v1/query_range. */
  readonly instant: boolean;
}

export interface PanelQueries {
  readonly panelId: number;
  readonly title: string;
  readonly type: string;
  readonly queries: readonly PanelQuery[];
}

export interface VariableQuery {
  readonly name: string;
  readonly query: string;
  /** The series selector of `label_values(<selector>, <label>)`. */
  readonly selector: string;
  readonly label: string;
}

/** One PromQL expression of a dashboard, named `<panel id>/<refId>` or `var/<name>`. */
export interface DashboardExpression {
  readonly id: string;
  readonly panelTitle: string;
  readonly expr: string;
}

/** Every panel that queries data (rows are not panels; a collapsed row's panels are), in dashboard order. */
export function panelQueries(dashboard: unknown): PanelQueries[] {
  const panels = arrayAt(dashboard, 'panels', 'dashboard');
  const flat = panels.flatMap((panel) =>
    field(panel, 'type') === 'row' ? (arrayOrEmpty(panel, 'panels') as unknown[]) : [panel],
  );
  return flat.map((panel) => {
    const title = String(field(panel, 'title') ?? '');
    const where = `panel "${title}"`;
    const panelId = field(panel, 'id');
    if (typeof panelId !== 'number') throw new DashboardShapeError(`${where} has no numeric id`);
    const targets = arrayAt(panel, 'targets', where);
    if (targets.length === 0) throw new DashboardShapeError(`${where} has no queries`);
    const queries = targets.map((target, index) => {
      const expr = field(target, 'expr');
      const refId = field(target, 'refId');
      if (typeof expr !== 'string' || expr.trim() === '') {
        throw new DashboardShapeError(`${where} query ${index} has no PromQL \`expr\``);
      }
      if (typeof refId !== 'string') throw new DashboardShapeError(`${where} query ${index} has no refId`);
      return { refId, expr, instant: field(target, 'instant') === true };
    });
    return { panelId, title, type: String(field(panel, 'type')), queries };
  });
}

const LABEL_VALUES = /^label_values\(\s*(.+?)\s*,\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\)$/s;

/** The `label_values` query variables (the data-source variable and other kinds have no PromQL). */
export function variableQueries(dashboard: unknown): VariableQuery[] {
  const templating = field(dashboard, 'templating');
  const variables = templating === undefined ? [] : arrayAt(templating, 'list', 'templating');
  return variables
    .filter((variable) => field(variable, 'type') === 'query')
    .map((variable) => {
      const name = String(field(variable, 'name'));
      const query = field(variable, 'query');
      const match = typeof query === 'string' ? LABEL_VALUES.exec(query) : null;
      if (match === null) {
        throw new DashboardShapeError(
          `variable ${name}: expected label_values(<selector>, <label>), got ${JSON.stringify(query)}`,
        );
      }
      return { name, query: query as string, selector: match[1]!, label: match[2]! };
    });
}

/** Every PromQL expression of a dashboard: panel queries, then variable selectors. */
export function dashboardExpressions(dashboard: unknown): DashboardExpression[] {
  return [
    ...panelQueries(dashboard).flatMap((panel) =>
      panel.queries.map((query) => ({
        id: `${panel.panelId}/${query.refId}`,
        panelTitle: panel.title,
        expr: query.expr,
      })),
    ),
    ...variableQueries(dashboard).map((variable) => ({
      id: `var/${variable.name}`,
      panelTitle: `variable ${variable.name}`,
      expr: variable.selector,
    })),
  ];
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

function arrayAt(value: unknown, key: string, where: string): unknown[] {
  const found = field(value, key);
  if (!Array.isArray(found)) throw new DashboardShapeError(`${where} has no \`${key}\` list`);
  return found;
}

function arrayOrEmpty(value: unknown, key: string): unknown[] {
  const found = field(value, key);
  return Array.isArray(found) ? found : [];
}
