// The Prometheus configuration the e2e harness generates: one job scraping every node's admin endpoint at a
// short interval, each target carrying the labels a Kubernetes scrape would add (cluster, pod, role). The node's
// own labels win over target labels (honor_labels), so `role` is the node's, as it is in production.

export interface ScrapeTarget {
  /** `host:port` of the node's admin server (its /metrics). */
  readonly address: string;
  /** Target labels, e.g. `{ cluster, pod, role }`. */
  readonly labels: Readonly<Record<string, string>>;
}

export interface PrometheusConfigOptions {
  readonly targets: readonly ScrapeTarget[];
  /** Scrape (and rule evaluation) interval (default: 1 s). */
  readonly scrapeIntervalSeconds?: number;
  /** Job name (default: `gamecluster`). */
  readonly jobName?: string;
}

export const DEFAULT_SCRAPE_INTERVAL_SECONDS = 1;

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const ADDRESS = /^[^\s:/]+:\d{1,5}$/;

/** The configuration file's text (JSON, which Prometheus reads as YAML). Bad targets or labels throw, all named. */
export function prometheusConfig(options: PrometheusConfigOptions): string {
  const interval = options.scrapeIntervalSeconds ?? DEFAULT_SCRAPE_INTERVAL_SECONDS;
  const problems: string[] = [];
  if (!Number.isInteger(interval) || interval < 1)
    problems.push(`scrapeIntervalSeconds must be a whole number ≥ 1, got ${interval}`);
  if (options.targets.length === 0) problems.push('no targets to scrape');
  options.targets.forEach((target, index) => {
    if (!ADDRESS.test(target.address))
      problems.push(`targets[${index}].address must be host:port, got "${target.address}"`);
    for (const name of Object.keys(target.labels)) {
      if (!LABEL_NAME.test(name) || name.startsWith('__'))
        problems.push(`targets[${index}] label "${name}" is not a valid target label name`);
    }
  });
  if (problems.length > 0) throw new RangeError(`bad Prometheus scrape config: ${problems.join('; ')}`);
  const seconds = `${interval}s`;
  const config = {
    global: { scrape_interval: seconds, scrape_timeout: seconds, evaluation_interval: seconds },
    scrape_configs: [
      {
        job_name: options.jobName ?? 'gamecluster',
        honor_labels: true,
        metrics_path: '/metrics',
        static_configs: options.targets.map((target) => ({ targets: [target.address], labels: { ...target.labels } })),
      },
    ],
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}
