// A stat panel: one Prometheus instant query reduced to a big number, typed with @grafana/schema's stat options;
// an optional threshold turns it red (a count of unhealthy nodes, of store errors).
import {
  BigValueColorMode,
  BigValueGraphMode,
  BigValueJustifyMode,
  BigValueTextMode,
  FieldColorModeId,
  PercentChangeColorMode,
  ThresholdsMode,
  VizOrientation,
} from '@grafana/schema';
import {
  type FieldConfigSource,
  type Panel,
  PROMETHEUS,
  type PrometheusQuery,
  type StatOptions,
  type Threshold,
} from './grafana-model.ts';

export interface StatSpec {
  readonly title: string;
  readonly description: string;
  readonly unit: string;
  readonly expr: string;
  /** At or above this value the number turns red (default: it stays neutral). */
  readonly redFrom?: number;
  /** Grid columns out of 24 (default: 4). */
  readonly width?: number;
}

export function stat(spec: StatSpec): Panel {
  const options: StatOptions = {
    reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false },
    orientation: VizOrientation.Auto,
    textMode: BigValueTextMode.Value,
    colorMode: spec.redFrom === undefined ? BigValueColorMode.None : BigValueColorMode.Value,
    graphMode: BigValueGraphMode.Area,
    justifyMode: BigValueJustifyMode.Auto,
    percentChangeColorMode: PercentChangeColorMode.Standard,
    showPercentChange: false,
    wideLayout: true,
  };
  const steps: Threshold[] = [{ color: 'green', value: null }];
  if (spec.redFrom !== undefined) steps.push({ color: 'red', value: spec.redFrom });
  const fieldConfig: FieldConfigSource = {
    defaults: {
      unit: spec.unit,
      color: { mode: FieldColorModeId.Thresholds },
      thresholds: { mode: ThresholdsMode.Absolute, steps },
    },
    overrides: [],
  };
  const target: PrometheusQuery = {
    refId: 'A',
    datasource: PROMETHEUS,
    editorMode: 'code',
    expr: spec.expr,
    legendFormat: '__auto',
    range: false,
    instant: true,
  };
  return {
    type: 'stat',
    title: spec.title,
    description: spec.description,
    datasource: PROMETHEUS,
    gridPos: { h: 4, w: spec.width ?? 4, x: 0, y: 0 },
    fieldConfig: { ...fieldConfig },
    options: { ...options },
    targets: [{ ...target }],
  };
}
