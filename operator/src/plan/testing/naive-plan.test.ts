// The naive planner (the benchmark's baseline) plans exactly as planGameCluster does, on any input and on every
// step of simulated runs: the benchmark compares two implementations of the same plan, not two different plans.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { planGameCluster } from '../plan-game-cluster.ts';
import { naivePlanGameCluster } from './naive-plan.ts';
import { HASHES, inputArb, scenarioArb } from './plan-arbitraries.ts';
import { PlanSimulator } from './plan-simulator.ts';

describe('naivePlanGameCluster', () => {
  it('gives the same plan as planGameCluster on any input', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        expect(naivePlanGameCluster(input)).toEqual(planGameCluster(input));
      }),
      { numRuns: 150 },
    );
  });

  it('gives the same plan at every step of a simulated run', () => {
    fc.assert(
      fc.property(scenarioArb(), (scenario) => {
        const simulator = new PlanSimulator({ ...scenario, templateHashes: HASHES, planner: naivePlanGameCluster });
        for (let i = 0; i < 40; i++) {
          const input = simulator.input();
          expect(simulator.step().plan).toEqual(planGameCluster(input));
        }
      }),
      { numRuns: 30 },
    );
  });
});
