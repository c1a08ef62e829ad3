// The zone autoscaler: table tests of each rule, and properties: the decision stays within [min, max], a scale-up
// is never delayed, and a scale-down happens only after the lower count was wanted for the whole window.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { ZoneAutoscalingSpec } from '../api/game-cluster.ts';
import {
  type AutoscaleInput,
  type AutoscaleMemory,
  autoscaleDesired,
  EMPTY_AUTOSCALE_MEMORY,
} from './autoscale-desired.ts';

const SPEC: ZoneAutoscalingSpec = {
  enabled: true,
  minReplicas: 2,
  maxReplicas: 8,
  targetPlayersPerPod: 100,
  scaleDownStabilizationSeconds: 60,
};

function input(overrides: Partial<AutoscaleInput>): AutoscaleInput {
  return {
    autoscaling: SPEC,
    currentReplicas: 4,
    zonePlayers: 400,
    now: 1_000_000,
    memory: EMPTY_AUTOSCALE_MEMORY,
    ...overrides,
  };
}

describe('autoscaleDesired', () => {
  const cases: {
    desc: string;
    input: AutoscaleInput;
    want: { desired: number; reason: string; memory: AutoscaleMemory };
  }[] = [
    {
      desc: 'disabled: keeps the spec count and forgets any window',
      input: input({
        autoscaling: { ...SPEC, enabled: false },
        currentReplicas: 11,
        memory: { lowerSince: 5, lowerPeak: 3 },
      }),
      want: { desired: 11, reason: 'disabled', memory: EMPTY_AUTOSCALE_MEMORY },
    },
    {
      desc: 'no zone answered: holds, and keeps the window',
      input: input({ zonePlayers: null, memory: { lowerSince: 5, lowerPeak: 3 } }),
      want: { desired: 4, reason: 'noData', memory: { lowerSince: 5, lowerPeak: 3 } },
    },
    {
      desc: 'more players: scales up at once, ceil(players / target)',
      input: input({ zonePlayers: 601 }),
      want: { desired: 7, reason: 'scaleUp', memory: EMPTY_AUTOSCALE_MEMORY },
    },
    {
      desc: 'scale-up stops at maxReplicas',
      input: input({ zonePlayers: 5000 }),
      want: { desired: 8, reason: 'scaleUp', memory: EMPTY_AUTOSCALE_MEMORY },
    },
    {
      desc: 'just right: steady, a pending window is dropped',
      input: input({ zonePlayers: 350, memory: { lowerSince: 5, lowerPeak: 3 } }),
      want: { desired: 4, reason: 'steady', memory: EMPTY_AUTOSCALE_MEMORY },
    },
    {
      desc: 'fewer players: the window starts, nothing drains yet',
      input: input({ zonePlayers: 150 }),
      want: { desired: 4, reason: 'stabilizing', memory: { lowerSince: 1_000_000, lowerPeak: 2 } },
    },
    {
      desc: 'within the window: the peak of the lower counts is kept',
      input: input({ zonePlayers: 250, memory: { lowerSince: 970_000, lowerPeak: 2 } }),
      want: { desired: 4, reason: 'stabilizing', memory: { lowerSince: 970_000, lowerPeak: 3 } },
    },
    {
      desc: 'window over: scales down to the highest count wanted during it',
      input: input({ zonePlayers: 50, memory: { lowerSince: 940_000, lowerPeak: 3 } }),
      want: { desired: 3, reason: 'scaleDown', memory: EMPTY_AUTOSCALE_MEMORY },
    },
    {
      desc: 'never below minReplicas',
      input: input({ zonePlayers: 0, memory: { lowerSince: 0, lowerPeak: 2 } }),
      want: { desired: 2, reason: 'scaleDown', memory: EMPTY_AUTOSCALE_MEMORY },
    },
    {
      desc: 'a window whose peak is not below the current count (scaled down meanwhile) starts again',
      input: input({ currentReplicas: 3, zonePlayers: 100, memory: { lowerSince: 0, lowerPeak: 3 } }),
      want: { desired: 3, reason: 'stabilizing', memory: { lowerSince: 1_000_000, lowerPeak: 2 } },
    },
    {
      desc: 'a current count outside [min, max] is brought inside',
      input: input({ currentReplicas: 20, zonePlayers: 800 }),
      want: { desired: 8, reason: 'steady', memory: EMPTY_AUTOSCALE_MEMORY },
    },
    {
      desc: 'a zero window scales down at once',
      input: input({ autoscaling: { ...SPEC, scaleDownStabilizationSeconds: 0 }, zonePlayers: 250 }),
      want: { desired: 3, reason: 'scaleDown', memory: EMPTY_AUTOSCALE_MEMORY },
    },
  ];
  it.each(cases)('$desc', ({ input: given, want }) => {
    const decision = autoscaleDesired(given);
    expect({ desired: decision.desired, reason: decision.reason, memory: decision.memory }).toEqual(want);
  });

  it('says when a pending scale-down becomes due', () => {
    expect(autoscaleDesired(input({ zonePlayers: 150 })).scaleDownAt).toBe(1_060_000);
    expect(autoscaleDesired(input({ zonePlayers: 900 })).scaleDownAt).toBeNull();
  });
});

const specArb = fc
  .record({
    min: fc.integer({ min: 0, max: 6 }),
    span: fc.integer({ min: 0, max: 6 }),
    target: fc.integer({ min: 1, max: 200 }),
    windowS: fc.integer({ min: 0, max: 30 }),
  })
  .map(
    ({ min, span, target, windowS }): ZoneAutoscalingSpec => ({
      enabled: true,
      minReplicas: min,
      maxReplicas: min + span,
      targetPlayersPerPod: target,
      scaleDownStabilizationSeconds: windowS,
    }),
  );

describe('autoscaleDesired properties', () => {
  it('stays within [min, max] whatever it is given', () => {
    fc.assert(
      fc.property(
        specArb,
        fc.integer({ min: -5, max: 40 }),
        fc.option(fc.integer({ min: 0, max: 10_000 })),
        fc.option(fc.record({ since: fc.integer({ min: 0, max: 100_000 }), peak: fc.integer({ min: -2, max: 40 }) })),
        (autoscaling, currentReplicas, zonePlayers, remembered) => {
          const memory =
            remembered === null ? EMPTY_AUTOSCALE_MEMORY : { lowerSince: remembered.since, lowerPeak: remembered.peak };
          const { desired } = autoscaleDesired({ autoscaling, currentReplicas, zonePlayers, now: 100_000, memory });
          expect(desired).toBeGreaterThanOrEqual(autoscaling.minReplicas);
          expect(desired).toBeLessThanOrEqual(autoscaling.maxReplicas);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('scales up at once and down only after the lower count held for the whole window', () => {
    fc.assert(
      fc.property(
        specArb,
        fc.array(
          fc.record({ dtMs: fc.integer({ min: 100, max: 10_000 }), players: fc.integer({ min: 0, max: 1500 }) }),
          {
            minLength: 1,
            maxLength: 40,
          },
        ),
        (autoscaling, samples) => {
          let current = autoscaling.minReplicas;
          let memory = EMPTY_AUTOSCALE_MEMORY;
          let now = 0;
          // When the count wanted for the players (and every count wanted since) first fell below the current one.
          let lowerSince: number | null = null;
          for (const { dtMs, players } of samples) {
            now += dtMs;
            const wanted = Math.min(
              Math.max(Math.ceil(players / autoscaling.targetPlayersPerPod), autoscaling.minReplicas),
              autoscaling.maxReplicas,
            );
            if (wanted < current) lowerSince ??= now;
            else lowerSince = null;
            const decision = autoscaleDesired({
              autoscaling,
              currentReplicas: current,
              zonePlayers: players,
              now,
              memory,
            });
            if (wanted > current) expect(decision.desired).toBe(wanted);
            if (decision.desired < current) {
              expect(lowerSince).not.toBeNull();
              expect(now - (lowerSince as number)).toBeGreaterThanOrEqual(
                autoscaling.scaleDownStabilizationSeconds * 1000,
              );
              expect(decision.desired).toBeGreaterThanOrEqual(wanted);
            }
            if (decision.desired !== current) lowerSince = null;
            current = decision.desired;
            memory = decision.memory;
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
