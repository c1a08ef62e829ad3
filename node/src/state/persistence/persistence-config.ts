// Write-behind settings of a node from flags and `GAMECLUSTER_*` env: flush interval, the bound on documents
// waiting for the store, and the number of StoreShards. Flags it does not know are left for the other layers.
import { InvalidStoreConfigError } from '../errors.ts';

export interface PersistenceConfig {
  readonly flushIntervalMs: number;
  readonly maxPendingDocuments: number;
  readonly dbShards: number;
}

const OPTIONS = [
  {
    key: 'flushIntervalMs',
    flag: '--flush-interval-ms',
    env: 'GAMECLUSTER_FLUSH_INTERVAL_MS',
    min: 10,
    default: 5_000,
  },
  {
    key: 'maxPendingDocuments',
    flag: '--max-pending-documents',
    env: 'GAMECLUSTER_MAX_PENDING_DOCUMENTS',
    min: 1,
    default: 10_000,
  },
  { key: 'dbShards', flag: '--db-shards', env: 'GAMECLUSTER_DB_SHARDS', min: 1, default: 16 },
] as const;

/** Reads the write-behind flags out of `argv`; returns the config and the arguments it did not consume. */
export function parsePersistenceConfig(
  argv: readonly string[],
  env: Record<string, string | undefined>,
): { config: PersistenceConfig; rest: string[] } {
  const values = new Map<string, string>();
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const option = OPTIONS.find((o) => arg === o.flag || arg.startsWith(`${o.flag}=`));
    if (option === undefined) {
      rest.push(arg);
      continue;
    }
    const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i];
    values.set(option.key, value ?? '');
  }
  const problems: string[] = [];
  const config: Record<string, number> = {};
  for (const option of OPTIONS) {
    const text = values.get(option.key) ?? (env[option.env] || undefined);
    if (text === undefined) {
      config[option.key] = option.default;
      continue;
    }
    const value = Number(text);
    if (!/^[0-9]+$/.test(text) || value < option.min) {
      problems.push(`${option.flag} / ${option.env}: ${JSON.stringify(text)} must be a whole number ≥ ${option.min}`);
    }
    config[option.key] = value;
  }
  if (problems.length > 0) {
    throw new InvalidStoreConfigError(`invalid persistence settings:\n  ${problems.join('\n  ')}`, {
      details: { problems },
    });
  }
  return { config: config as unknown as PersistenceConfig, rest };
}

/** --help text for these flags. */
export function describePersistenceConfig(): string {
  return [
    '  --flush-interval-ms <ms>        GAMECLUSTER_FLUSH_INTERVAL_MS      5000   dirty documents are saved within this long',
    '  --max-pending-documents <n>     GAMECLUSTER_MAX_PENDING_DOCUMENTS  10000  unsaved documents before writers get back-pressure',
    '  --db-shards <n>                 GAMECLUSTER_DB_SHARDS              16     StoreShards in the cluster (same on every node)',
  ].join('\n');
}
