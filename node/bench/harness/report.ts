// Prints benchmark figures as the one-JSON-line-per-figure format `npm run bench` promises; text goes to stderr.

export interface Figure {
  /** Fixed benchmark name, e.g. `actor.tell`; checks read it. */
  bench: string;
  value: number;
  unit: string;
  /** What the baseline is, in words. */
  baseline: string;
  baselineValue: number;
  better: 'higher' | 'lower';
  /** Extra fields such as p50Ms, p99Ms. */
  [extra: string]: unknown;
}

/** Emits one figure as a JSON line on stdout, with `ratio = value / baselineValue`. */
export function emitFigure(figure: Figure): void {
  const { bench, value, unit, baseline, baselineValue, better, ...extra } = figure;
  const ratio = baselineValue === 0 ? 0 : value / baselineValue;
  const line = {
    bench,
    value: round(value),
    unit,
    baseline,
    baselineValue: round(baselineValue),
    ratio: round(ratio),
    better,
    ...extra,
  };
  process.stdout.write(`${JSON.stringify(line)}\n`);
  log(
    `${bench}: ${round(value)} ${unit} vs ${baseline} ${round(baselineValue)} -> ratio ${round(ratio)} (${better} is better)`,
  );
}

/** Human-readable progress: stderr, so stdout stays JSON lines. */
export function log(text: string): void {
  process.stderr.write(`${text}\n`);
}

function round(x: number): number {
  if (!Number.isFinite(x)) return x;
  const digits = Math.abs(x) >= 100 ? 0 : Math.abs(x) >= 1 ? 3 : 6;
  return Number(x.toFixed(digits));
}
