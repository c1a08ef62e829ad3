// fast-check generators of planner inputs, shared by the planner's property tests: specs (replicas, maxSurge,
// maxUnavailable, drain timeout, zone autoscaling), pods in every state the rules distinguish (ready, pending,
// starting, unreachable, failed, exited, draining, drained, leaving on their own, being deleted; on the current
// template or an old one), and whole simulated scenarios (readiness delays, drain times, busy pods).
import fc from 'fast-check';
import type { GameCluster, Role } from '../../api/game-cluster.ts';
import { ROLES } from '../../api/game-cluster.ts';
import { EMPTY_AUTOSCALE_MEMORY } from '../autoscale-desired.ts';
import type { ObservedPod, PlanInput } from '../plan-types.ts';
import { T0, testCluster } from './fixtures.ts';

/** Every role's current template hash is `${role}-v2`; old pods carry `${role}-v1`. */
export const NEW = (role: Role) => `${role}-v2`;
export const OLD = (role: Role) => `${role}-v1`;
export const HASHES = Object.fromEntries(ROLES.map((role) => [role, NEW(role)])) as Record<Role, string>;

/** The type of the values an arbitrary generates. */
type Generated<A> = A extends fc.Arbitrary<infer T> ? T : never;

export interface Scenario {
  readonly cluster: GameCluster;
  readonly pods: ObservedPod[];
  readonly readySteps: number[];
  readonly drainSteps: number[];
  readonly zonePlayers: number;
}

export const POD_STATES = [
  'ready',
  'pending',
  'notReady',
  'starting',
  'unreachable',
  'failed',
  'succeeded',
  'draining',
  'drainingUnreachable',
  'drained',
  'leaving',
  'deleting',
] as const;
export type PodState = (typeof POD_STATES)[number];

export const podSeedArb = fc.record({
  old: fc.boolean(),
  state: fc.constantFrom(...POD_STATES),
  players: fc.integer({ min: 0, max: 60 }),
  drainLeftS: fc.integer({ min: -3, max: 10 }),
});

export function podFrom(role: Role, index: number, seed: Generated<typeof podSeedArb>, drainS: number): ObservedPod {
  const base: ObservedPod = {
    name: `${role}-i${index}`,
    role,
    templateHash: seed.old ? OLD(role) : NEW(role),
    phase: 'Running',
    ready: true,
    createdAt: T0 - 600_000,
    deleting: false,
    drain: null,
    node: { lifecycle: 'started', players: seed.players, load: seed.players / 100, drained: false },
  };
  const drain = { startedAt: T0 + seed.drainLeftS * 1000 - drainS * 1000, deadline: T0 + seed.drainLeftS * 1000 };
  const state: PodState = seed.state;
  switch (state) {
    case 'ready':
      return base;
    case 'pending':
      return { ...base, phase: 'Pending', ready: false, node: null };
    case 'notReady':
      return { ...base, ready: false };
    case 'starting':
      return { ...base, ready: false, node: { lifecycle: 'new', players: 0, load: 0, drained: false } };
    case 'unreachable':
      return { ...base, node: null };
    case 'failed':
      return { ...base, phase: 'Failed', ready: false, node: null };
    case 'succeeded':
      return { ...base, phase: 'Succeeded', ready: false, node: null };
    case 'draining':
      return { ...base, ready: false, drain, node: { lifecycle: 'draining', players: 0, load: 0, drained: false } };
    case 'drainingUnreachable':
      return { ...base, ready: false, drain, node: null };
    case 'drained':
      return { ...base, ready: false, drain, node: { lifecycle: 'drained', players: 0, load: 0, drained: true } };
    case 'leaving':
      return { ...base, ready: false, node: { lifecycle: 'draining', players: seed.players, load: 0, drained: false } };
    case 'deleting':
      return { ...base, deleting: true };
  }
}

export const specArb = fc.record({
  replicas: fc.record({
    db: fc.integer({ min: 0, max: 3 }),
    world: fc.integer({ min: 0, max: 3 }),
    match: fc.integer({ min: 0, max: 3 }),
    zone: fc.integer({ min: 0, max: 4 }),
    gate: fc.integer({ min: 0, max: 3 }),
  }),
  maxSurge: fc.integer({ min: 0, max: 2 }),
  maxUnavailable: fc.integer({ min: 0, max: 2 }),
  drainTimeoutSeconds: fc.integer({ min: 1, max: 8 }),
  autoscaling: fc.option(
    fc.record({
      minReplicas: fc.integer({ min: 1, max: 2 }),
      span: fc.integer({ min: 0, max: 3 }),
      targetPlayersPerPod: fc.integer({ min: 10, max: 60 }),
      scaleDownStabilizationSeconds: fc.integer({ min: 0, max: 6 }),
    }),
  ),
});

export function clusterFrom(spec: Generated<typeof specArb>, deleting = false): GameCluster {
  const a = spec.autoscaling;
  return testCluster({
    replicas: spec.replicas,
    maxSurge: spec.maxSurge,
    maxUnavailable: spec.maxUnavailable,
    drainTimeoutSeconds: spec.drainTimeoutSeconds,
    deleting,
    ...(a === null
      ? {}
      : {
          autoscaling: {
            enabled: true,
            minReplicas: a.minReplicas,
            maxReplicas: a.minReplicas + a.span,
            targetPlayersPerPod: a.targetPlayersPerPod,
            scaleDownStabilizationSeconds: a.scaleDownStabilizationSeconds,
          },
        }),
  });
}

export const roleSeedsArb = fc.record({
  db: fc.array(podSeedArb, { maxLength: 4 }),
  world: fc.array(podSeedArb, { maxLength: 4 }),
  match: fc.array(podSeedArb, { maxLength: 4 }),
  zone: fc.array(podSeedArb, { maxLength: 5 }),
  gate: fc.array(podSeedArb, { maxLength: 4 }),
});

export function podsFrom(
  seeds: Generated<typeof roleSeedsArb>,
  drainS: number,
  keep: (state: PodState) => boolean,
): ObservedPod[] {
  return ROLES.flatMap((role) =>
    seeds[role].filter((seed) => keep(seed.state)).map((seed, i) => podFrom(role, i, seed, drainS)),
  );
}

/** Any spec and any state, failed and unreachable pods included: for single plans. */
export const inputArb = fc
  .record({
    spec: specArb,
    seeds: roleSeedsArb,
    deleting: fc.boolean(),
    memoryAgeS: fc.option(fc.integer({ min: 0, max: 10 })),
  })
  .map(({ spec, seeds, deleting, memoryAgeS }): PlanInput => {
    const cluster = clusterFrom(spec, deleting);
    return {
      cluster,
      templateHashes: HASHES,
      pods: podsFrom(seeds, spec.drainTimeoutSeconds, () => true),
      now: T0,
      autoscale: memoryAgeS === null ? EMPTY_AUTOSCALE_MEMORY : { lowerSince: T0 - memoryAgeS * 1000, lowerPeak: 1 },
    };
  });

/**
 * Simulated runs. Unreachable serving pods are left out (the simulator never brings them back, and a role that
 * cannot see its pods is not expected to converge); every other state is in.
 */
export function scenarioArb(options: { busy?: boolean; maxUnavailable?: number } = {}): fc.Arbitrary<Scenario> {
  return fc
    .record({
      spec: specArb,
      seeds: roleSeedsArb,
      readySteps: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 5 }),
      drainSteps: fc.array(fc.oneof(fc.integer({ min: 0, max: 4 }), fc.constant(Infinity)), {
        minLength: 1,
        maxLength: 5,
      }),
      zonePlayers: fc.integer({ min: 0, max: 200 }),
    })
    .map(({ spec, seeds, readySteps, drainSteps, zonePlayers }) => {
      // Busy runs have a tight step bound (busyStepBound), so the zone count must not move under them.
      const tuned = {
        ...spec,
        maxUnavailable: options.maxUnavailable ?? spec.maxUnavailable,
        autoscaling: options.busy ? null : spec.autoscaling,
      };
      const keep = (state: PodState) => state !== 'unreachable' && state !== 'drainingUnreachable';
      // Busy runs start from a steady cluster on the old templates: every role at its replicas, every pod ready.
      const pods = options.busy
        ? ROLES.flatMap((role) =>
            Array.from({ length: spec.replicas[role] }, (_, i) => ({
              ...podFrom(role, i, { old: true, state: 'ready', players: 10 + i, drainLeftS: 0 }, 0),
            })),
          )
        : podsFrom(seeds, spec.drainTimeoutSeconds, keep);
      return {
        cluster: clusterFrom(tuned),
        pods,
        readySteps,
        drainSteps: options.busy ? [Infinity] : drainSteps,
        zonePlayers,
      };
    });
}
