// Which metrics a Prometheus text exposition (a node's /metrics) declares, so a check can say which names a
// dashboard uses that no node exports: histogram and summary series (_bucket, _sum, _count) belong to their
// family, and the series Prometheus makes for each target itself (`up`...) need no exposition.

/** Series Prometheus adds to every scrape target; no /metrics has them. */
export const SCRAPE_SERIES: ReadonlySet<string> = new Set([
  'up',
  'scrape_duration_seconds',
  'scrape_samples_scraped',
  'scrape_samples_post_metric_relabeling',
  'scrape_series_added',
]);

/** Family name → type (`counter`, `gauge`, `histogram`, `summary`, `untyped`) for every family in `text`. */
export function exposedFamilies(text: string): Map<string, string> {
  const families = new Map<string, string>();
  for (const line of text.split('\n')) {
    const typed = /^#\s*TYPE\s+([a-zA-Z_:][a-zA-Z0-9_:]*)\s+(\w+)/.exec(line);
    if (typed !== null) {
      families.set(typed[1]!, typed[2]!);
      continue;
    }
    const sample = /^([a-zA-Z_:][a-zA-Z0-9_:]*)[\s{]/.exec(line);
    if (sample !== null && !families.has(sample[1]!) && familyOf(sample[1]!, families) === undefined) {
      families.set(sample[1]!, 'untyped');
    }
  }
  return families;
}

/** True if the series `name` is in the exposition: its own family, or a part of a histogram or summary. */
export function isExposed(name: string, families: ReadonlyMap<string, string>): boolean {
  return SCRAPE_SERIES.has(name) || families.has(name) || familyOf(name, families) !== undefined;
}

/** The names in `used` that `text` does not expose, sorted. */
export function missingMetrics(used: Iterable<string>, text: string): string[] {
  const families = exposedFamilies(text);
  return [...new Set(used)].filter((name) => !isExposed(name, families)).sort();
}

function familyOf(name: string, families: ReadonlyMap<string, string>): string | undefined {
  const part = /^(.+)_(bucket|sum|count)$/.exec(name);
  if (part === null) return undefined;
  const type = families.get(part[1]!);
  if (type === 'histogram') return part[1];
  if (type === 'summary' && part[2] !== 'bucket') return part[1];
  return undefined;
}
