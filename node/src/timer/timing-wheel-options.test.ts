// Table tests of TimingWheel option defaults and validation.
import { InvalidTimerOptionsError } from './errors.ts';
import { TimingWheel } from './timing-wheel.ts';
import {
  DEFAULT_AUTO_DRIVE,
  DEFAULT_FIRST_LEVEL_SLOTS,
  DEFAULT_LEVELS,
  DEFAULT_TICK_MS,
  DEFAULT_UPPER_LEVEL_SLOTS,
  resolveTimingWheelOptions,
  type TimingWheelOptions,
} from './timing-wheel-options.ts';

describe('resolveTimingWheelOptions', () => {
  it('applies the defaults', () => {
    const resolved = resolveTimingWheelOptions();
    expect(resolved).toMatchObject({
      tickMs: DEFAULT_TICK_MS,
      firstLevelSlots: DEFAULT_FIRST_LEVEL_SLOTS,
      upperLevelSlots: DEFAULT_UPPER_LEVEL_SLOTS,
      levels: DEFAULT_LEVELS,
      autoDrive: DEFAULT_AUTO_DRIVE,
      onError: undefined,
    });
    expect(typeof resolved.now()).toBe('number');
  });

  const invalid: { desc: string; input: TimingWheelOptions; want: string }[] = [
    { desc: 'zero tick', input: { tickMs: 0 }, want: 'tickMs' },
    { desc: 'infinite tick', input: { tickMs: Number.POSITIVE_INFINITY }, want: 'tickMs' },
    { desc: 'first level not a power of two', input: { firstLevelSlots: 100 }, want: 'firstLevelSlots' },
    { desc: 'upper level of one slot', input: { upperLevelSlots: 1 }, want: 'upperLevelSlots' },
    { desc: 'one level', input: { levels: 1 }, want: 'levels' },
    { desc: 'fractional levels', input: { levels: 2.5 }, want: 'levels' },
    {
      desc: 'more than 2^32 ticks',
      input: { firstLevelSlots: 65536, upperLevelSlots: 65536, levels: 3 },
      want: '2^32',
    },
  ];
  it.each(invalid)('rejects $desc', ({ input, want }) => {
    expect(() => new TimingWheel(input)).toThrow(InvalidTimerOptionsError);
    try {
      resolveTimingWheelOptions(input);
    } catch (error: unknown) {
      expect(error).toBeInstanceOf(InvalidTimerOptionsError);
      expect((error as InvalidTimerOptionsError).code).toBe('GC_ERR_INVALID_TIMER_OPTIONS');
      expect((error as InvalidTimerOptionsError).message).toContain(want);
    }
  });

  it('reports every problem at once', () => {
    expect(() => resolveTimingWheelOptions({ tickMs: -1, levels: 0 })).toThrow(/tickMs.*levels/);
  });
});
