// Benchmark `operator.plan`: p99 ms of planning a 200-pod GameCluster mid-rollout (seeded random observed states:
// a role rolling, the roles before it rolled out, the roles after it waiting, with draining, pending, failed and
// unreachable pods and zone autoscaling on), against the same plan computed by the naive planner (every question
// re-filters the whole pod list), in the same run and on the same states. Both must give equal plans, or it fails.
// Reported: the p99 of the least disturbed of several rounds, for both planners alike (why: where p99 is computed).
import { performance } from 'node:perf_hooks';
import type { GameCluster, Role } from '../../operator/src/api/game-cluster.ts';
import { ROLES } from '../../operator/src/api/game-cluster.ts';
import {
  EMPTY_AUTOSCALE_MEMORY,
  type ObservedPod,
  type Plan,
  type PlanInput,
  planGameCluster,
} from '../../operator/src/plan/index.ts';
import { naivePlanGameCluster, T0, testCluster } from '../../operator/src/plan/testing/index.ts';
import { benchOptionsFromArgv, collectGarbage } from './harness/options.ts';
import { emitFigure, log } from './harness/report.ts';

const REPLICAS: Record<Role, number> = { db: 10, world: 30, match: 20, zone: 100, gate: 40 };
const BAR_MS = 5;

const { quick } = benchOptionsFromArgv();
const STATES = quick ? 200 : 500;
const ROUNDS = quick ? 5 : 9;
const PASSES_PER_ROUND = quick ? 5 : 8;
const WARMUP_PASSES = quick ? 5 : 10;

let seed = 0x5eed_1234;
function random(): number {
  seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
  return seed / 2 ** 32;
}
const chance = (p: number) => random() < p;
const between = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));

function cluster(): GameCluster {
  return testCluster({
    replicas: REPLICAS,
    maxSurge: between(1, 10),
    maxUnavailable: between(0, 5),
    drainTimeoutSeconds: 60,
    autoscaling: {
      enabled: true,
      minReplicas: 50,
      maxReplicas: 150,
      targetPlayersPerPod: 100,
      scaleDownStabilizationSeconds: 300,
    },
    status: { version: '1.0.0' },
  });
}

/** A pod on `hash`, mostly serving; now and then pending, not ready, unreachable, failed or draining. */
function pod(role: Role, index: number, hash: string): ObservedPod {
  const players = role === 'zone' || role === 'gate' ? between(0, 150) : 0;
  const base: ObservedPod = {
    name: `${role}-${hash}-${index.toString(36).padStart(4, '0')}`,
    role,
    templateHash: hash,
    phase: 'Running',
    ready: true,
    createdAt: T0 - between(1, 3600) * 1000,
    deleting: false,
    drain: null,
    node: { lifecycle: 'started', players, load: players / 100, drained: false },
  };
  const roll = random();
  if (roll < 0.03) return { ...base, phase: 'Pending', ready: false, node: null, createdAt: T0 - 2000 };
  if (roll < 0.05) return { ...base, ready: false };
  if (roll < 0.06) return { ...base, node: null };
  if (roll < 0.07) return { ...base, phase: 'Failed', ready: false, node: null };
  if (roll < 0.12) {
    const startedAt = T0 - between(0, 90) * 1000;
    const drained = chance(0.3);
    return {
      ...base,
      ready: false,
      drain: { startedAt, deadline: startedAt + 60_000 },
      node: { lifecycle: drained ? 'drained' : 'draining', players: 0, load: 0, drained },
    };
  }
  return base;
}

/** One observed state of the cluster while role `rolling` replaces its pods. */
function midRolloutState(): PlanInput {
  const rolling = between(0, ROLES.length - 1);
  const pods: ObservedPod[] = [];
  let index = 0;
  for (const [r, role] of ROLES.entries()) {
    const count = REPLICAS[role];
    const updated = r < rolling ? count : r > rolling ? 0 : between(0, count);
    for (let i = 0; i < count; i++) pods.push(pod(role, index++, i < updated ? `${role}-v2` : `${role}-v1`));
  }
  // The informer lists pods in no particular order.
  for (let i = pods.length - 1; i > 0; i--) {
    const j = between(0, i);
    [pods[i], pods[j]] = [pods[j]!, pods[i]!];
  }
  const templateHashes = Object.fromEntries(ROLES.map((role) => [role, `${role}-v2`])) as Record<Role, string>;
  return { cluster: cluster(), templateHashes, pods, now: T0, autoscale: EMPTY_AUTOSCALE_MEMORY };
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

const states = Array.from({ length: STATES }, midRolloutState);
for (const [i, state] of states.entries()) {
  if (JSON.stringify(planGameCluster(state)) !== JSON.stringify(naivePlanGameCluster(state))) {
    log(`operator.plan: the naive planner disagrees with planGameCluster on state ${i}; the comparison would be void`);
    process.exit(1);
  }
}

// Consumed at the end so the JIT cannot drop the work.
let sink = 0;
function timeOne(planner: (input: PlanInput) => Plan, input: PlanInput): number {
  const start = performance.now();
  const plan = planner(input);
  const elapsed = performance.now() - start;
  sink += plan.actions.length;
  return elapsed;
}

/** One pass of a planner over every state, each plan timed alone; it pays for its own garbage, no one else's. */
function pass(planner: (input: PlanInput) => Plan, samples: Float64Array, offset: number): void {
  collectGarbage();
  for (const [i, state] of states.entries()) samples[offset + i] = timeOne(planner, state);
}

interface Round {
  readonly fast: Float64Array;
  readonly naive: Float64Array;
}

/** A round: PASSES_PER_ROUND passes of each planner, alternating which goes first; samples sorted. */
function round(): Round {
  const fast = new Float64Array(STATES * PASSES_PER_ROUND);
  const naive = new Float64Array(STATES * PASSES_PER_ROUND);
  for (let p = 0; p < PASSES_PER_ROUND; p++) {
    const first = p % 2 === 0;
    pass(first ? planGameCluster : naivePlanGameCluster, first ? fast : naive, p * STATES);
    pass(first ? naivePlanGameCluster : planGameCluster, first ? naive : fast, p * STATES);
  }
  return { fast: fast.sort(), naive: naive.sort() };
}

log(
  `operator.plan: ${STATES} states of ${states[0]!.pods.length} pods, ${ROUNDS} rounds of ${PASSES_PER_ROUND} passes ` +
    `(after ${WARMUP_PASSES} warm-up)`,
);
for (let p = 0; p < WARMUP_PASSES; p++) {
  for (const state of states) {
    timeOne(planGameCluster, state);
    timeOne(naivePlanGameCluster, state);
  }
}
const rounds: Round[] = [];
for (let r = 0; r < ROUNDS; r++) {
  const result = round();
  rounds.push(result);
  log(
    `  round ${r + 1}: planGameCluster p50 ${percentile(result.fast, 0.5).toFixed(4)} ms, p99 ${percentile(result.fast, 0.99).toFixed(4)} ms; ` +
      `naive p50 ${percentile(result.naive, 0.5).toFixed(4)} ms, p99 ${percentile(result.naive, 0.99).toFixed(4)} ms`,
  );
}
// The least disturbed round of each (as bestOf does for rates): on shared cores a p99 otherwise measures the
// neighbours' load. Every round's figures are logged above, and the median round's p99 goes out with the figure.
const fastP99s = rounds.map((r) => percentile(r.fast, 0.99)).sort((a, b) => a - b);
const naiveP99s = rounds.map((r) => percentile(r.naive, 0.99)).sort((a, b) => a - b);
const p99 = fastP99s[0]!;
const baselineP99 = naiveP99s[0]!;
const median = (values: number[]) => values[Math.floor(values.length / 2)]!;
log(`  sink ${sink & 1}`);

emitFigure({
  bench: 'operator.plan',
  value: p99,
  unit: 'ms (p99 per plan, 200 pods)',
  baseline: 'naive planner (re-filters the pod list per role and group) p99 ms',
  baselineValue: baselineP99,
  better: 'lower',
  barMs: BAR_MS,
  barMet: p99 <= BAR_MS,
  pods: states[0]!.pods.length,
  states: STATES,
  rounds: ROUNDS,
  samplesPerRound: STATES * PASSES_PER_ROUND,
  medianRoundP99Ms: median(fastP99s),
  baselineMedianRoundP99Ms: median(naiveP99s),
  p50Ms: median(rounds.map((r) => percentile(r.fast, 0.5))),
  baselineP50Ms: median(rounds.map((r) => percentile(r.naive, 0.5))),
});
