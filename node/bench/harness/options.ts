// Parses the options every benchmark program receives from the runner (`--quick`).

export interface BenchOptions {
  /** Keep the whole program under 20 s (CI and the issue checks use this). */
  readonly quick: boolean;
}

export function benchOptionsFromArgv(argv: readonly string[] = process.argv.slice(2)): BenchOptions {
  return { quick: argv.includes('--quick') };
}

/** Runs `fn` repeatedly for `rounds` and returns the best (highest) rate: the least disturbed measurement. */
export async function bestOf(rounds: number, fn: () => Promise<number> | number): Promise<number> {
  let best = 0;
  for (let i = 0; i < rounds; i++) best = Math.max(best, await fn());
  return best;
}

/** Collects garbage when the runner exposed it (--expose-gc), so one measurement does not pay for the last. */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}
