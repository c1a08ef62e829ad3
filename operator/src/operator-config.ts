// The operator's configuration: flags (`--namespace games`), else `GAMECLUSTER_OPERATOR_*` env, else defaults,
// validated at start with one error that lists every problem. Built on node:util's parseArgs; the table below is
// also the `--help` text.
import { parseArgs } from 'node:util';

export interface OperatorConfig {
  /** Namespace whose GameClusters are reconciled; '' watches every namespace. */
  readonly namespace: string;
  /** Run only while holding the Lease (several replicas, one active). */
  readonly leaderElect: boolean;
  readonly leaseName: string;
  /** Namespace of the Lease; the operator's own (POD_NAMESPACE) by default. */
  readonly leaseNamespace: string;
  readonly leaseDurationSeconds: number;
  /** Host and port of /metrics, /healthz and /readyz. */
  readonly metricsHost: string;
  readonly metricsPort: number;
  /** Safety sync: every GameCluster is reconciled at least this often, events or not. */
  readonly resyncSeconds: number;
  /** GameClusters reconciled at the same time. */
  readonly workers: number;
  /** Print the resolved configuration and exit (an image's smoke test). */
  readonly dryRun: boolean;
}

export class InvalidOperatorConfigError extends Error {
  readonly code = 'GC_ERR_INVALID_OPERATOR_CONFIG';
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`the operator's configuration has ${problems.length} problem(s):\n  - ${problems.join('\n  - ')}`);
    this.name = 'InvalidOperatorConfigError';
    this.problems = problems;
  }
}

interface Option {
  readonly flag: string;
  readonly env: string;
  readonly kind: 'string' | 'boolean' | 'whole';
  readonly fallback: string;
  readonly meaning: string;
  readonly min?: number;
  readonly max?: number;
}

const OPTIONS = {
  namespace: {
    flag: 'namespace',
    env: 'NAMESPACE',
    kind: 'string',
    fallback: '',
    meaning: "namespace to watch ('' = all)",
  },
  leaderElect: {
    flag: 'leader-elect',
    env: 'LEADER_ELECT',
    kind: 'boolean',
    fallback: 'true',
    meaning: 'hold a Lease to run',
  },
  leaseName: {
    flag: 'lease-name',
    env: 'LEASE_NAME',
    kind: 'string',
    fallback: 'gamecluster-operator',
    meaning: 'Lease name',
  },
  leaseNamespace: {
    flag: 'lease-namespace',
    env: 'LEASE_NAMESPACE',
    kind: 'string',
    fallback: '',
    meaning: 'Lease namespace (default: POD_NAMESPACE, else default)',
  },
  leaseDurationSeconds: {
    flag: 'lease-duration-seconds',
    env: 'LEASE_DURATION_SECONDS',
    kind: 'whole',
    fallback: '15',
    min: 2,
    max: 300,
    meaning: 'how long a Lease holds without renewal',
  },
  metricsHost: {
    flag: 'metrics-host',
    env: 'METRICS_HOST',
    kind: 'string',
    fallback: '0.0.0.0',
    meaning: 'address of /metrics /healthz /readyz',
  },
  metricsPort: {
    flag: 'metrics-port',
    env: 'METRICS_PORT',
    kind: 'whole',
    fallback: '8080',
    min: 0,
    max: 65_535,
    meaning: 'port of /metrics /healthz /readyz',
  },
  resyncSeconds: {
    flag: 'resync-seconds',
    env: 'RESYNC_SECONDS',
    kind: 'whole',
    fallback: '30',
    min: 1,
    max: 3600,
    meaning: 'safety sync period',
  },
  workers: {
    flag: 'workers',
    env: 'WORKERS',
    kind: 'whole',
    fallback: '4',
    min: 1,
    max: 64,
    meaning: 'GameClusters reconciled at once',
  },
  dryRun: {
    flag: 'dry-run',
    env: 'DRY_RUN',
    kind: 'boolean',
    fallback: 'false',
    meaning: 'print the configuration and exit',
  },
} as const satisfies Record<keyof OperatorConfig, Option>;

const ENV_PREFIX = 'GAMECLUSTER_OPERATOR_';

/** The `--help` text. */
export function describeOperatorConfig(): string {
  const lines = ['gamecluster-operator [options]', ''];
  for (const option of Object.values(OPTIONS) as Option[]) {
    const flag =
      option.kind === 'boolean'
        ? `--${option.flag}[=true|false]`
        : `--${option.flag} <${option.kind === 'whole' ? 'n' : 'value'}>`;
    lines.push(
      `  ${flag.padEnd(34)} ${ENV_PREFIX}${option.env}  ${option.meaning} (default: ${option.fallback === '' ? "''" : option.fallback})`,
    );
  }
  return lines.join('\n');
}

export function isOperatorHelp(argv: readonly string[]): boolean {
  return argv.includes('--help') || argv.includes('-h');
}

/** The configuration from `argv` and `env`; throws InvalidOperatorConfigError listing every problem. */
export function parseOperatorConfig(argv: readonly string[], env: Record<string, string | undefined>): OperatorConfig {
  const problems: string[] = [];
  let values: Record<string, string | boolean | undefined> = {};
  try {
    // A bare boolean flag (`--dry-run`) means true; every option is read as text so `--leader-elect=false` works.
    const booleanFlags = new Set(
      (Object.values(OPTIONS) as Option[]).filter((o) => o.kind === 'boolean').map((o) => `--${o.flag}`),
    );
    const parsed = parseArgs({
      args: argv.map((arg) => (booleanFlags.has(arg) ? `${arg}=true` : arg)),
      strict: true,
      allowPositionals: false,
      options: Object.fromEntries(
        (Object.values(OPTIONS) as Option[]).map((option) => [option.flag, { type: 'string' as const }]),
      ),
    });
    values = parsed.values;
  } catch (error) {
    throw new InvalidOperatorConfigError([`${(error as Error).message}; see --help`]);
  }
  const read = (key: keyof OperatorConfig): string | boolean | number => {
    const option: Option = OPTIONS[key];
    const fromFlag = values[option.flag];
    const fromEnv = env[`${ENV_PREFIX}${option.env}`];
    const source = typeof fromFlag === 'string' ? `--${option.flag}` : `${ENV_PREFIX}${option.env}`;
    const text =
      typeof fromFlag === 'string' ? fromFlag : fromEnv === undefined || fromEnv === '' ? option.fallback : fromEnv;
    if (option.kind === 'string') return text;
    if (option.kind === 'boolean') {
      if (text === 'true' || text === '') return true;
      if (text === 'false') return false;
      problems.push(`${source} '${text}' must be true or false`);
      return option.fallback === 'true';
    }
    const number = /^[0-9]+$/.test(text) ? Number(text) : Number.NaN;
    if (!(number >= (option.min ?? 0) && number <= (option.max ?? Number.MAX_SAFE_INTEGER))) {
      problems.push(
        `${source} '${text}' must be a whole number from ${option.min} to ${option.max} (default ${option.fallback})`,
      );
      return Number(option.fallback);
    }
    return number;
  };
  const config: OperatorConfig = {
    namespace: read('namespace') as string,
    leaderElect: read('leaderElect') as boolean,
    leaseName: read('leaseName') as string,
    leaseNamespace: (read('leaseNamespace') as string) || env.POD_NAMESPACE || 'default',
    leaseDurationSeconds: read('leaseDurationSeconds') as number,
    metricsHost: read('metricsHost') as string,
    metricsPort: read('metricsPort') as number,
    resyncSeconds: read('resyncSeconds') as number,
    workers: read('workers') as number,
    dryRun: read('dryRun') as boolean,
  };
  if (problems.length > 0) throw new InvalidOperatorConfigError(problems);
  return config;
}
