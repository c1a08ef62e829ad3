// A toy cluster for the planner's tests: it plays the controller (applies a plan's actions, writes the status and
// the zone decision back, keeps the autoscaler memory) and the kubelet and nodes (a created pod becomes ready after
// its delay; a drained pod reports drained after its drain time, or never if busy; deleted pods go). Deterministic:
// delays are taken in turn from the lists it is given. It throws on an action that names a missing pod or a pod
// twice in one plan: the planner must never emit either.
import type { GameCluster, Role } from '../../api/game-cluster.ts';
import { EMPTY_AUTOSCALE_MEMORY } from '../autoscale-desired.ts';
import { planGameCluster } from '../plan-game-cluster.ts';
import type { ObservedPod, Plan, PlanAction, PlanInput } from '../plan-types.ts';
import { T0 } from './fixtures.ts';

export interface PlanSimulatorOptions {
  readonly cluster: GameCluster;
  readonly templateHashes: Readonly<Record<Role, string>>;
  readonly pods?: readonly ObservedPod[];
  /** The first step's now (default: T0). */
  readonly startMs?: number;
  readonly stepMs?: number;
  /** Steps a new (or initially not ready) pod takes to become ready, used in turn (default: [1]). */
  readonly readySteps?: readonly number[];
  /** Steps a drain takes, used in turn; Infinity is a busy pod, deleted only at its deadline (default: [1]). */
  readonly drainSteps?: readonly number[];
  /** Players the zones share (spread over the serving ones). */
  readonly zonePlayers?: number;
  /** Players on each serving gate. */
  readonly gatePlayers?: number;
  /** The planner under test (default: planGameCluster). */
  readonly planner?: (input: PlanInput) => Plan;
}

export interface SimulatorStep {
  /** What the planner was given. */
  readonly input: PlanInput;
  readonly plan: Plan;
  /** The pods right after the actions were applied, before any time passed. */
  readonly after: readonly ObservedPod[];
}

interface SimPod {
  pod: ObservedPod;
  readyAt: number | null;
  drainedAt: number | null;
}

export class PlanSimulator {
  now: number;
  cluster: GameCluster;
  autoscale = EMPTY_AUTOSCALE_MEMORY;
  readonly templateHashes: Readonly<Record<Role, string>>;
  private readonly pods = new Map<string, SimPod>();
  private readonly stepMs: number;
  private readonly readySteps: readonly number[];
  private readonly drainSteps: readonly number[];
  private readonly zonePlayers: number;
  private readonly gatePlayers: number;
  private readonly planner: (input: PlanInput) => Plan;
  private created = 0;
  private readyTurn = 0;
  private drainTurn = 0;

  constructor(options: PlanSimulatorOptions) {
    this.cluster = options.cluster;
    this.templateHashes = options.templateHashes;
    this.now = options.startMs ?? T0;
    this.stepMs = options.stepMs ?? 1000;
    this.readySteps = options.readySteps?.length ? options.readySteps : [1];
    this.drainSteps = options.drainSteps?.length ? options.drainSteps : [1];
    this.zonePlayers = options.zonePlayers ?? 0;
    this.gatePlayers = options.gatePlayers ?? 0;
    this.planner = options.planner ?? planGameCluster;
    for (const pod of options.pods ?? []) {
      const waiting = !pod.ready && pod.drain === null && pod.phase !== 'Failed' && pod.phase !== 'Succeeded';
      const draining = pod.drain !== null && pod.node !== null && !pod.node.drained;
      this.pods.set(pod.name, {
        pod,
        readyAt: waiting ? this.now + this.nextReadySteps() * this.stepMs : null,
        drainedAt: draining ? this.now + this.nextDrainSteps() * this.stepMs : null,
      });
    }
    this.spreadPlayers();
  }

  /** The pods as the controller would observe them now, by name. */
  observed(): ObservedPod[] {
    return [...this.pods.values()].map((sim) => sim.pod).sort((a, b) => (a.name < b.name ? -1 : 1));
  }

  input(): PlanInput {
    return {
      cluster: this.cluster,
      templateHashes: this.templateHashes,
      pods: this.observed(),
      now: this.now,
      autoscale: this.autoscale,
    };
  }

  /** Plans, applies the plan, then lets one step of time pass. */
  step(): SimulatorStep {
    const input = this.input();
    const plan = this.planner(input);
    this.apply(plan.actions);
    const after = this.observed();
    const zone = this.cluster.spec.roles.zone;
    this.cluster = {
      ...this.cluster,
      spec: {
        ...this.cluster.spec,
        roles: { ...this.cluster.spec.roles, zone: { ...zone, replicas: plan.desiredReplicas.zone } },
      },
      status: plan.status,
    };
    this.autoscale = plan.autoscale;
    this.now += this.stepMs;
    this.advance();
    return { input, plan, after };
  }

  private nextReadySteps(): number {
    return this.readySteps[this.readyTurn++ % this.readySteps.length]!;
  }

  private nextDrainSteps(): number {
    return this.drainSteps[this.drainTurn++ % this.drainSteps.length]!;
  }

  private apply(actions: readonly PlanAction[]): void {
    const touched = new Set<string>();
    for (const action of actions) {
      if (action.type === 'createPod') {
        const name = `${action.role}-n${String(this.created++).padStart(5, '0')}`;
        const pod: ObservedPod = {
          name,
          role: action.role,
          templateHash: action.templateHash,
          phase: 'Pending',
          ready: false,
          createdAt: this.now,
          deleting: false,
          drain: null,
          node: null,
        };
        this.pods.set(name, { pod, readyAt: this.now + this.nextReadySteps() * this.stepMs, drainedAt: null });
        continue;
      }
      const sim = this.pods.get(action.pod);
      if (sim === undefined) throw new Error(`the plan names ${action.pod}, which does not exist`);
      if (touched.has(action.pod)) throw new Error(`the plan names ${action.pod} twice`);
      touched.add(action.pod);
      if (action.type === 'deletePod') {
        this.pods.delete(action.pod);
        continue;
      }
      const node = sim.pod.node;
      sim.pod = {
        ...sim.pod,
        ready: false,
        drain: { startedAt: action.startedAt, deadline: action.deadline },
        // A drain moves the node's players elsewhere.
        node: node === null ? null : { ...node, lifecycle: 'draining', players: 0, load: 0 },
      };
      sim.readyAt = null;
      // An unreachable node never reports its drain done: it is deleted at its deadline.
      sim.drainedAt = node === null ? Infinity : this.now + this.nextDrainSteps() * this.stepMs;
    }
  }

  private advance(): void {
    for (const [name, sim] of this.pods) {
      if (sim.pod.deleting) {
        this.pods.delete(name);
        continue;
      }
      if (sim.readyAt !== null && sim.readyAt <= this.now) {
        sim.pod = {
          ...sim.pod,
          phase: 'Running',
          ready: true,
          node: { lifecycle: 'started', players: 0, load: 0, drained: false },
        };
        sim.readyAt = null;
      }
      if (sim.drainedAt !== null && sim.drainedAt <= this.now && sim.pod.node !== null) {
        sim.pod = { ...sim.pod, node: { lifecycle: 'drained', players: 0, load: 0, drained: true } };
        sim.drainedAt = null;
      }
    }
    this.spreadPlayers();
  }

  /** Zones share zonePlayers (a drain moves players, it does not lose them); each serving gate holds gatePlayers;
   * a pod that does not serve has none. */
  private spreadPlayers(): void {
    const serving = (sim: SimPod) =>
      sim.pod.ready && sim.pod.drain === null && sim.pod.node !== null && sim.pod.node.lifecycle === 'started';
    for (const sim of this.pods.values()) {
      const node = sim.pod.node;
      if (node !== null && !serving(sim)) sim.pod = { ...sim.pod, node: { ...node, players: 0, load: 0 } };
    }
    const zones = [...this.pods.values()].filter((sim) => sim.pod.role === 'zone' && serving(sim));
    zones.sort((a, b) => (a.pod.name < b.pod.name ? -1 : 1));
    zones.forEach((sim, i) => {
      const players = Math.floor(this.zonePlayers / zones.length) + (i < this.zonePlayers % zones.length ? 1 : 0);
      sim.pod = { ...sim.pod, node: { ...sim.pod.node!, players, load: players / 100 } };
    });
    for (const sim of this.pods.values()) {
      if (sim.pod.role === 'gate' && serving(sim)) {
        sim.pod = { ...sim.pod, node: { ...sim.pod.node!, players: this.gatePlayers, load: this.gatePlayers / 100 } };
      }
    }
  }
}
