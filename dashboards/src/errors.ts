// Errors of the dashboard tooling (generation and checks; nothing here runs in a game node, so these are not
// GameclusterErrors with wire codes): a dashboard that cannot be read, a query that uses an unknown variable.

/** A dashboard JSON without the shape the checks read (panels, targets with `expr`, variables). */
export class DashboardShapeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DashboardShapeError';
  }
}

/** A query names a variable the expansion was not given, or has PromQL the metric-name reader cannot follow. */
export class DashboardQueryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DashboardQueryError';
  }
}
