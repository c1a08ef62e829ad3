// limitMove: the speed limit over unspent time (with its tolerance and bank cap), bounds, and what is not a number.
import { describe, expect, it } from '@jest/globals';
import { InvalidMoveError } from './errors.ts';
import { checkPosition, limitMove, MOVE_MAX_BANKED_MS, MOVE_SPEED_TOLERANCE } from './movement.ts';

const LIMITS = { width: 100, height: 50, maxSpeed: 10 };
const FAST = 10 * (1 + MOVE_SPEED_TOLERANCE); // units per second with the tolerance

describe('limitMove', () => {
  const cases: {
    desc: string;
    input: [fromX: number, fromY: number, toX: number, toY: number, spentAtMs: number, nowMs: number];
    want: { x: number; y: number; spentAtMs: number; clamped: boolean };
  }[] = [
    {
      desc: 'a move within the speed goes all the way and uses only the time it needs',
      input: [10, 10, 11, 10, 0, 200],
      want: { x: 11, y: 10, spentAtMs: 1000 / FAST, clamped: false },
    },
    {
      desc: 'a move too far for the time is shortened toward its target',
      input: [10, 10, 20, 10, 0, 100],
      want: { x: 10 + FAST * 0.1, y: 10, spentAtMs: 100, clamped: true },
    },
    {
      desc: 'the shortening keeps the direction',
      input: [0, 0, 30, 40, 0, 100],
      want: { x: FAST * 0.1 * 0.6, y: FAST * 0.1 * 0.8, spentAtMs: 100, clamped: true },
    },
    {
      desc: 'time already spent by an earlier move does not count again',
      input: [10, 10, 20, 10, 80, 100],
      want: { x: 10 + FAST * 0.02, y: 10, spentAtMs: 100, clamped: true },
    },
    {
      desc: 'standing still banks at most MOVE_MAX_BANKED_MS',
      input: [10, 10, 90, 10, 0, 60_000],
      want: { x: 10 + (FAST * MOVE_MAX_BANKED_MS) / 1000, y: 10, spentAtMs: 60_000, clamped: true },
    },
    {
      desc: 'a target outside the map moves toward its nearest point inside',
      input: [99, 49, 500, 500, 0, 1_000],
      want: { x: 100, y: 50, spentAtMs: 1_000 - MOVE_MAX_BANKED_MS + (Math.SQRT2 * 1000) / FAST, clamped: true },
    },
    {
      desc: 'no time, no movement',
      input: [10, 10, 20, 10, 100, 100],
      want: { x: 10, y: 10, spentAtMs: 100, clamped: true },
    },
    {
      desc: 'staying put costs nothing',
      input: [10, 10, 10, 10, 0, 100],
      want: { x: 10, y: 10, spentAtMs: 0, clamped: false },
    },
  ];

  it.each(cases)('$desc', ({ input, want }) => {
    const outcome = limitMove(...input, LIMITS);
    expect(outcome.x).toBeCloseTo(want.x, 9);
    expect(outcome.y).toBeCloseTo(want.y, 9);
    expect(outcome.spentAtMs).toBeCloseTo(want.spentAtMs, 9);
    expect(outcome.clamped).toBe(want.clamped);
  });

  it('never lets a player cover more than the speed allows over many moves', () => {
    let x = 0;
    let spent = 0;
    for (let now = 10; now <= 10_000; now += 10) {
      const outcome = limitMove(x, 0, x + 1, 0, spent, now, { width: 1e9, height: 1, maxSpeed: 10 });
      expect(outcome.spentAtMs).toBeLessThanOrEqual(now);
      x = outcome.x;
      spent = outcome.spentAtMs;
    }
    expect(x).toBeLessThanOrEqual((FAST * 10_000) / 1000 + 1e-6);
    expect(x).toBeGreaterThan(FAST * 9.9);
  });
});

describe('checkPosition', () => {
  it.each([
    [Number.NaN, 0],
    [0, Number.NEGATIVE_INFINITY],
    ['1', 0],
    [undefined, 0],
    [0, {}],
  ])('refuses %p, %p with InvalidMoveError', (x, y) => {
    expect(() => checkPosition(x, y, 'move')).toThrow(InvalidMoveError);
  });

  it('takes finite numbers, negative ones too (they are clamped later)', () => {
    expect(() => checkPosition(-5, 1e9, 'move')).not.toThrow();
  });
});
