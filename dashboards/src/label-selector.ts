// The label matchers every node query starts with: the dashboard variables cluster, role and pod. The scrape
// config adds `cluster` and `pod` as target labels; `role` is the node's own default label (docs/dashboards.md).

/** `cluster=~"$cluster", role=~"$role", pod=~"$pod"`: the matchers of the dashboard's variables. */
export const SCOPE = 'cluster=~"$cluster", role=~"$role", pod=~"$pod"';

/** `{<scope>, <extra>}`: a selector body for `metric`, scoped to the dashboard's variables. */
export function scoped(metric: string, extra?: string): string {
  return `${metric}{${SCOPE}${extra === undefined ? '' : `, ${extra}`}}`;
}

/** `sum by (<by>) (rate(<metric>{<scope>}[$__rate_interval]))`; `by` empty sums everything. */
export function rateBy(metric: string, by: readonly string[], extra?: string): string {
  return `sum${byClause(by)} (rate(${scoped(metric, extra)}[$__rate_interval]))`;
}

/** `sum by (<by>) (<metric>{<scope>})`. */
export function sumBy(metric: string, by: readonly string[], extra?: string): string {
  return `sum${byClause(by)} (${scoped(metric, extra)})`;
}

/** The q-quantile of a histogram over $__rate_interval, kept apart by `by`. */
export function quantile(q: number, histogram: string, by: readonly string[]): string {
  return `histogram_quantile(${q}, sum by (${[...by, 'le'].join(', ')}) (rate(${scoped(`${histogram}_bucket`)}[$__rate_interval])))`;
}

/** Mean of a histogram's observations over $__rate_interval, kept apart by `by`. */
export function mean(histogram: string, by: readonly string[]): string {
  return `${rateBy(`${histogram}_sum`, by)} / ${rateBy(`${histogram}_count`, by)}`;
}

function byClause(by: readonly string[]): string {
  return by.length === 0 ? '' : ` by (${by.join(', ')})`;
}
