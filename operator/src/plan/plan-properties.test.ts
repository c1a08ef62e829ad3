// Properties of planGameCluster over generated specs and cluster states, checked on single plans and on every
// step of simulated runs (PlanSimulator plays the controller, kubelet and nodes, with generated readiness delays and
// busy pods that never finish a drain): idempotent and order-independent; converges to a steady state within a
// bound; never deletes a pod that serves or drains before its drain finished or its deadline; respects maxSurge and
// maxUnavailable; keeps zones within [min, max]; a rollout whose old pods are all busy still completes with
// maxUnavailable 0; roles roll in ROLES order.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { Role } from '../api/game-cluster.ts';
import { ROLES } from '../api/game-cluster.ts';
import { planGameCluster } from './plan-game-cluster.ts';
import type { ObservedPod, Plan, PlanInput } from './plan-types.ts';
import { effectiveMaxSurge } from './role-plan.ts';
import { PlanSimulator, type SimulatorStep, T0 } from './testing/index.ts';
import { HASHES, inputArb, type Scenario, scenarioArb } from './testing/plan-arbitraries.ts';

const STEP_MS = 1000;

// ---- what a test can ask of observed pods ----

function serving(pod: ObservedPod): boolean {
  const node = pod.node;
  const nodeOff =
    node !== null &&
    (node.drained || node.lifecycle === 'drained' || node.lifecycle === 'draining' || node.lifecycle === 'stopping');
  return !pod.deleting && pod.phase !== 'Failed' && pod.phase !== 'Succeeded' && pod.drain === null && !nodeOff;
}

function count(pods: readonly ObservedPod[], role: Role, test: (pod: ObservedPod) => boolean): number {
  let n = 0;
  for (const pod of pods) if (pod.role === role && test(pod)) n++;
  return n;
}

const live = (pods: readonly ObservedPod[], role: Role) => count(pods, role, serving);
const readyLive = (pods: readonly ObservedPod[], role: Role) => count(pods, role, (pod) => serving(pod) && pod.ready);

function rolledOut(pods: readonly ObservedPod[], role: Role, desired: number): boolean {
  const old = count(
    pods,
    role,
    (pod) => !pod.deleting && pod.phase !== 'Failed' && pod.phase !== 'Succeeded' && pod.templateHash !== HASHES[role],
  );
  const readyNew = count(pods, role, (pod) => serving(pod) && pod.ready && pod.templateHash === HASHES[role]);
  return old === 0 && readyNew >= desired;
}

function steady(plan: Plan): boolean {
  const progressing = plan.status.conditions?.find((c) => c.type === 'Progressing');
  return plan.actions.length === 0 && progressing?.status === 'False' && plan.requeueAt === null;
}

/** Generous on purpose: a livelock exceeds any bound; a slow but finite path does not. */
function stepBound(scenario: Scenario): number {
  const spec = scenario.cluster.spec;
  const maxReady = Math.max(...scenario.readySteps) + 3;
  const zoneMax = spec.zoneAutoscaling.enabled ? spec.zoneAutoscaling.maxReplicas : spec.roles.zone.replicas;
  let bound = 20 + 2 * spec.zoneAutoscaling.scaleDownStabilizationSeconds;
  for (const role of ROLES) {
    const desired = role === 'zone' ? Math.max(zoneMax, spec.roles.zone.replicas) : spec.roles[role].replicas;
    bound += (desired + 3) * maxReady + 2 * (spec.drainTimeoutSeconds + 12);
  }
  return bound;
}

/**
 * The bound for a rollout of busy pods, exact for the slowest case: per role, a batch of maxSurge new pods every
 * `slowest ready` steps until `desired` are ready, then the last drain runs to its deadline before the next role
 * starts. A planner that counted draining pods against maxSurge would wait out a deadline per batch, and miss it.
 */
function busyStepBound(scenario: Scenario): number {
  const spec = scenario.cluster.spec;
  const slowestReady = Math.max(1, ...scenario.readySteps);
  const surge = effectiveMaxSurge(spec.updateStrategy.maxSurge, spec.updateStrategy.maxUnavailable);
  let bound = 1;
  for (const role of ROLES) {
    const desired = spec.roles[role].replicas;
    if (desired > 0) bound += Math.ceil(desired / surge) * slowestReady + spec.drainTimeoutSeconds + 1;
  }
  return bound;
}

/** Runs the scenario to its steady state, calling `check` on every step; fails past the bound. */
function runToSteady(
  scenario: Scenario,
  check: (step: SimulatorStep) => void,
  bound: number = stepBound(scenario),
): number {
  const simulator = new PlanSimulator({
    cluster: scenario.cluster,
    templateHashes: HASHES,
    pods: scenario.pods,
    stepMs: STEP_MS,
    readySteps: scenario.readySteps,
    drainSteps: scenario.drainSteps,
    zonePlayers: scenario.zonePlayers,
    gatePlayers: 3,
  });
  for (let steps = 1; steps <= bound; steps++) {
    const step = simulator.step();
    check(step);
    if (steady(step.plan)) return steps;
  }
  throw new Error(`no steady state within ${bound} steps: ${JSON.stringify(simulator.step().plan.status.conditions)}`);
}

const RUNS = 60;

describe('planGameCluster properties', () => {
  it('is idempotent: the same input (in any pod order) gives the same plan, and is left unchanged', () => {
    fc.assert(
      fc.property(inputArb, fc.nat(), (input, rotation) => {
        const before = structuredClone(input);
        const plan = planGameCluster(input);
        expect(planGameCluster(input)).toEqual(plan);
        const k = input.pods.length === 0 ? 0 : rotation % input.pods.length;
        const reordered = [...input.pods.slice(k), ...input.pods.slice(0, k)].reverse();
        expect(planGameCluster({ ...input, pods: reordered })).toEqual(plan);
        expect(input).toEqual(before);
      }),
      { numRuns: 100 },
    );
  });

  it('converges to a steady state (no actions, not progressing) within a bound', () => {
    fc.assert(
      fc.property(scenarioArb(), (scenario) => {
        runToSteady(scenario, () => {});
      }),
      { numRuns: RUNS },
    );
  });

  it('never deletes a pod that serves or drains before its drain finished or its deadline', () => {
    const check = (input: PlanInput, plan: Plan) => {
      const byName = new Map(input.pods.map((pod) => [pod.name, pod]));
      for (const action of plan.actions) {
        if (action.type !== 'deletePod') continue;
        const pod = byName.get(action.pod)!;
        const finished = pod.phase === 'Failed' || pod.phase === 'Succeeded';
        const drained = pod.node !== null && (pod.node.drained || pod.node.lifecycle === 'drained');
        const pastDeadline = pod.drain !== null && input.now >= pod.drain.deadline;
        const neverServed = pod.phase === 'Pending' || (!pod.ready && pod.node?.lifecycle === 'new');
        expect({ pod: pod.name, allowed: finished || drained || pastDeadline || neverServed }).toEqual({
          pod: pod.name,
          allowed: true,
        });
      }
    };
    fc.assert(
      fc.property(inputArb, (input) => check(input, planGameCluster(input))),
      { numRuns: 200 },
    );
    fc.assert(
      fc.property(scenarioArb(), (scenario) => {
        runToSteady(scenario, (step) => check(step.input, step.plan));
      }),
      { numRuns: RUNS },
    );
  });

  it('respects maxSurge: serving pods of a role stay ≤ desired + maxSurge whenever it creates', () => {
    fc.assert(
      fc.property(scenarioArb(), (scenario) => {
        const { maxSurge, maxUnavailable } = scenario.cluster.spec.updateStrategy;
        const surge = effectiveMaxSurge(maxSurge, maxUnavailable);
        runToSteady(scenario, ({ input, plan, after }) => {
          for (const role of ROLES) {
            const creates = plan.actions.some((a) => a.type === 'createPod' && a.role === role);
            const cap = plan.desiredReplicas[role] + surge;
            if (creates) expect({ role, over: live(after, role) > cap }).toEqual({ role, over: false });
            else expect(live(after, role)).toBeLessThanOrEqual(Math.max(cap, live(input.pods, role)));
          }
        });
      }),
      { numRuns: RUNS },
    );
  });

  it('respects maxUnavailable: ready serving pods never fall below desired − maxUnavailable once there', () => {
    fc.assert(
      fc.property(scenarioArb(), (scenario) => {
        const { maxUnavailable } = scenario.cluster.spec.updateStrategy;
        runToSteady(scenario, ({ input, plan, after }) => {
          for (const role of ROLES) {
            const floor = plan.desiredReplicas[role] - maxUnavailable;
            if (readyLive(input.pods, role) >= floor) {
              expect({ role, ready: readyLive(after, role) >= floor }).toEqual({ role, ready: true });
            }
          }
        });
      }),
      { numRuns: RUNS },
    );
  });

  it('keeps the zone count within [min, max] with autoscaling on', () => {
    fc.assert(
      fc.property(scenarioArb(), (scenario) => {
        const autoscaling = scenario.cluster.spec.zoneAutoscaling;
        runToSteady(scenario, ({ plan }) => {
          if (!autoscaling.enabled) return;
          expect(plan.desiredReplicas.zone).toBeGreaterThanOrEqual(autoscaling.minReplicas);
          expect(plan.desiredReplicas.zone).toBeLessThanOrEqual(autoscaling.maxReplicas);
        });
      }),
      { numRuns: RUNS },
    );
  });

  it('completes a rollout whose old pods are all busy (drained only at their deadline), with maxUnavailable 0', () => {
    fc.assert(
      fc.property(scenarioArb({ busy: true, maxUnavailable: 0 }), (scenario) => {
        let deadlines = 0;
        runToSteady(
          scenario,
          ({ plan }) => {
            for (const action of plan.actions) {
              if (action.type === 'deletePod' && action.reason === 'drainDeadline') deadlines++;
            }
          },
          busyStepBound(scenario),
        );
        // Busy pods can only have left through their deadline.
        const oldServing = scenario.pods.length;
        const desiredTotal = ROLES.reduce((sum, role) => sum + scenario.cluster.spec.roles[role].replicas, 0);
        if (!scenario.cluster.spec.zoneAutoscaling.enabled && oldServing > 0 && desiredTotal > 0) {
          expect(deadlines).toBeGreaterThan(0);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('rolls roles in ROLES order: no role replaces old pods before every earlier role has rolled out', () => {
    fc.assert(
      fc.property(scenarioArb(), (scenario) => {
        runToSteady(scenario, ({ input, plan }) => {
          for (const [index, role] of ROLES.entries()) {
            const rolls = plan.actions.some(
              (a) =>
                (a.type === 'startDrain' && a.role === role && a.reason === 'rollout') ||
                (a.type === 'createPod' && a.role === role && live(input.pods, role) >= plan.desiredReplicas[role]),
            );
            if (!rolls) continue;
            for (const earlier of ROLES.slice(0, index)) {
              expect({
                role,
                earlier,
                rolledOut: rolledOut(input.pods, earlier, plan.desiredReplicas[earlier]),
              }).toEqual({
                role,
                earlier,
                rolledOut: true,
              });
            }
          }
        });
      }),
      { numRuns: RUNS },
    );
  });

  it('when the GameCluster is deleted, drains every pod and creates none, until no pod is left', () => {
    fc.assert(
      fc.property(scenarioArb(), (scenario) => {
        const doomed = {
          ...scenario,
          cluster: {
            ...scenario.cluster,
            metadata: { ...scenario.cluster.metadata, deletionTimestamp: new Date(T0).toISOString() },
          },
        };
        const simulator = new PlanSimulator({
          cluster: doomed.cluster,
          templateHashes: HASHES,
          pods: doomed.pods,
          drainSteps: doomed.drainSteps,
        });
        const bound = doomed.cluster.spec.drainTimeoutSeconds + 15;
        for (let steps = 0; steps < bound && simulator.observed().length > 0; steps++) {
          const { plan } = simulator.step();
          expect(plan.actions.filter((a) => a.type === 'createPod')).toEqual([]);
        }
        expect(simulator.observed()).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });
});
