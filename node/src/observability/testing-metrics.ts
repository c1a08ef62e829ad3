// Reading a Prometheus text exposition in tests: the metric families a scrape declares (by their TYPE lines, so a
// labelled metric without series counts too) and the value of the series that match some labels.

/** Metric family name -> type, from the `# TYPE` lines. */
export function metricFamilies(exposition: string): Map<string, string> {
  const families = new Map<string, string>();
  for (const line of exposition.split('\n')) {
    const match = /^# TYPE (\S+) (\S+)$/.exec(line);
    if (match !== null) families.set(match[1]!, match[2]!);
  }
  return families;
}

/**
 * The sum of the series named `name` whose labels include `labels` (e.g. `_count` of a histogram for one kind);
 * undefined when no series matches.
 */
export function seriesValue(exposition: string, name: string, labels: Record<string, string> = {}): number | undefined {
  let sum: number | undefined;
  for (const line of exposition.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (match === null || match[1] !== name) continue;
    const present = new Map<string, string>();
    for (const label of (match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) {
      present.set(label[1]!, label[2]!);
    }
    if (Object.entries(labels).every(([key, value]) => present.get(key) === value)) {
      sum = (sum ?? 0) + Number(match[3]);
    }
  }
  return sum;
}
