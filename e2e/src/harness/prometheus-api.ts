// A client for the parts of Prometheus's HTTP API the e2e suites read: instant and range queries (what Grafana
// sends for stat and time-series panels), the active targets, and whether a result holds data.

export interface PrometheusSample {
  readonly metric: Readonly<Record<string, string>>;
  /** `[unix seconds, "value"]` (vector). */
  readonly value?: readonly [number, string];
  /** `[[unix seconds, "value"], ...]` (matrix). */
  readonly values?: readonly (readonly [number, string])[];
}

export interface QueryResult {
  readonly resultType: 'vector' | 'matrix' | 'scalar' | 'string';
  readonly result: readonly PrometheusSample[] | readonly [number, string];
}

export interface ActiveTarget {
  readonly labels: Readonly<Record<string, string>>;
  readonly scrapeUrl: string;
  readonly health: 'up' | 'down' | 'unknown';
  readonly lastError: string;
}

/** A query Prometheus refused (bad PromQL, bad range) or an API it could not serve. */
export class PrometheusApiError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PrometheusApiError';
  }
}

export class PrometheusApi {
  readonly baseUrl: string;

  constructor(baseUrl: string) {
    this.baseUrl = baseUrl.replace(/\/$/, '');
  }

  /** `/api/v1/query` at `timeSeconds` (default: now). */
  query(expr: string, timeSeconds?: number): Promise<QueryResult> {
    const params = new URLSearchParams({ query: expr });
    if (timeSeconds !== undefined) params.set('time', String(timeSeconds));
    return this.get<QueryResult>('/api/v1/query', params);
  }

  /** `/api/v1/query_range` from `startSeconds` to `endSeconds` every `stepSeconds`. */
  queryRange(expr: string, startSeconds: number, endSeconds: number, stepSeconds: number): Promise<QueryResult> {
    const params = new URLSearchParams({
      query: expr,
      start: String(startSeconds),
      end: String(endSeconds),
      step: String(stepSeconds),
    });
    return this.get<QueryResult>('/api/v1/query_range', params);
  }

  async activeTargets(): Promise<ActiveTarget[]> {
    const data = await this.get<{ activeTargets: ActiveTarget[] }>(
      '/api/v1/targets',
      new URLSearchParams({ state: 'active' }),
    );
    return data.activeTargets;
  }

  private async get<T>(path: string, params: URLSearchParams): Promise<T> {
    const response = await fetch(`${this.baseUrl}${path}?${params}`);
    const body = (await response.json().catch(() => ({}))) as { status?: string; data?: T; error?: string };
    if (body.status !== 'success' || body.data === undefined) {
      throw new PrometheusApiError(
        `${path} ${params.get('query') ?? ''}: ${response.status} ${body.error ?? 'no data field'}`,
      );
    }
    return body.data;
  }
}

/** True if the result has at least one sample with a finite value: what a panel needs to draw anything. */
export function hasData(result: QueryResult): boolean {
  if (result.resultType === 'scalar') return Number.isFinite(Number((result.result as readonly [number, string])[1]));
  if (result.resultType === 'string') return false;
  return (result.result as readonly PrometheusSample[]).some((sample) => {
    const points = sample.values ?? (sample.value === undefined ? [] : [sample.value]);
    return points.some(([, value]) => Number.isFinite(Number(value)));
  });
}
