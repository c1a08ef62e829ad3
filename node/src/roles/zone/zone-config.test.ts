// Zone flags and env: the default, a flag over its env variable, the range, and flags left for other layers.
import { describe, expect, it } from '@jest/globals';
import { InvalidZoneConfigError } from './errors.ts';
import { describeZoneConfig, parseZoneConfig } from './zone-config.ts';

describe('parseZoneConfig', () => {
  const cases: { desc: string; argv: string[]; env: Record<string, string>; want: number }[] = [
    { desc: 'the default', argv: [], env: {}, want: 20 },
    { desc: 'the flag', argv: ['--zone-tick-hz', '30'], env: {}, want: 30 },
    { desc: 'the flag with =', argv: ['--zone-tick-hz=1'], env: {}, want: 1 },
    { desc: 'the env variable', argv: [], env: { GAMECLUSTER_ZONE_TICK_HZ: '120' }, want: 120 },
    {
      desc: 'the flag over the env',
      argv: ['--zone-tick-hz', '10'],
      env: { GAMECLUSTER_ZONE_TICK_HZ: '60' },
      want: 10,
    },
    { desc: 'an empty env variable as unset', argv: [], env: { GAMECLUSTER_ZONE_TICK_HZ: '' }, want: 20 },
  ];

  it.each(cases)('reads $desc', ({ argv, env, want }) => {
    expect(parseZoneConfig(argv, env).config).toEqual({ tickHz: want });
  });

  it.each([['0'], ['121'], ['20.5'], ['fast']])('refuses --zone-tick-hz %s, naming flag, env and range', (value) => {
    const call = () => parseZoneConfig(['--zone-tick-hz', value], {});
    expect(call).toThrow(InvalidZoneConfigError);
    expect(call).toThrow(
      /tickHz .* must be a whole number from 1 to 120: set --zone-tick-hz or GAMECLUSTER_ZONE_TICK_HZ/,
    );
  });

  it('leaves the flags it does not know for the other layers', () => {
    expect(parseZoneConfig(['--name', 'z1', '--zone-tick-hz', '25', '--roles=zone'], {})).toEqual({
      config: { tickHz: 25 },
      rest: ['--name', 'z1', '--roles=zone'],
    });
  });

  it('describes its flag for --help', () => {
    expect(describeZoneConfig()).toMatch(/--zone-tick-hz <hz>\n\s+env GAMECLUSTER_ZONE_TICK_HZ; default: 20/);
  });
});
