// Property test of the wheel against a model: for random schedules, reschedules, cancels and clock steps, every
// live entry fires exactly once, at the first advance at or after its due time rounded up to the tick.
import fc from 'fast-check';
import { TimerEntry } from './timer-entry.ts';
import { TimingWheel } from './timing-wheel.ts';
import type { TimingWheelOptions } from './timing-wheel-options.ts';

const TICK_MS = 10;
const ENTRIES = 12;

type Op =
  | { kind: 'schedule'; id: number; delayMs: number }
  | { kind: 'cancel'; id: number }
  | { kind: 'advance'; stepMs: number };

class Probe extends TimerEntry {
  readonly id: number;
  private readonly fired: number[];
  constructor(id: number, fired: number[]) {
    super();
    this.id = id;
    this.fired = fired;
  }
  override onTimer(): void {
    this.fired.push(this.id);
  }
}

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('schedule' as const),
    id: fc.nat(ENTRIES - 1),
    delayMs: fc.oneof(
      { weight: 4, arbitrary: fc.integer({ min: -20, max: 1_000 }) },
      { weight: 1, arbitrary: fc.integer({ min: 0, max: 200_000 }) },
    ),
  }),
  fc.record({ kind: fc.constant('cancel' as const), id: fc.nat(ENTRIES - 1) }),
  fc.record({
    kind: fc.constant('advance' as const),
    stepMs: fc.oneof(
      { weight: 4, arbitrary: fc.integer({ min: 0, max: 40 }) },
      { weight: 1, arbitrary: fc.integer({ min: 0, max: 20_000 }) },
    ),
  }),
);

const wheelArb: fc.Arbitrary<TimingWheelOptions> = fc.constantFrom<TimingWheelOptions>(
  {},
  { firstLevelSlots: 4, upperLevelSlots: 4, levels: 3 },
  { firstLevelSlots: 2, upperLevelSlots: 2, levels: 2 },
  { firstLevelSlots: 2, upperLevelSlots: 2, levels: 5 },
  { firstLevelSlots: 8, upperLevelSlots: 2, levels: 4 },
);

describe('TimingWheel (property)', () => {
  it('fires every live entry exactly once, at the first advance at or after its rounded-up due time', () => {
    fc.assert(
      fc.property(wheelArb, fc.array(opArb, { maxLength: 300 }), (options, ops) => {
        let clockMs = 0;
        const fired: number[] = [];
        const wheel = new TimingWheel({ ...options, tickMs: TICK_MS, autoDrive: false, now: () => clockMs });
        const probes = Array.from({ length: ENTRIES }, (_, id) => new Probe(id, fired));
        /** Model: the tick each scheduled entry must fire at. */
        const dueTick = new Map<number, number>();

        const advance = (toMs: number): void => {
          clockMs = toMs;
          wheel.advanceTo(toMs);
          const expected = [...dueTick].filter(([, tick]) => tick * TICK_MS <= toMs).map(([id]) => id);
          expect([...fired].sort((a, b) => a - b)).toEqual(expected.sort((a, b) => a - b));
          const firedTicks = fired.map((id) => dueTick.get(id)!);
          expect(firedTicks).toEqual([...firedTicks].sort((a, b) => a - b));
          for (const id of fired) dueTick.delete(id);
          fired.length = 0;
        };

        for (const op of ops) {
          if (op.kind === 'schedule') {
            wheel.schedule(probes[op.id]!, op.delayMs);
            const nextTick = Math.floor(clockMs / TICK_MS) + 1;
            dueTick.set(op.id, Math.max(Math.ceil((clockMs + op.delayMs) / TICK_MS), nextTick));
          } else if (op.kind === 'cancel') {
            expect(wheel.cancel(probes[op.id]!)).toBe(dueTick.delete(op.id));
          } else {
            advance(clockMs + op.stepMs);
          }
          expect(wheel.size).toBe(dueTick.size);
        }
        advance(clockMs + 1_000_000);
        expect(wheel.size).toBe(0);
      }),
      { numRuns: 500 },
    );
  });
});
