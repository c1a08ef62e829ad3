// How long a scene's recent ticks took: a fixed ring of durations (no allocation per tick) read as percentiles on
// demand, so operators and the zone.tick benchmark see a scene falling behind its rate.

/** Ticks remembered: one minute at 20 Hz. */
export const TICK_TIMES_WINDOW = 1_200;

export interface TickTimesSummary {
  readonly count: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** Ticks longer than the period given to summary(). */
  readonly overruns: number;
}

export class TickTimes {
  private readonly ring = new Float64Array(TICK_TIMES_WINDOW);
  private next = 0;
  private count = 0;

  record(durationMs: number): void {
    this.ring[this.next] = durationMs;
    this.next = (this.next + 1) % TICK_TIMES_WINDOW;
    if (this.count < TICK_TIMES_WINDOW) this.count++;
  }

  /** Forgets every measurement (a benchmark's warm-up, an operator starting a fresh window). */
  reset(): void {
    this.next = 0;
    this.count = 0;
  }

  summary(periodMs: number): TickTimesSummary {
    const sorted = this.ring.slice(0, this.count).sort();
    const at = (q: number) =>
      this.count === 0 ? 0 : (sorted[Math.min(this.count - 1, Math.ceil(q * this.count) - 1)] ?? 0);
    let overruns = 0;
    for (const ms of sorted) if (ms > periodMs) overruns++;
    return { count: this.count, p50Ms: at(0.5), p99Ms: at(0.99), maxMs: at(1), overruns };
  }
}
