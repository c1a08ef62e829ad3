// Tests of SnowflakeGenerator and parseSnowflake: layout, uniqueness and order, the string form, the wait on
// sequence exhaustion and the logical clock under backward jumps (fake clocks), option and id validation.
import fc from 'fast-check';
import { fromErrorData } from '../errors/index.ts';
import { InvalidSnowflakeError, InvalidSnowflakeOptionsError, SnowflakeOverflowError } from './errors.ts';
import {
  DEFAULT_SNOWFLAKE_EPOCH_MS,
  parseSnowflake,
  SNOWFLAKE_MAX_ID,
  SNOWFLAKE_MAX_SEQUENCE,
  SNOWFLAKE_MAX_TIMESTAMP_MS,
  SNOWFLAKE_MAX_WORKER_ID,
  SNOWFLAKE_SEQUENCE_BITS,
  SNOWFLAKE_TIMESTAMP_BITS,
  SNOWFLAKE_WORKER_ID_BITS,
  SnowflakeGenerator,
  type SnowflakeOptions,
} from './snowflake.ts';

/** A fake clock whose reading is a function of how often it was polled; it records what it returned. */
function pollClock(readingAt: (poll: number) => number) {
  const clock = {
    polls: 0,
    last: Number.NaN,
    backwardSteps: 0,
    backwardMsTotal: 0,
    now: (): number => {
      const reading = readingAt(clock.polls++);
      if (reading < clock.last) {
        clock.backwardSteps++;
        clock.backwardMsTotal += clock.last - reading;
      }
      clock.last = reading;
      return reading;
    },
  };
  return clock;
}

function composeId(timestampMs: number, workerId: number, sequence: number): bigint {
  return (BigInt(timestampMs) << 22n) | (BigInt(workerId) << 12n) | BigInt(sequence);
}

describe('snowflake layout', () => {
  it('uses 41 + 10 + 12 = 63 bits', () => {
    expect(SNOWFLAKE_TIMESTAMP_BITS + SNOWFLAKE_WORKER_ID_BITS + SNOWFLAKE_SEQUENCE_BITS).toBe(63);
    expect(SNOWFLAKE_MAX_ID).toBe(
      composeId(SNOWFLAKE_MAX_TIMESTAMP_MS, SNOWFLAKE_MAX_WORKER_ID, SNOWFLAKE_MAX_SEQUENCE),
    );
    expect(DEFAULT_SNOWFLAKE_EPOCH_MS).toBe(Date.parse('2026-01-01T00:00:00Z'));
  });

  it('parses any composed id back into its fields, from bigint and string', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: SNOWFLAKE_MAX_TIMESTAMP_MS }),
        fc.integer({ min: 0, max: SNOWFLAKE_MAX_WORKER_ID }),
        fc.integer({ min: 0, max: SNOWFLAKE_MAX_SEQUENCE }),
        (timestampMs, workerId, sequence) => {
          const id = composeId(timestampMs, workerId, sequence);
          const want = { timestampMs: timestampMs + DEFAULT_SNOWFLAKE_EPOCH_MS, workerId, sequence };
          expect(parseSnowflake(id)).toEqual(want);
          expect(parseSnowflake(id.toString())).toEqual(want);
          expect(parseSnowflake(id, 0)).toEqual({ ...want, timestampMs });
        },
      ),
    );
  });

  it('round-trips generated ids: clock time, worker id, sequence 0, 1, 2 within one millisecond', () => {
    const clock = pollClock(() => DEFAULT_SNOWFLAKE_EPOCH_MS + 123_456);
    const generator = new SnowflakeGenerator({ workerId: 1023, now: clock.now });
    const parsed = [generator.next(), generator.next(), generator.nextString()].map((id) => parseSnowflake(id));
    expect(parsed).toEqual([0, 1, 2].map((sequence) => ({ timestampMs: clock.last, workerId: 1023, sequence })));
    expect(generator.options).toEqual({ workerId: 1023, epochMs: DEFAULT_SNOWFLAKE_EPOCH_MS, now: clock.now });
  });
});

describe('SnowflakeGenerator on the real clock', () => {
  it('issues 200k strictly increasing, unique ids', () => {
    const generator = new SnowflakeGenerator({ workerId: 5 });
    const ids: bigint[] = [];
    for (let i = 0; i < 200_000; i++) ids.push(generator.next());
    for (let i = 1; i < ids.length; i++) if (ids[i]! <= ids[i - 1]!) throw new Error(`not increasing at ${i}`);
    expect(new Set(ids).size).toBe(ids.length);
    const first = parseSnowflake(ids[0]!);
    expect(Math.abs(first.timestampMs - Date.now())).toBeLessThan(5_000);
    expect(first.workerId).toBe(5);
  });

  it('gives the string form as bigint.toString(), which JSON carries and a bigint cannot', () => {
    const generator = new SnowflakeGenerator({ workerId: 9 });
    const text = generator.nextString();
    expect(text).toMatch(/^[1-9][0-9]*$/);
    const id = BigInt(text);
    expect(id.toString()).toBe(text);
    expect(BigInt(JSON.parse(JSON.stringify({ id: text })).id)).toBe(id);
    expect(() => JSON.stringify({ id })).toThrow(TypeError);
    expect(BigInt(generator.nextString())).toBeGreaterThan(id);
  });
});

describe('SnowflakeGenerator sequence exhaustion', () => {
  it('waits for the next millisecond after 4096 ids in one millisecond', () => {
    // Construction polls once, 4096 ids poll once each, then the 4097th id spins 5 polls on ms 10 before ms 11.
    const lastPollOnMs10 = 1 + 4096 + 5;
    const clock = pollClock((poll) => (poll <= lastPollOnMs10 ? 10 : 11));
    const generator = new SnowflakeGenerator({ workerId: 3, epochMs: 0, now: clock.now });
    const sameMs = Array.from({ length: 4096 }, () => parseSnowflake(generator.next(), 0));
    expect(sameMs.map((p) => p.sequence)).toEqual(Array.from({ length: 4096 }, (_, i) => i));
    expect(sameMs.every((p) => p.timestampMs === 10)).toBe(true);

    expect(parseSnowflake(generator.next(), 0)).toEqual({ timestampMs: 11, workerId: 3, sequence: 0 });
    expect(clock.polls).toBe(lastPollOnMs10 + 2);
    expect(generator.clockBackwardsEvents).toBe(0);
  });
});

describe('SnowflakeGenerator when the clock steps back', () => {
  it('stays unique and increasing, counts the jump, runs ahead at most by the jump and borrows instead of waiting it out', () => {
    // 1000..1004 at 2000 polls per ms, then back to 995 (a 9 ms jump), advancing 1 ms per 2000 polls: slower than
    // 4096 ids/ms, so the sequence runs out while the clock is still behind.
    const jumpAt = 10_000;
    const clock = pollClock((poll) =>
      poll < jumpAt ? 1000 + Math.floor(poll / 2000) : 995 + Math.floor((poll - jumpAt) / 2000),
    );
    const generator = new SnowflakeGenerator({ workerId: 77, epochMs: 0, now: clock.now });
    const issued: { id: bigint; readingMs: number }[] = [];
    while (clock.polls < 50_000) issued.push({ id: generator.next(), readingMs: clock.last });

    expect(generator.clockBackwardsEvents).toBe(1);
    expect(clock.backwardMsTotal).toBe(9);
    // Plain checks in the loop (one expect per id would dominate the run time), then one expect on the findings.
    const problems: string[] = [];
    let borrowed = 0;
    let maxLeadMs = 0;
    for (let i = 0; i < issued.length; i++) {
      const { id, readingMs } = issued[i]!;
      const { timestampMs, workerId } = parseSnowflake(id, 0);
      if (i > 0 && id <= issued[i - 1]!.id) problems.push(`id ${i} is not greater than the one before`);
      if (workerId !== 77) problems.push(`id ${i} has worker id ${workerId}`);
      if (timestampMs < readingMs) problems.push(`id ${i} is behind the clock`);
      maxLeadMs = Math.max(maxLeadMs, timestampMs - readingMs);
      if (timestampMs > 1004 && readingMs < 1004) borrowed++;
    }
    expect(problems).toEqual([]);
    expect(maxLeadMs).toBe(9);
    expect(borrowed).toBeGreaterThan(0);
    // Once the wall clock caught up, ids carry the wall-clock time again.
    const last = issued.at(-1)!;
    expect(parseSnowflake(last.id, 0).timestampMs).toBe(last.readingMs);
  });

  it('keeps ids increasing and on its worker id for any sequence of clock readings', () => {
    const step = fc.record({
      deltaMs: fc.integer({ min: -40, max: 40 }),
      polls: fc.oneof(
        { arbitrary: fc.integer({ min: 1, max: 20 }), weight: 3 },
        { arbitrary: fc.integer({ min: 4000, max: 9000 }), weight: 1 },
      ),
    });
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: SNOWFLAKE_MAX_WORKER_ID }),
        fc.array(step, { maxLength: 12 }),
        (workerId, steps) => {
          // Each step holds one reading for `polls` polls; after the script the clock moves on 1 ms per poll.
          const readings: number[] = [];
          let ms = 1000;
          for (const { deltaMs, polls } of steps) {
            ms = Math.max(0, ms + deltaMs);
            for (let i = 0; i < polls; i++) readings.push(ms);
          }
          const clock = pollClock((poll) => readings[poll] ?? ms + 1 + poll - readings.length);
          const generator = new SnowflakeGenerator({ workerId, epochMs: 0, now: clock.now });
          let previous = -1n;
          while (clock.polls <= readings.length) {
            const id = generator.next();
            const parsed = parseSnowflake(id, 0);
            if (id <= previous) return false;
            if (parsed.workerId !== workerId) return false;
            if (parsed.timestampMs < clock.last || parsed.timestampMs - clock.last > clock.backwardMsTotal)
              return false;
            previous = id;
          }
          return generator.clockBackwardsEvents === clock.backwardSteps;
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('SnowflakeGenerator options', () => {
  const now = () => DEFAULT_SNOWFLAKE_EPOCH_MS + 1000;
  const cases: { desc: string; input: SnowflakeOptions; want: new (message: string) => Error }[] = [
    { desc: 'negative worker id', input: { workerId: -1, now }, want: InvalidSnowflakeOptionsError },
    { desc: 'worker id above 1023', input: { workerId: 1024, now }, want: InvalidSnowflakeOptionsError },
    { desc: 'fractional worker id', input: { workerId: 1.5, now }, want: InvalidSnowflakeOptionsError },
    { desc: 'NaN worker id', input: { workerId: Number.NaN, now }, want: InvalidSnowflakeOptionsError },
    { desc: 'missing worker id', input: { now } as SnowflakeOptions, want: InvalidSnowflakeOptionsError },
    { desc: 'negative epoch', input: { workerId: 1, epochMs: -1, now }, want: InvalidSnowflakeOptionsError },
    { desc: 'fractional epoch', input: { workerId: 1, epochMs: 0.5, now }, want: InvalidSnowflakeOptionsError },
    {
      desc: 'epoch in the future',
      input: { workerId: 1, epochMs: DEFAULT_SNOWFLAKE_EPOCH_MS + 2000, now },
      want: InvalidSnowflakeOptionsError,
    },
    {
      desc: 'clock not integer ms',
      input: { workerId: 1, now: () => 1.5, epochMs: 0 },
      want: InvalidSnowflakeOptionsError,
    },
    {
      desc: 'clock not a function',
      input: { workerId: 1, now: 5 as unknown as () => number },
      want: InvalidSnowflakeOptionsError,
    },
    {
      desc: 'epoch too old for 41 bits',
      input: { workerId: 1, epochMs: 0, now: () => SNOWFLAKE_MAX_TIMESTAMP_MS + 1 },
      want: SnowflakeOverflowError,
    },
  ];
  it.each(cases)('rejects $desc', ({ input, want }) => {
    expect(() => new SnowflakeGenerator(input)).toThrow(want);
  });

  it.each([0, 1023])('accepts worker id %d and the edge of 41 bits', (workerId) => {
    const generator = new SnowflakeGenerator({ workerId, epochMs: 0, now: () => SNOWFLAKE_MAX_TIMESTAMP_MS });
    expect(generator.next()).toBe(composeId(SNOWFLAKE_MAX_TIMESTAMP_MS, workerId, 0));
  });

  it('throws SnowflakeOverflowError once the clock passes 41 bits', () => {
    let nowMs = SNOWFLAKE_MAX_TIMESTAMP_MS;
    const generator = new SnowflakeGenerator({ workerId: 1, epochMs: 0, now: () => nowMs });
    generator.next();
    nowMs++;
    expect(() => generator.next()).toThrow(SnowflakeOverflowError);
  });
});

describe('parseSnowflake validation', () => {
  const cases: { desc: string; input: bigint | string }[] = [
    { desc: 'letters', input: 'abc' },
    { desc: 'empty string', input: '' },
    { desc: 'negative string', input: '-1' },
    { desc: 'leading zero', input: '012' },
    { desc: 'plus sign', input: '+12' },
    { desc: 'spaces', input: ' 12' },
    { desc: 'hex', input: '0x12' },
    { desc: '2^63 as string', input: '9223372036854775808' },
    { desc: '20 digits', input: '10000000000000000000' },
    { desc: 'negative bigint', input: -1n },
    { desc: '2^63 as bigint', input: 2n ** 63n },
  ];
  it.each(cases)('rejects $desc', ({ input }) => {
    expect(() => parseSnowflake(input)).toThrow(InvalidSnowflakeError);
  });

  it('accepts the extremes 0 and 2^63-1', () => {
    expect(parseSnowflake('0', 0)).toEqual({ timestampMs: 0, workerId: 0, sequence: 0 });
    expect(parseSnowflake(SNOWFLAKE_MAX_ID.toString(), 0)).toEqual({
      timestampMs: SNOWFLAKE_MAX_TIMESTAMP_MS,
      workerId: SNOWFLAKE_MAX_WORKER_ID,
      sequence: SNOWFLAKE_MAX_SEQUENCE,
    });
  });
});

describe('ids errors', () => {
  it.each([
    { ErrorClass: InvalidSnowflakeOptionsError, code: 'GC_ERR_INVALID_SNOWFLAKE_OPTIONS' },
    { ErrorClass: SnowflakeOverflowError, code: 'GC_ERR_SNOWFLAKE_OVERFLOW' },
    { ErrorClass: InvalidSnowflakeError, code: 'GC_ERR_INVALID_SNOWFLAKE' },
  ])('$code is registered and re-hydrates into its class', ({ ErrorClass, code }) => {
    const error = new ErrorClass('what went wrong', { details: { option: 'x' } });
    expect(error.code).toBe(code);
    expect(error.name).toBe(ErrorClass.name);
    const back = fromErrorData(error.toData());
    expect(back).toBeInstanceOf(ErrorClass);
    expect(back.details).toEqual({ option: 'x' });
  });

  it('says what to do in the worker id message', () => {
    expect(() => new SnowflakeGenerator({ workerId: 4096 })).toThrow(/integer 0\.\.1023/);
  });
});
