// The Grafana types the dashboards are written against: @grafana/schema's Dashboard, Panel and VariableModel, plus
// the Prometheus query model (its schema lives in Grafana's datasource plugin, not in @grafana/schema).
import type { DataQuery, DataSourceRef } from '@grafana/schema';

export type {
  Dashboard,
  DashboardLink,
  DataSourceRef,
  FieldConfigSource,
  GridPos,
  Panel,
  RowPanel,
  Threshold,
  VariableModel,
} from '@grafana/schema';
export type { Options as StatOptions } from '@grafana/schema/dist/esm/raw/composable/stat/panelcfg/x/StatPanelCfg_types.gen';
export type {
  FieldConfig as TimeSeriesFieldConfig,
  Options as TimeSeriesOptions,
} from '@grafana/schema/dist/esm/raw/composable/timeseries/panelcfg/x/TimeSeriesPanelCfg_types.gen';

/** A Prometheus target as Grafana's Prometheus data source stores it. */
export interface PrometheusQuery extends DataQuery {
  readonly expr: string;
  /** Series name template, e.g. `{{pod}}`. */
  readonly legendFormat?: string;
  /** A range query (`/api/v1/query_range`): what time-series panels ask for. */
  readonly range?: boolean;
  /** An instant query (`/api/v1/query`): what stat panels ask for. */
  readonly instant?: boolean;
  readonly editorMode?: 'code' | 'builder';
  readonly format?: 'time_series' | 'table' | 'heatmap';
}

/** Every panel and variable queries the data source chosen in the `datasource` variable. */
// biome-ignore lint/suspicious/noTemplateCurlyInString: Grafana variable syntax, not a JS template
export const PROMETHEUS: DataSourceRef = { type: 'prometheus', uid: '${datasource}' };
