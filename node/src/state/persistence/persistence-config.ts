// Write-behind settings of a node from flags and `GAMECLUSTER_*` env: flush interval, the bound on documents
// waiting for the store, and the number of StoreShards. Flags it does not know are left for the other layers.
import { describeOptions, OptionReader, type OptionSpec } from '../../config/options.ts';
import { InvalidStoreConfigError } from '../errors.ts';

export interface PersistenceConfig {
  readonly flushIntervalMs: number;
  readonly maxPendingDocuments: number;
  readonly dbShards: number;
}

type PersistenceOptionKey = keyof PersistenceConfig;

const DEFAULTS: PersistenceConfig = { flushIntervalMs: 5_000, maxPendingDocuments: 10_000, dbShards: 16 };
const MAX_TIMER_MS = 2_147_483_647;

export const PERSISTENCE_CONFIG_OPTIONS: readonly OptionSpec<PersistenceOptionKey>[] = [
  {
    key: 'flushIntervalMs',
    flag: '--flush-interval-ms',
    env: 'GAMECLUSTER_FLUSH_INTERVAL_MS',
    placeholder: '<ms>',
    defaultText: String(DEFAULTS.flushIntervalMs),
    meaning: 'A dirty document is saved at most this long after its first unsaved write.',
  },
  {
    key: 'maxPendingDocuments',
    flag: '--max-pending-documents',
    env: 'GAMECLUSTER_MAX_PENDING_DOCUMENTS',
    placeholder: '<n>',
    defaultText: String(DEFAULTS.maxPendingDocuments),
    meaning: 'Unsaved documents (the store is down or slow) before persist() and new activations are refused.',
  },
  {
    key: 'dbShards',
    flag: '--db-shards',
    env: 'GAMECLUSTER_DB_SHARDS',
    placeholder: '<n>',
    defaultText: String(DEFAULTS.dbShards),
    meaning: 'StoreShards of the db role; the same on every node (changing it moves documents between shards).',
  },
];

/** Reads the write-behind flags out of `argv`; returns the config and the arguments it did not consume. */
export function parsePersistenceConfig(
  argv: readonly string[],
  env: Record<string, string | undefined>,
): { config: PersistenceConfig; rest: string[] } {
  const options = new OptionReader(PERSISTENCE_CONFIG_OPTIONS, argv, env, 'rest');
  const config: PersistenceConfig = {
    flushIntervalMs: options.whole('flushIntervalMs', DEFAULTS.flushIntervalMs, 10, MAX_TIMER_MS),
    maxPendingDocuments: options.whole('maxPendingDocuments', DEFAULTS.maxPendingDocuments, 1, 100_000_000),
    dbShards: options.whole('dbShards', DEFAULTS.dbShards, 1, 4_096),
  };
  options.throwIfProblems(
    'write-behind configuration',
    (message, problems) => new InvalidStoreConfigError(message, { details: { problems } }),
  );
  return { config, rest: options.rest };
}

/** --help text for these flags. */
export function describePersistenceConfig(): string {
  return describeOptions('Write-behind options', PERSISTENCE_CONFIG_OPTIONS);
}
