// Tests of setTimeout/setInterval handles on a hand-driven wheel: callbacks, drift-free periods, skipped periods.
import { TimingWheel } from './timing-wheel.ts';

function harness() {
  const clock = { ms: 0 };
  const wheel = new TimingWheel({ autoDrive: false, now: () => clock.ms });
  const firedAt: number[] = [];
  const record = (): void => {
    firedAt.push(clock.ms);
  };
  /** Steps the clock tick by tick up to `toMs`, so each firing is recorded at its tick. */
  const stepTo = (toMs: number): void => {
    while (clock.ms < toMs) {
      clock.ms = Math.min(toMs, clock.ms + 10);
      wheel.advanceTo(clock.ms);
    }
  };
  const jumpTo = (toMs: number): void => {
    clock.ms = toMs;
    wheel.advanceTo(toMs);
  };
  return { wheel, clock, firedAt, record, stepTo, jumpTo };
}

describe('TimerHandle', () => {
  it('setTimeout calls back once, rounded up to the tick', () => {
    const h = harness();
    const handle = h.wheel.setTimeout(h.record, 25);
    expect(handle.scheduled).toBe(true);
    h.stepTo(200);
    expect(h.firedAt).toEqual([30]);
    expect(handle.scheduled).toBe(false);
    expect(handle.cancel()).toBe(false);
  });

  it('clear() and cancel() stop a timeout before it fires', () => {
    const h = harness();
    const a = h.wheel.setTimeout(h.record, 50);
    const b = h.wheel.setTimeout(h.record, 50);
    expect(h.wheel.clear(a)).toBe(true);
    expect(b.cancel()).toBe(true);
    expect(b.cancel()).toBe(false);
    h.stepTo(200);
    expect(h.firedAt).toEqual([]);
    expect(h.wheel.size).toBe(0);
  });

  it('setInterval keeps to its schedule without drift', () => {
    const h = harness();
    const handle = h.wheel.setInterval(h.record, 15);
    h.stepTo(95);
    // due 15, 30, 45, 60, 75, 90 → rounded up to ticks 20, 30, 50, 60, 80, 90
    expect(h.firedAt).toEqual([20, 30, 50, 60, 80, 90]);
    handle.cancel();
    h.stepTo(300);
    expect(h.firedAt).toHaveLength(6);
  });

  it('setInterval skips the periods missed during a lag instead of bursting', () => {
    const h = harness();
    h.wheel.setInterval(h.record, 100);
    h.jumpTo(1050);
    expect(h.firedAt).toEqual([1050]);
    h.stepTo(1099);
    expect(h.firedAt).toEqual([1050]);
    h.stepTo(1100);
    expect(h.firedAt).toEqual([1050, 1100]);
    h.stepTo(1300);
    expect(h.firedAt).toEqual([1050, 1100, 1200, 1300]);
  });

  it('an interval cancelled from its own callback stops', () => {
    const h = harness();
    let calls = 0;
    const handle = h.wheel.setInterval(() => {
      calls++;
      if (calls === 2) handle.cancel();
    }, 10);
    h.stepTo(200);
    expect(calls).toBe(2);
    expect(h.wheel.size).toBe(0);
  });

  it('an interval stopped with its wheel from its own callback stops', () => {
    const h = harness();
    let calls = 0;
    h.wheel.setInterval(() => {
      calls++;
      h.wheel.stop();
    }, 10);
    h.stepTo(200);
    expect(calls).toBe(1);
  });

  it('an interval whose callback throws keeps running', () => {
    const errors: unknown[] = [];
    const clock = { ms: 0 };
    const wheel = new TimingWheel({ autoDrive: false, now: () => clock.ms, onError: (e) => errors.push(e) });
    const handle = wheel.setInterval(() => {
      throw new Error('flaky');
    }, 10);
    for (clock.ms = 10; clock.ms <= 30; clock.ms += 10) wheel.advanceTo(clock.ms);
    expect(errors).toHaveLength(3);
    expect(handle.scheduled).toBe(true);
    handle.cancel();
  });

  it('a non-positive interval fires once per tick', () => {
    const h = harness();
    const handle = h.wheel.setInterval(h.record, 0);
    h.stepTo(40);
    expect(h.firedAt).toEqual([10, 20, 30, 40]);
    handle.cancel();
  });
});
