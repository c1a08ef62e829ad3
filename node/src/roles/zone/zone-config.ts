// Zone settings of a node from flags and `GAMECLUSTER_*` env: the default tick rate of its scenes (a scene type's
// rules may set their own). Flags it does not know are left for the other layers.
import { describeOptions, OptionReader, type OptionSpec } from '../../config/options.ts';
import { InvalidZoneConfigError } from './errors.ts';

export interface ZoneConfig {
  readonly tickHz: number;
}

type ZoneOptionKey = keyof ZoneConfig;

export const DEFAULT_ZONE_TICK_HZ = 20;
export const MIN_ZONE_TICK_HZ = 1;
export const MAX_ZONE_TICK_HZ = 120;

const DEFAULTS: ZoneConfig = { tickHz: DEFAULT_ZONE_TICK_HZ };

export const ZONE_CONFIG_OPTIONS: readonly OptionSpec<ZoneOptionKey>[] = [
  {
    key: 'tickHz',
    flag: '--zone-tick-hz',
    env: 'GAMECLUSTER_ZONE_TICK_HZ',
    placeholder: '<hz>',
    defaultText: String(DEFAULTS.tickHz),
    meaning: `Ticks per second of scenes whose rules set no tickHz (${MIN_ZONE_TICK_HZ}-${MAX_ZONE_TICK_HZ}).`,
  },
];

/** Reads the zone flags out of `argv`; returns the config and the arguments it did not consume. */
export function parseZoneConfig(
  argv: readonly string[],
  env: Record<string, string | undefined>,
): { config: ZoneConfig; rest: string[] } {
  const options = new OptionReader(ZONE_CONFIG_OPTIONS, argv, env, 'rest');
  const config: ZoneConfig = {
    tickHz: options.whole('tickHz', DEFAULTS.tickHz, MIN_ZONE_TICK_HZ, MAX_ZONE_TICK_HZ),
  };
  options.throwIfProblems(
    'zone configuration',
    (message, problems) => new InvalidZoneConfigError(message, { details: { problems } }),
  );
  return { config, rest: options.rest };
}

/** --help text for these flags. */
export function describeZoneConfig(): string {
  return describeOptions('Zone options', ZONE_CONFIG_OPTIONS);
}
