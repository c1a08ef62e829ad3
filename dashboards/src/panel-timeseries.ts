// A time-series panel: one or more Prometheus range queries drawn as lines (or stacked areas), typed with
// @grafana/schema's timeseries options and field config so a misspelt option fails the typecheck.
import {
  AxisPlacement,
  FieldColorModeId,
  GraphDrawStyle,
  GraphGradientMode,
  LegendDisplayMode,
  LineInterpolation,
  SortOrder,
  StackingMode,
  ThresholdsMode,
  TooltipDisplayMode,
  VisibilityMode,
} from '@grafana/schema';
import {
  type FieldConfigSource,
  type Panel,
  PROMETHEUS,
  type PrometheusQuery,
  type TimeSeriesFieldConfig,
  type TimeSeriesOptions,
} from './grafana-model.ts';
import { refIdOf } from './panel-ref-id.ts';

/** One line (or one set of lines, one per label set) of the panel. */
export interface SeriesQuery {
  readonly expr: string;
  /** Grafana legend template, e.g. `{{pod}} p99`. */
  readonly legend: string;
}

export interface TimeSeriesSpec {
  readonly title: string;
  /** What the panel shows and what to look for, shown on hover. */
  readonly description: string;
  /** A Grafana unit id: `s`, `bytes`, `ops`, `short`, `percentunit`... */
  readonly unit: string;
  readonly queries: readonly SeriesQuery[];
  /** Stack the series (totals that add up, e.g. players per zone). */
  readonly stacked?: boolean;
  /** Grid columns out of 24 (default: 12). */
  readonly width?: number;
}

export function timeseries(spec: TimeSeriesSpec): Panel {
  const options: TimeSeriesOptions = {
    legend: { calcs: [], displayMode: LegendDisplayMode.List, placement: 'bottom', showLegend: true },
    tooltip: { mode: TooltipDisplayMode.Multi, sort: SortOrder.Descending },
  };
  const custom: TimeSeriesFieldConfig = {
    drawStyle: GraphDrawStyle.Line,
    lineInterpolation: LineInterpolation.Linear,
    lineWidth: 1,
    fillOpacity: spec.stacked === true ? 25 : 10,
    gradientMode: GraphGradientMode.None,
    showPoints: VisibilityMode.Never,
    spanNulls: false,
    axisPlacement: AxisPlacement.Auto,
    stacking: { mode: spec.stacked === true ? StackingMode.Normal : StackingMode.None, group: 'A' },
  };
  const fieldConfig: FieldConfigSource = {
    defaults: {
      unit: spec.unit,
      min: 0,
      color: { mode: FieldColorModeId.PaletteClassic },
      thresholds: { mode: ThresholdsMode.Absolute, steps: [{ color: 'green', value: null }] },
      custom: { ...custom },
    },
    overrides: [],
  };
  const targets = spec.queries.map(
    (query, index): PrometheusQuery => ({
      refId: refIdOf(index),
      datasource: PROMETHEUS,
      editorMode: 'code',
      expr: query.expr,
      legendFormat: query.legend,
      range: true,
      instant: false,
    }),
  );
  return {
    type: 'timeseries',
    title: spec.title,
    description: spec.description,
    datasource: PROMETHEUS,
    gridPos: { h: 8, w: spec.width ?? 12, x: 0, y: 0 },
    fieldConfig: { ...fieldConfig },
    options: { ...options },
    targets: targets.map((target) => ({ ...target })),
  };
}
