// Evaluates dashboard panels through Prometheus's HTTP API as Grafana would: each query's variables replaced,
// instant queries (stat panels) at one moment and range queries (time series) over a window. A panel has data
// when every one of its queries returns at least one finite value.
import { expandVariables, panelQueries, type VariableValues } from '../../../dashboards/src/index.ts';
import { hasData, type PrometheusApi } from './prometheus-api.ts';

export interface PanelWindow {
  /** Values of the dashboard variables and built-ins ($__rate_interval...). */
  readonly variables: VariableValues;
  /** Unix seconds: where instant queries are evaluated. */
  readonly instantAtSeconds: number;
  /** Unix seconds: the range queries' window and step. */
  readonly rangeStartSeconds: number;
  readonly rangeEndSeconds: number;
  readonly stepSeconds: number;
}

export interface PanelVerdict {
  readonly panelId: number;
  readonly title: string;
  readonly hasData: boolean;
  /** The expanded queries that returned nothing (or only NaN), or Prometheus's error for them. */
  readonly empty: readonly string[];
}

/** Every data panel of `dashboard` with whether it would show data in the window. */
export async function evaluatePanels(
  api: PrometheusApi,
  dashboard: unknown,
  window: PanelWindow,
): Promise<PanelVerdict[]> {
  const verdicts: PanelVerdict[] = [];
  for (const panel of panelQueries(dashboard)) {
    const empty: string[] = [];
    for (const query of panel.queries) {
      const expr = expandVariables(query.expr, window.variables);
      try {
        const result = query.instant
          ? await api.query(expr, window.instantAtSeconds)
          : await api.queryRange(expr, window.rangeStartSeconds, window.rangeEndSeconds, window.stepSeconds);
        if (!hasData(result)) empty.push(expr);
      } catch (error) {
        empty.push(`${expr} → ${(error as Error).message}`);
      }
    }
    verdicts.push({ panelId: panel.panelId, title: panel.title, hasData: empty.length === 0, empty });
  }
  return verdicts;
}
