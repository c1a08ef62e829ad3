// Tests of the timing wheel driven by hand (fake clock, autoDrive off), plus one run of the real Node driver.
import { processTimingWheel } from './process-timing-wheel.ts';
import { TimerEntry } from './timer-entry.ts';
import { TimingWheel } from './timing-wheel.ts';
import type { TimingWheelOptions } from './timing-wheel-options.ts';

interface Harness {
  wheel: TimingWheel;
  clock: { ms: number };
  fired: string[];
  /** Moves the fake clock to `ms` and lets the wheel catch up. */
  advance(ms: number): void;
  entry(name: string, onTimer?: () => void): TimerEntry;
}

function harness(options: TimingWheelOptions = {}): Harness {
  const clock = { ms: 0 };
  const fired: string[] = [];
  const wheel = new TimingWheel({ autoDrive: false, now: () => clock.ms, ...options });
  return {
    wheel,
    clock,
    fired,
    advance(ms) {
      clock.ms = ms;
      wheel.advanceTo(ms);
    },
    entry(name, onTimer) {
      return new Recorder(() => {
        fired.push(name);
        onTimer?.();
      });
    },
  };
}

class Recorder extends TimerEntry {
  private readonly action: () => void;
  constructor(action: () => void) {
    super();
    this.action = action;
  }
  override onTimer(): void {
    this.action();
  }
}

describe('TimingWheel', () => {
  it('fires entries in expiry order, tick by tick', () => {
    const h = harness();
    h.wheel.schedule(h.entry('c'), 300);
    h.wheel.schedule(h.entry('a'), 10);
    h.wheel.schedule(h.entry('d'), 5000);
    h.wheel.schedule(h.entry('b'), 20);
    h.advance(10_000);
    expect(h.fired).toEqual(['a', 'b', 'c', 'd']);
  });

  it('rounds the due time up to the tick and never fires early', () => {
    const h = harness();
    h.clock.ms = 3;
    h.wheel.schedule(h.entry('13ms'), 10);
    h.wheel.schedule(h.entry('20ms'), 17);
    h.advance(19);
    expect(h.fired).toEqual([]);
    h.advance(20);
    expect(h.fired).toEqual(['13ms', '20ms']);
  });

  it('fires a timer due exactly on a tick at that tick', () => {
    const h = harness();
    h.wheel.schedule(h.entry('x'), 30);
    h.advance(29.999);
    expect(h.fired).toEqual([]);
    h.advance(30);
    expect(h.fired).toEqual(['x']);
  });

  it.each([
    { desc: 'zero', delayMs: 0 },
    { desc: 'negative', delayMs: -500 },
    { desc: 'NaN', delayMs: Number.NaN },
  ])('fires a $desc delay on the next tick', ({ delayMs }) => {
    const h = harness();
    h.advance(20);
    h.wheel.schedule(h.entry('x'), delayMs);
    h.advance(29);
    expect(h.fired).toEqual([]);
    h.advance(30);
    expect(h.fired).toEqual(['x']);
  });

  it('cancels in O(1) and reports whether the entry was scheduled', () => {
    const h = harness();
    const a = h.entry('a');
    const b = h.entry('b');
    h.wheel.schedule(a, 50);
    h.wheel.schedule(b, 50);
    expect(h.wheel.size).toBe(2);
    expect(h.wheel.cancel(a)).toBe(true);
    expect(a.scheduled).toBe(false);
    expect(h.wheel.cancel(a)).toBe(false);
    expect(h.wheel.size).toBe(1);
    h.advance(100);
    expect(h.fired).toEqual(['b']);
    expect(h.wheel.cancel(b)).toBe(false);
    expect(h.wheel.size).toBe(0);
  });

  it('moves an entry that is scheduled again', () => {
    const h = harness();
    const x = h.entry('x');
    h.wheel.schedule(x, 1000);
    h.wheel.schedule(x, 20);
    expect(h.wheel.size).toBe(1);
    h.advance(20);
    expect(h.fired).toEqual(['x']);
    h.advance(2000);
    expect(h.fired).toEqual(['x']);
  });

  it('moves an entry scheduled in another wheel', () => {
    const h = harness();
    const other = new TimingWheel({ autoDrive: false, now: () => h.clock.ms });
    const x = h.entry('x');
    other.schedule(x, 10);
    h.wheel.schedule(x, 30);
    expect(other.size).toBe(0);
    expect(h.wheel.size).toBe(1);
    expect(other.cancel(x)).toBe(false);
    other.advanceTo(1000);
    expect(h.fired).toEqual([]);
    h.advance(30);
    expect(h.fired).toEqual(['x']);
  });

  it('cascades timers minutes and hours ahead down to the exact tick', () => {
    const h = harness();
    h.clock.ms = 7;
    const delaysMs = [2_553, 2_563, 2_570, 163_840, 60_000, 600_000, 3_600_000, 5 * 3_600_000 + 123, 6 * 86_400_000];
    for (const d of delaysMs) h.wheel.schedule(h.entry(String(d)), d);
    for (const d of [...delaysMs].sort((x, y) => x - y)) {
      const dueMs = Math.ceil((7 + d) / 10) * 10;
      h.advance(dueMs - 1);
      expect(h.fired).not.toContain(String(d));
      h.advance(dueMs);
      expect(h.fired.at(-1)).toBe(String(d));
    }
    expect(h.wheel.size).toBe(0);
  });

  it.each([
    {
      desc: 'a tiny wheel (16 ticks)',
      options: { firstLevelSlots: 4, upperLevelSlots: 4, levels: 2 },
      delayMs: 10_000,
    },
    { desc: 'the default wheel (~7.8 days)', options: {}, delayMs: 30 * 86_400_000 },
  ])('keeps timers beyond the range of $desc and fires them on time', ({ options, delayMs }) => {
    const h = harness(options);
    h.wheel.schedule(h.entry('far'), delayMs);
    h.wheel.schedule(h.entry('near'), 30);
    h.advance(delayMs - 1);
    expect(h.fired).toEqual(['near']);
    h.advance(delayMs);
    expect(h.fired).toEqual(['near', 'far']);
  });

  it('reports a throwing onTimer to onError and fires the other entries', () => {
    const errors: unknown[] = [];
    const h = harness({ onError: (error) => errors.push(error) });
    h.wheel.schedule(h.entry('before'), 10);
    h.wheel.schedule(
      h.entry('thrower', () => {
        throw new Error('boom');
      }),
      10,
    );
    h.wheel.schedule(h.entry('after'), 10);
    h.wheel.schedule(h.entry('later'), 20);
    h.advance(20);
    expect(h.fired).toEqual(['before', 'thrower', 'after', 'later']);
    expect(errors).toEqual([new Error('boom')]);
    expect(h.wheel.size).toBe(0);
  });

  it('emits a process warning for a throwing onTimer when there is no onError', () => {
    const h = harness();
    const warnings: unknown[][] = [];
    const emitWarning = process.emitWarning;
    process.emitWarning = (...args: unknown[]) => warnings.push(args);
    try {
      h.wheel.schedule(
        h.entry('thrower', () => {
          throw new Error('boom');
        }),
        10,
      );
      h.wheel.schedule(h.entry('after'), 10);
      h.advance(10);
    } finally {
      process.emitWarning = emitWarning;
    }
    expect(h.fired).toEqual(['thrower', 'after']);
    expect(warnings).toHaveLength(1);
    expect(String(warnings[0]![0])).toContain('boom');
    expect(warnings[0]![1]).toEqual({ type: 'TimerCallbackWarning' });
  });

  it('fires an entry scheduled from onTimer for the current tick on the next tick', () => {
    const h = harness();
    const again: TimerEntry = h.entry('again', () => h.wheel.schedule(again, 0));
    h.wheel.schedule(again, 10);
    h.advance(10);
    expect(h.fired).toEqual(['again']);
    h.advance(20);
    expect(h.fired).toEqual(['again', 'again']);
    h.wheel.cancel(again);
  });

  it('does not fire an entry scheduled one lap of level 0 ahead from onTimer early', () => {
    const h = harness();
    const lap = h.entry('lap');
    h.wheel.schedule(
      h.entry('first', () => h.wheel.schedule(lap, 2560)),
      10,
    );
    h.advance(10);
    expect(h.fired).toEqual(['first']);
    h.advance(2569);
    expect(h.fired).toEqual(['first']);
    h.advance(2570);
    expect(h.fired).toEqual(['first', 'lap']);
  });

  it('lets onTimer cancel another entry of the same tick', () => {
    const h = harness();
    const victim = h.entry('victim');
    h.wheel.schedule(
      h.entry('killer', () => h.wheel.cancel(victim)),
      10,
    );
    h.wheel.schedule(victim, 10);
    h.advance(10);
    expect(h.fired).toEqual(['killer']);
    expect(h.wheel.size).toBe(0);
  });

  it('catches up every missed tick in order after a lag', () => {
    const h = harness();
    for (let i = 20; i > 0; i--) h.wheel.schedule(h.entry(String(i)), i * 100);
    h.advance(100_000);
    expect(h.fired).toEqual(Array.from({ length: 20 }, (_, i) => String(i + 1)));
  });

  it('stop() unschedules everything and leaves the wheel usable', () => {
    const h = harness();
    const entries = [h.entry('a'), h.entry('b'), h.entry('c')];
    h.wheel.schedule(entries[0]!, 10);
    h.wheel.schedule(entries[1]!, 100_000);
    h.wheel.schedule(entries[2]!, 10_000_000);
    h.wheel.stop();
    expect(h.wheel.size).toBe(0);
    expect(entries.map((e) => e.scheduled)).toEqual([false, false, false]);
    h.advance(20_000_000);
    expect(h.fired).toEqual([]);
    h.wheel.schedule(entries[0]!, 10);
    h.advance(20_000_010);
    expect(h.fired).toEqual(['a']);
  });

  it('stop() from inside onTimer drops the rest of the tick', () => {
    const h = harness();
    h.wheel.schedule(
      h.entry('stopper', () => h.wheel.stop()),
      10,
    );
    h.wheel.schedule(h.entry('same tick'), 10);
    h.wheel.schedule(h.entry('later'), 20);
    h.advance(100);
    expect(h.fired).toEqual(['stopper']);
    expect(h.wheel.size).toBe(0);
  });

  it('jumps over idle time instead of replaying it', () => {
    const h = harness();
    h.clock.ms = 86_400_000;
    h.wheel.schedule(h.entry('x'), 15);
    h.advance(86_400_019);
    expect(h.fired).toEqual([]);
    h.advance(86_400_020);
    expect(h.fired).toEqual(['x']);
  });
});

describe('TimingWheel.scheduleCoarse', () => {
  const cases = [
    { desc: 'reading one tick old: not early', unreadMs: 5, notYetAt: 1055, firedBy: 1060 },
    {
      desc: 'reading older than a tick (blocked loop): early by the excess only',
      unreadMs: 15,
      notYetAt: 1059,
      firedBy: 1060,
    },
  ];
  it.each(cases)('$desc', ({ unreadMs, notYetAt, firedBy }) => {
    const clock = { ms: 0 };
    const fired: string[] = [];
    // autoDrive on (so the coarse path is taken); the test advances the wheel itself and stops it after.
    const wheel = new TimingWheel({ now: () => clock.ms });
    try {
      clock.ms = 1000;
      wheel.advanceTo(1000);
      wheel.schedule(new Recorder(() => fired.push('keeper')), 60_000);
      clock.ms = 1000 + unreadMs; // time passes without the wheel reading its clock
      wheel.scheduleCoarse(new Recorder(() => fired.push('deadline')), 50);
      wheel.advanceTo(notYetAt);
      expect(fired).toEqual([]);
      wheel.advanceTo(firedBy);
      expect(fired).toEqual(['deadline']);
    } finally {
      wheel.stop();
    }
  });

  it('young entries: cancelled ones never fire, rescheduled ones move, live ones fire once, stop clears them', () => {
    const clock = { ms: 0 };
    const fired: string[] = [];
    const wheel = new TimingWheel({ now: () => clock.ms });
    try {
      wheel.schedule(new Recorder(() => fired.push('keeper')), 60_000);
      const entries = Array.from({ length: 5000 }, (_, i) => new Recorder(() => fired.push(`e${i}`)));
      for (const e of entries) wheel.scheduleCoarse(e, 100); // crosses the 4096 flush: both kinds of young
      for (let i = 0; i < 5000; i++) if (i % 2 === 1) expect(wheel.cancel(entries[i]!)).toBe(true);
      expect(wheel.cancel(entries[1]!)).toBe(false);
      wheel.schedule(entries[0]!, 500); // a young (or just linked) entry moved by a precise schedule
      wheel.scheduleCoarse(entries[3]!, 100); // cancelled, then young again
      expect(wheel.size).toBe(1 + 2500 + 1);
      wheel.advanceTo(200);
      const early = fired.filter((f) => f !== 'e0');
      expect(early).toHaveLength(2500);
      expect(new Set(early).size).toBe(2500);
      expect(early).toContain('e3');
      expect(fired).not.toContain('e0');
      wheel.advanceTo(600);
      expect(fired.filter((f) => f === 'e0')).toHaveLength(1);
      wheel.scheduleCoarse(entries[2]!, 100);
      wheel.stop();
      expect(wheel.size).toBe(0);
      expect(entries[2]!.scheduled).toBe(false);
      wheel.advanceTo(10_000);
      expect(fired.filter((f) => f === 'e2')).toHaveLength(1);
    } finally {
      wheel.stop();
    }
  });

  it('on an empty or hand-driven wheel reads the clock like schedule', () => {
    const h = harness();
    h.clock.ms = 995;
    h.wheel.scheduleCoarse(h.entry('a'), 50);
    h.advance(1040);
    expect(h.fired).toEqual([]);
    h.advance(1050);
    expect(h.fired).toEqual(['a']);
  });
});

describe('TimingWheel with the real driver', () => {
  // Whether the wheel keeps the process alive through its driver timer. (Counting the process's active timers
  // instead is disturbed by timers that other test files in the same jest worker left to expire.)
  const holdsProcess = (wheel: TimingWheel): boolean =>
    (wheel as unknown as { driver?: NodeJS.Timeout }).driver?.hasRef() ?? false;

  it('fires a 30 ms timer on time and then holds no Node timer', async () => {
    const wheel = new TimingWheel();
    const start = performance.now();
    const elapsedMs = await new Promise<number>((resolve) => {
      wheel.setTimeout(() => resolve(performance.now() - start), 30);
    });
    expect(elapsedMs).toBeGreaterThanOrEqual(29);
    expect(elapsedMs).toBeLessThan(1000); // generous: CI runs suites in parallel on 2 cores
    expect(wheel.size).toBe(0);
    // Node settles its count of referenced timers after the timer list that fired is done.
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(holdsProcess(wheel)).toBe(false);
  });

  it('releases the process as soon as the last entry is cancelled', () => {
    const wheel = new TimingWheel();
    expect(holdsProcess(wheel)).toBe(false);
    const handle = wheel.setTimeout(() => {}, 60_000);
    expect(holdsProcess(wheel)).toBe(true);
    handle.cancel();
    expect(holdsProcess(wheel)).toBe(false);
    wheel.stop();
  });
});

describe('processTimingWheel', () => {
  it('returns one shared wheel', () => {
    expect(processTimingWheel()).toBe(processTimingWheel());
    expect(processTimingWheel()).toBeInstanceOf(TimingWheel);
  });
});
