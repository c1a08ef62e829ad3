// What a bot run measures: connections, requests, errors by code, and latency (for the whole run and for the
// current progress window).
import { LatencyHistogram } from './latency-histogram.ts';

export interface BotSummary {
  readonly scenario: string;
  readonly clients: number;
  /** Bots that completed a handshake at least once. */
  readonly connected: number;
  readonly requests: number;
  readonly errors: number;
  readonly errorsByCode: Record<string, number>;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly durationSeconds: number;
  /** What the scenario counted (matches played, gold collected...). */
  readonly counters: Record<string, number>;
  /** Requests, p50 and p99 by route: which call is slow. */
  readonly routes: Record<string, { readonly requests: number; readonly p50Ms: number; readonly p99Ms: number }>;
}

export class BotStats {
  /** Bots with an open connection now. */
  connectedNow = 0;
  /** Bots that completed a handshake at least once. */
  everConnected = 0;
  requests = 0;
  errors = 0;
  readonly errorsByCode: Record<string, number> = {};
  readonly counters: Record<string, number> = {};
  readonly latency = new LatencyHistogram();
  readonly byRoute = new Map<string, LatencyHistogram>();
  /** Since the last progress line. */
  readonly window = { requests: 0, errors: 0, latency: new LatencyHistogram() };

  recordLatency(ms: number, route?: string): void {
    if (route !== undefined) {
      let histogram = this.byRoute.get(route);
      if (histogram === undefined) {
        histogram = new LatencyHistogram();
        this.byRoute.set(route, histogram);
      }
      histogram.record(ms);
    }
    this.requests++;
    this.window.requests++;
    this.latency.record(ms);
    this.window.latency.record(ms);
  }

  recordError(code: string): void {
    this.errors++;
    this.window.errors++;
    this.errorsByCode[code] = (this.errorsByCode[code] ?? 0) + 1;
  }

  count(name: string, by = 1): void {
    this.counters[name] = (this.counters[name] ?? 0) + by;
  }

  resetWindow(): void {
    this.window.requests = 0;
    this.window.errors = 0;
    this.window.latency.reset();
  }

  summary(scenario: string, clients: number, durationSeconds: number): BotSummary {
    return {
      scenario,
      clients,
      connected: this.everConnected,
      requests: this.requests,
      errors: this.errors,
      errorsByCode: { ...this.errorsByCode },
      p50Ms: round(this.latency.percentile(50)),
      p99Ms: round(this.latency.percentile(99)),
      durationSeconds: round(durationSeconds),
      counters: { ...this.counters },
      routes: Object.fromEntries(
        [...this.byRoute].map(([route, histogram]) => [
          route,
          { requests: histogram.count, p50Ms: round(histogram.percentile(50)), p99Ms: round(histogram.percentile(99)) },
        ]),
      ),
    };
  }
}

/** The progress line: `[12s] connected 100/100 | 1523 req/s | errors 0 | p50 1.20 ms | p99 4.51 ms`. */
export function progressLine(stats: BotStats, clients: number, elapsedMs: number, windowMs: number): string {
  const perSecond = Math.round((stats.window.requests * 1000) / Math.max(1, windowMs));
  return (
    `[${Math.round(elapsedMs / 1000)}s] connected ${stats.connectedNow}/${clients} | ${perSecond} req/s | ` +
    `errors ${stats.errors} | p50 ${stats.window.latency.percentile(50).toFixed(2)} ms | ` +
    `p99 ${stats.window.latency.percentile(99).toFixed(2)} ms`
  );
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
